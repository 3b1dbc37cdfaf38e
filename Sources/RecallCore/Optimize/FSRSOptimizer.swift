import Foundation

/// Fits the 21 FSRS-6 parameters to one learner's reviews, as fsrs-rs's `compute_parameters`
/// does (§8 of fsrs6.md): outlier filter, pretraining of w0…w3, then Adam on the
/// recency-weighted log loss with an L2 pull toward the start, clipping after every step.
public struct FSRSOptimizer: Sendable {
    /// How to train.
    public struct Options: Sendable, Equatable {
        public var epochs = 5
        public var batchSize = 512
        public var learningRate = 0.04
        /// Seeds the shuffling of batches (fsrs-rs uses 2023).
        public var seed: UInt64 = 2023
        /// Below this many reviews the defaults are kept.
        public var minimumReviews = 400
        /// Whether to drop fsrs-rs's outliers (its env var FSRS_NO_OUTLIER turns this off).
        public var removesOutliers = true

        public init() {}
    }

    /// Where training is, passed to the progress callback after every step.
    public struct Progress: Sendable, Equatable {
        public var step: Int
        public var steps: Int
        public var epoch: Int
        /// Mean loss per item over the epoch's steps so far (without the L2 term).
        public var loss: Double
    }

    /// What came out.
    public struct Result: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            /// Trained on the history.
            case fitted
            /// Too few reviews (or no first long-term review): the parameters are the defaults.
            case notEnoughReviews(minimum: Int)
        }

        public var outcome: Outcome
        public var parameters: [Double]
        /// The default parameters' fit to the history.
        public var defaultEvaluation: Evaluation
        /// The returned parameters' fit to the same history.
        public var fittedEvaluation: Evaluation
        public var reviews: Int
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Fits parameters to `history`, and evaluates them and the defaults on it.
    ///
    /// - Parameters:
    ///   - progress: called on this thread after every optimizer step.
    ///   - cancellation: checked between steps.
    /// - Throws: `OptimizerError.cancelled` if `cancellation` was set.
    public func fit(
        _ history: ReviewHistory, cancellation: CancellationFlag? = nil,
        progress: (Progress) -> Void = { _ in }
    ) throws(OptimizerError) -> Result {
        let allCards = TrainingSet.cards(from: history)
        let everything = TrainingSet(cards: allCards)
        let (outcome, parameters) = try fitParameters(
            allCards, everything: everything, reviews: history.reviewCount, cancellation: cancellation,
            progress: progress)
        let defaults = SchedulerSettings.defaultParameters
        let defaultEvaluation = Evaluation.evaluate(defaults, on: everything)
        return Result(
            outcome: outcome, parameters: parameters, defaultEvaluation: defaultEvaluation,
            fittedEvaluation: parameters == defaults
                ? defaultEvaluation : Evaluation.evaluate(parameters, on: everything),
            reviews: history.reviewCount)
    }

    /// The fitted parameters alone, without evaluating them: what fsrs-rs's `compute_parameters`
    /// does, so that the two can be timed alike.
    public func computeParameters(
        _ history: ReviewHistory, cancellation: CancellationFlag? = nil,
        progress: (Progress) -> Void = { _ in }
    ) throws(OptimizerError) -> [Double] {
        let allCards = TrainingSet.cards(from: history)
        return try fitParameters(
            allCards, everything: TrainingSet(cards: allCards), reviews: history.reviewCount,
            cancellation: cancellation, progress: progress
        ).parameters
    }

    private func fitParameters(
        _ allCards: [TrainingSet.Card], everything: TrainingSet, reviews: Int,
        cancellation: CancellationFlag?,
        progress: (Progress) -> Void
    ) throws(OptimizerError) -> (outcome: Result.Outcome, parameters: [Double]) {
        let defaults = SchedulerSettings.defaultParameters
        let keepDefaults = (Result.Outcome.notEnoughReviews(minimum: options.minimumReviews), defaults)
        guard reviews >= options.minimumReviews, everything.itemCount >= 8 else { return keepDefaults }

        let trainingCards = options.removesOutliers ? TrainingSet.removingOutliers(allCards) : allCards
        let averageRecall = Self.averageRecall(everything)
        let (pretrained, counts) = Pretrain.initialStabilities(
            cards: trainingCards, averageRecall: averageRecall)
        guard let initialS0 = Pretrain.smoothAndFill(pretrained, counts: counts) else { return keepDefaults }
        let start = ParameterClipper.clip(initialS0 + defaults[4...])

        let training = TrainingSet(cards: trainingCards)
        var parameters = start
        // fsrs-rs returns the pretrained S0 alone with fewer than 64 items or no item beyond the first.
        let onlyPretrainItems = training.cards.allSatisfy { $0.targetCount <= 1 }
        if training.itemCount >= 64 && !onlyPretrainItems {
            parameters = try train(from: start, on: training, cancellation: cancellation, progress: progress)
            var trainedS0: [Int: Double] = [:]
            for rating in 1...4 { trainedS0[rating] = parameters[rating - 1] }
            if let smoothed = Pretrain.smoothAndFill(trainedS0, counts: counts) {
                parameters.replaceSubrange(0..<4, with: smoothed)
            }
            parameters = ParameterClipper.clip(parameters)
        }
        return (.fitted, parameters)
    }

    static func averageRecall(_ set: TrainingSet) -> Double {
        var recalled = 0
        var items = 0
        for card in set.cards {
            for review in card.elapsedDays.indices.dropFirst() where card.elapsedDays[review] > 0 {
                items += 1
                if card.ratings[review] > 1 { recalled += 1 }
            }
        }
        return items > 0 ? Double(recalled) / Double(items) : 0
    }

    /// fsrs-rs's batches: the items (in time order) stably sorted by length and cut into
    /// `batchSize`; within a batch sorted by card so that `Loss` replays each card once.
    func batches(of set: TrainingSet) -> [ArraySlice<TrainingSet.Item>] {
        var items = set.items.enumerated().map { ($0.offset, $0.element) }
        items.sort { ($0.1.review, $0.0) < ($1.1.review, $1.0) }
        var result: [ArraySlice<TrainingSet.Item>] = []
        var start = 0
        while start < items.count {
            var batch = items[start..<min(start + options.batchSize, items.count)].map(\.1)
            batch.sort { ($0.card, $0.review) < ($1.card, $1.review) }
            result.append(batch[...])
            start += options.batchSize
        }
        return result
    }

    private func train(
        from start: [Double], on set: TrainingSet, cancellation: CancellationFlag?,
        progress: (Progress) -> Void
    ) throws(OptimizerError) -> [Double] {
        var batches = batches(of: set)
        let batchItems = batches.map(\.count)
        var order = Array(batches.indices)
        let steps = batches.count * options.epochs
        var adam = Adam(count: start.count)
        var parameters = start
        var rng = SplitMix64(seed: options.seed)
        var step = 0
        for epoch in 1...options.epochs {
            order.shuffle(using: &rng)
            var epochLoss = 0.0
            var epochItems = 0
            for batchIndex in order {
                if cancellation?.isCancelled == true { throw .cancelled }
                let (loss, gradient) = Loss.lossAndGradient(parameters, set: set, items: batches[batchIndex])
                let penalty = Loss.penalty(
                    parameters, initial: start, batchItems: batchItems[batchIndex], totalItems: set.itemCount)
                let total = zip(gradient, penalty.gradient).map { $0 + $1 }
                // Cosine annealing from the learning rate to 0 over all steps.
                let rate = 0.5 * options.learningRate * (1 + cos(Double.pi * Double(step) / Double(steps)))
                parameters = ParameterClipper.clip(adam.step(parameters, gradient: total, learningRate: rate))
                step += 1
                epochLoss += loss
                epochItems += batchItems[batchIndex]
                progress(
                    Progress(
                        step: step, steps: steps, epoch: epoch, loss: epochLoss / Double(max(epochItems, 1))))
            }
        }
        batches.removeAll()
        return parameters
    }
}

/// Adam with β = (0.9, 0.999) and ε = 1e-8 (fsrs-rs's settings).
struct Adam {
    private var firstMoment: [Double]
    private var secondMoment: [Double]
    private var steps = 0
    private let beta1 = 0.9
    private let beta2 = 0.999
    private let epsilon = 1e-8

    init(count: Int) {
        firstMoment = Array(repeating: 0, count: count)
        secondMoment = Array(repeating: 0, count: count)
    }

    mutating func step(_ parameters: [Double], gradient: [Double], learningRate: Double) -> [Double] {
        steps += 1
        let correction1 = 1 - pow(beta1, Double(steps))
        let correction2 = 1 - pow(beta2, Double(steps))
        var next = parameters
        for index in parameters.indices {
            let g = gradient[index].isFinite ? gradient[index] : 0
            firstMoment[index] = beta1 * firstMoment[index] + (1 - beta1) * g
            secondMoment[index] = beta2 * secondMoment[index] + (1 - beta2) * g * g
            let m = firstMoment[index] / correction1
            let v = secondMoment[index] / correction2
            next[index] -= learningRate * m / (v.squareRoot() + epsilon)
        }
        return next
    }
}
