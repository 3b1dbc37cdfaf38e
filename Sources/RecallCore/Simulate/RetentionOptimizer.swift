import Foundation

/// Finds the desired retention that costs the least study time per card remembered, by
/// simulating a year of study at each candidate (as Anki's "compute optimal retention").
public struct RetentionOptimizer: Sendable {
    /// Seconds a review takes: first sight of a card, a same-day step, a recalled review, a lapse.
    public struct Costs: Sendable, Equatable {
        public var new = 20.0
        public var step = 8.0
        public var recalled = 8.0
        public var forgotten = 25.0

        public init() {}
    }

    /// One candidate's outcome.
    public struct Point: Sendable, Equatable {
        public var desiredRetention: Double
        /// Study seconds over the simulated period.
        public var seconds: Double
        /// Cards expected to be remembered at its end.
        public var knowledge: Double
        public var secondsPerCardRemembered: Double { knowledge > 0 ? seconds / knowledge : .infinity }
    }

    public var parameters: [Double]
    public var candidates: [Double] = stride(from: 0.70, through: 0.951, by: 0.01).map {
        ($0 * 100).rounded() / 100
    }
    public var days = 365
    public var newCardsPerDay = 10
    public var costs = Costs()
    public var seed: UInt64 = 42

    public init(parameters: [Double]) {
        self.parameters = parameters
    }

    /// Every candidate's workload and knowledge, then the best one.
    /// - Throws: `SchedulerError` if the parameters are invalid.
    public func run() throws(SchedulerError) -> (best: Point, points: [Point]) {
        _ = try FSRS(parameters: parameters)
        let candidates = candidates
        let results = Parallel.map(shards: candidates.count) { index in
            simulate(desiredRetention: candidates[index])
        }
        let points = results.compactMap { $0 }
        guard let best = points.min(by: { $0.secondsPerCardRemembered < $1.secondsPerCardRemembered }) else {
            throw .desiredRetentionOutOfRange(candidates.first ?? 0)
        }
        return (best, points)
    }

    private func simulate(desiredRetention: Double) -> Point? {
        var options = Simulator.Options()
        options.days = days
        options.newCardsPerDay = newCardsPerDay
        options.seed = seed
        options.skipProbability = 0
        options.trueParameters = parameters
        options.scheduling.parameters = parameters
        options.scheduling.desiredRetention = desiredRetention
        guard let learner = try? Simulator(options: options).run().first else { return nil }
        var seconds = 0.0
        for card in learner.history.cards {
            for (index, entry) in card.enumerated() {
                if index == 0 {
                    seconds += costs.new
                } else if Scheduler.wholeDays(from: card[index - 1].time, to: entry.time) < 1 {
                    seconds += costs.step
                } else {
                    seconds += entry.rating == .again ? costs.forgotten : costs.recalled
                }
            }
        }
        return Point(desiredRetention: desiredRetention, seconds: seconds, knowledge: learner.knowledge)
    }
}
