import Foundation

/// How well parameters predict a review history: fsrs-rs's `evaluate` metrics.
public struct Evaluation: Sendable, Equatable {
    /// Recency-weighted binary cross-entropy of predicted retrievability against recall.
    public var logLoss: Double
    /// Root mean square error between mean predicted and observed recall over bins of
    /// (elapsed days, review count, lapses), weighted by bin size.
    public var rmseBins: Double
    /// Training items evaluated.
    public var items: Int
}

extension Evaluation {
    /// Evaluates `parameters` on every item of `set` (both cores).
    static func evaluate(_ parameters: [Double], on set: TrainingSet) -> Evaluation {
        let model = TrainingModel<Double>(parameters)
        let shardCount = Parallel.shardCount(for: set.cards.count)
        let partials = Parallel.map(shards: shardCount) { shard -> (Double, Double, [Int64: Bin]) in
            var loss = 0.0
            var weightSum = 0.0
            var bins: [Int64: Bin] = [:]
            var cardIndex = shard
            while cardIndex < set.cards.count {
                let card = set.cards[cardIndex]
                let weights = set.weights[cardIndex]
                var (stability, difficulty) = model.initialState(rating: Int(card.ratings[0]))
                var lapses = 0
                for review in card.ratings.indices.dropFirst() {
                    let days = Int(card.elapsedDays[review])
                    let rating = Int(card.ratings[review])
                    if days > 0 {
                        let predicted = model.retrievability(elapsedDays: days, stability: stability)
                            .clamped(Loss.minimumProbability, Loss.maximumProbability)
                        let recalled = rating > 1 ? 1.0 : 0.0
                        let weight = weights[review]
                        loss -= weight * (recalled * log(predicted) + (1 - recalled) * log(1 - predicted))
                        weightSum += weight
                        let key = Bin.key(elapsedDays: days, length: review, lapses: lapses)
                        bins[key, default: Bin()].add(predicted: predicted, recalled: recalled)
                        if rating == 1 { lapses += 1 }
                    }
                    (stability, difficulty) = model.next(
                        stability: stability, difficulty: difficulty, elapsedDays: days, rating: rating)
                }
                cardIndex += shardCount
            }
            return (loss, weightSum, bins)
        }
        var loss = 0.0
        var weightSum = 0.0
        var bins: [Int64: Bin] = [:]
        for (shardLoss, shardWeight, shardBins) in partials {
            loss += shardLoss
            weightSum += shardWeight
            bins.merge(shardBins) { $0.merged(with: $1) }
        }
        var squares = 0.0
        var count = 0.0
        for bin in bins.values {
            let difference = bin.predicted / bin.count - bin.recalled / bin.count
            squares += difference * difference * bin.count
            count += bin.count
        }
        return Evaluation(
            logLoss: weightSum > 0 ? loss / weightSum : 0,
            rmseBins: count > 0 ? (squares / count).squareRoot() : 0,
            items: set.itemCount)
    }

    /// Sums over one bin of items.
    struct Bin: Sendable {
        var predicted = 0.0
        var recalled = 0.0
        var count = 0.0

        mutating func add(predicted: Double, recalled: Double) {
            self.predicted += predicted
            self.recalled += recalled
            count += 1
        }

        func merged(with other: Bin) -> Bin {
            Bin(
                predicted: predicted + other.predicted, recalled: recalled + other.recalled,
                count: count + other.count)
        }

        /// fsrs-rs's bins: elapsed days, history length and lapses each rounded down to a power
        /// of 3.62, 1.89 and 1.73 respectively.
        static func key(elapsedDays: Int, length: Int, lapses: Int) -> Int64 {
            func bin(_ value: Int, base: Double, scale: Double) -> Int64 {
                guard value > 0 else { return 0 }
                let power = pow(base, (log(Double(value)) / log(base)).rounded(.down))
                return Int64((scale * power * 100).rounded())
            }
            let days = bin(elapsedDays, base: 3.62, scale: 2.48)
            let reviews = bin(length, base: 1.89, scale: 1.99)
            let lapseBin = bin(lapses, base: 1.73, scale: 1.65)
            return (days << 40) | (reviews << 20) | lapseBin
        }
    }
}
