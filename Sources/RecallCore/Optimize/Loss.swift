import Foundation

/// The training loss and its exact gradient: recency-weighted binary cross-entropy of the
/// predicted retrievability against recall, summed over a batch's items (fsrs-rs, `Reduction::Sum`).
enum Loss {
    /// Predictions are clamped to this range before the logarithm (fsrs-rs MIN_PROB/MAX_PROB).
    static let minimumProbability = 0.0001
    static let maximumProbability = 0.9999

    /// fsrs-rs's `PARAMS_STDDEV`: how far each parameter usually lies from the default,
    /// which scales the pull back toward the starting parameters.
    static let parameterDeviations: [Double] = [
        6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25,
        1.03, 0.31, 0.32, 0.14, 0.27,
    ]

    /// The loss and gradient over the items of `cards` (indices into `set`), using both cores.
    static func lossAndGradient(
        _ parameters: [Double], set: TrainingSet, cards: ArraySlice<Int>
    ) -> (loss: Double, gradient: [Double]) {
        let shardCount = Parallel.shardCount(for: cards.count * 16)
        let count = cards.count
        let indices = Array(cards)
        let partials = Parallel.map(shards: shardCount) { shard -> (Double, Dual.Gradient) in
            let part = Parallel.range(ofShard: shard, of: shardCount, count: count)
            return lossAndGradient(parameters, set: set, cards: indices[part])
        }
        return summed(partials)
    }

    /// The loss and gradient over `items` (sorted by card, then review), using both cores:
    /// analytically propagated (`AnalyticGradient`), or by dual numbers as the reference.
    static func lossAndGradient(
        _ parameters: [Double], set: TrainingSet, items: ArraySlice<TrainingSet.Item>, analytic: Bool = true
    ) -> (loss: Double, gradient: [Double]) {
        let shardCount = Parallel.shardCount(for: items.count)
        let base = items.startIndex
        let count = items.count
        let partials = Parallel.map(shards: shardCount) { shard -> (Double, Dual.Gradient) in
            let range = Parallel.range(ofShard: shard, of: shardCount, count: count)
            let part = items[(base + range.lowerBound)..<(base + range.upperBound)]
            guard analytic else {
                let total = Self.loss(
                    parameters.enumerated().map { Dual.parameter($1, index: $0) }, set: set, items: part)
                return (total.value, total.gradient)
            }
            return AnalyticGradient(parameters).loss(set: set, items: part)
        }
        return summed(partials)
    }

    /// The shards' losses and gradients added up, the gradient as one entry per parameter.
    private static func summed(_ partials: [(Double, Dual.Gradient)]) -> (loss: Double, gradient: [Double]) {
        var loss = 0.0
        var gradient = Dual.Gradient.zero
        for (shardLoss, shardGradient) in partials {
            loss += shardLoss
            gradient += shardGradient
        }
        return (loss, (0..<FSRS.parameterCount).map { gradient[$0] })
    }

    /// The summed weighted log loss of `items` (sorted by card, then review): each card is
    /// replayed once, up to its last item here, picking up the predictions of its items on the way.
    static func loss<T: ModelScalar>(_ w: [T], set: TrainingSet, items: ArraySlice<TrainingSet.Item>) -> T {
        let model = TrainingModel<T>(w)
        var loss = T(0)
        var position = items.startIndex
        while position < items.endIndex {
            let cardIndex = Int(items[position].card)
            let card = set.cards[cardIndex]
            let weights = set.weights[cardIndex]
            var (stability, difficulty) = model.initialState(rating: Int(card.ratings[0]))
            var review = 1
            while position < items.endIndex && Int(items[position].card) == cardIndex {
                let target = Int(items[position].review)
                while review < target {
                    (stability, difficulty) = model.next(
                        stability: stability, difficulty: difficulty,
                        elapsedDays: Int(card.elapsedDays[review]),
                        rating: Int(card.ratings[review]))
                    review += 1
                }
                let predicted = model.retrievability(
                    elapsedDays: Int(card.elapsedDays[target]), stability: stability
                )
                .clamped(minimumProbability, maximumProbability)
                let term = card.ratings[target] > 1 ? predicted.logarithm() : (T(1) - predicted).logarithm()
                loss = loss + term * -weights[target]
                position += 1
            }
        }
        return loss
    }

    /// The same on the current thread, by forward-mode differentiation (`Dual`).
    static func lossAndGradient(
        _ parameters: [Double], set: TrainingSet, cards: some Collection<Int>
    ) -> (Double, Dual.Gradient) {
        let loss = loss(parameters.enumerated().map { Dual.parameter($1, index: $0) }, set: set, cards: cards)
        return (loss.value, loss.gradient)
    }

    /// The summed weighted log loss of the items of `cards`, in any number type.
    static func loss<T: ModelScalar>(_ w: [T], set: TrainingSet, cards: some Collection<Int>) -> T {
        let model = TrainingModel<T>(w)
        var loss = T(0)
        for cardIndex in cards {
            let card = set.cards[cardIndex]
            let weights = set.weights[cardIndex]
            var (stability, difficulty) = model.initialState(rating: Int(card.ratings[0]))
            for review in card.ratings.indices.dropFirst() {
                let days = Int(card.elapsedDays[review])
                let rating = Int(card.ratings[review])
                let weight = weights[review]
                if weight > 0 {
                    let predicted = model.retrievability(elapsedDays: days, stability: stability)
                        .clamped(minimumProbability, maximumProbability)
                    let term = rating > 1 ? predicted.logarithm() : (T(1) - predicted).logarithm()
                    loss = loss + term * -weight
                }
                (stability, difficulty) = model.next(
                    stability: stability, difficulty: difficulty, elapsedDays: days, rating: rating)
            }
        }
        return loss
    }

    /// fsrs-rs's L2 pull toward the starting parameters, scaled by the batch's share of the
    /// items: `gamma · batch/total · Σ (w - w₀)² / σ²` (gamma = 1), and its gradient.
    static func penalty(
        _ parameters: [Double], initial: [Double], batchItems: Int, totalItems: Int
    ) -> (loss: Double, gradient: [Double]) {
        let scale = Double(batchItems) / Double(max(totalItems, 1))
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: parameters.count)
        for index in parameters.indices {
            let variance = parameterDeviations[index] * parameterDeviations[index]
            let difference = parameters[index] - initial[index]
            loss += scale * difference * difference / variance
            gradient[index] = 2 * scale * difference / variance
        }
        return (loss, gradient)
    }
}
