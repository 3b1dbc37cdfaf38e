public import Foundation

/// Simulated learners: review logs generated from a known memory model, for testing and
/// benchmarking the optimizer.
///
/// Each learner's memory follows FSRS-6 with its own true parameters (given, or drawn around the
/// defaults), while the app schedules with `scheduling` (the defaults, as a new learner's app
/// would). Every study day new cards are introduced and due cards are reviewed in one session,
/// learning steps included; some days are skipped, so reviews come late. A review is recalled
/// with the true retrievability at that moment; a recalled card is rated Hard, Good or Easy at
/// random, a forgotten one Again.
public struct Simulator: Sendable {
    public struct Options: Sendable, Equatable {
        public var learners = 1
        public var days = 365
        public var seed: UInt64 = 1
        /// The learners' true parameters; nil draws each learner's around the defaults.
        public var trueParameters: [Double]?
        public var newCardsPerDay = 20
        /// Chance that a learner does not study on a given day.
        public var skipProbability = 0.1
        /// What the app schedules with.
        public var scheduling = SchedulerSettings()
        /// Chances of Again, Hard, Good, Easy on a card's first review.
        public var firstRatings = [0.2, 0.1, 0.55, 0.15]
        /// Chances of Hard, Good, Easy when a card is recalled.
        public var recallRatings = [0.1, 0.8, 0.1]
        /// When the simulation starts (midnight UTC of its first day).
        public var start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01

        public init() {}
    }

    /// One simulated learner.
    public struct Learner: Sendable {
        public var trueParameters: [Double]
        public var profile: Profile
        public var history: ReviewHistory
        /// Expected number of cards remembered at the end: the sum of their true retrievability.
        public var knowledge: Double
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Runs every learner (each from its own seed, so learners are independent of their count).
    /// - Throws: `SchedulerError` if the scheduling settings or true parameters are invalid.
    public func run() throws(SchedulerError) -> [Learner] {
        var learners: [Learner] = []
        for index in 0..<options.learners {
            var rng = SplitMix64(seed: options.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let truth = options.trueParameters ?? Self.drawParameters(using: &rng)
            learners.append(try simulate(learner: index + 1, truth: truth, rng: &rng))
        }
        return learners
    }

    /// Parameters drawn around the defaults: initial stabilities log-normally, the others
    /// normally with half of fsrs-rs's spread for each, all within fsrs-rs's clamps.
    public static func drawParameters(using rng: inout some RandomNumberGenerator) -> [Double] {
        var parameters = SchedulerSettings.defaultParameters
        for index in parameters.indices {
            let normal = standardNormal(using: &rng)
            if index < 4 {
                parameters[index] *= exp(0.5 * normal)
            } else {
                parameters[index] += 0.5 * Loss.parameterDeviations[index] * normal
            }
        }
        // Keep the initial stabilities in rating order, as real learners' are.
        let s0 = parameters[0..<4].sorted()
        parameters.replaceSubrange(0..<4, with: s0)
        return ParameterClipper.clip(parameters)
    }

    static func standardNormal(using rng: inout some RandomNumberGenerator) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng)
        let u2 = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    private struct SimulatedCard {
        var id: String
        var state: CardState
        var memory: CardState
    }

    private func simulate(
        learner: Int, truth: [Double], rng: inout SplitMix64
    ) throws(SchedulerError) -> Learner {
        let app = try Scheduler(settings: options.scheduling)
        var truthSettings = options.scheduling
        truthSettings.parameters = truth
        let memory = try Scheduler(settings: truthSettings)
        var profile = Profile(name: "learner-\(learner)", settings: options.scheduling)
        var cards: [SimulatedCard] = []
        var entries: [[ReviewHistory.Entry]] = []
        var reviewNumber = 0
        for day in 0..<options.days {
            guard Double.random(in: 0..<1, using: &rng) >= options.skipProbability else { continue }
            let sessionStart = options.start.addingTimeInterval(
                Double(day) * 86_400 + 8 * 3600 + Double.random(in: 0..<(4 * 3600), using: &rng))
            let sessionEnd = sessionStart.addingTimeInterval(2 * 3600)
            for _ in 0..<options.newCardsPerDay {
                let id = "c\(cards.count + 1)"
                cards.append(
                    SimulatedCard(id: id, state: .new(at: sessionStart), memory: .new(at: sessionStart)))
                entries.append([])
            }
            var queue = cards.indices.filter { cards[$0].state.due <= sessionEnd }
            var clock = sessionStart
            while let position = queue.indices.min(by: {
                cards[queue[$0]].state.due < cards[queue[$1]].state.due
            }) {
                let index = queue[position]
                clock = max(clock, cards[index].state.due)
                let rating = rate(cards[index].memory, scheduler: memory, at: clock, rng: &rng)
                let card = cards[index]
                let next = app.review(card.state, id: card.id, rating: rating, at: clock)
                cards[index].memory = memory.review(card.memory, id: card.id, rating: rating, at: clock)
                cards[index].state = next
                reviewNumber += 1
                let review = Review(
                    id: "sim-\(learner)-\(reviewNumber)", cardID: card.id, reviewedAt: clock, rating: rating,
                    answer: "", verdict: rating == .again ? .wrong : .correct, duration: 8)
                profile.recordUnchecked(review, newState: next)
                entries[index].append(ReviewHistory.Entry(time: review.reviewedAt, rating: rating))
                if next.due > sessionEnd { queue.remove(at: position) }
                clock.addTimeInterval(8)
            }
        }
        let end = options.start.addingTimeInterval(Double(options.days) * 86_400)
        let knowledge = cards.reduce(0) { $0 + memory.retrievability(of: $1.memory, at: end) }
        return Learner(
            trueParameters: truth, profile: profile, history: ReviewHistory(cards: entries),
            knowledge: knowledge)
    }

    private func rate(
        _ memory: CardState, scheduler: Scheduler, at now: Date, rng: inout SplitMix64
    ) -> Rating {
        if memory.isNew {
            return Self.pick([.again, .hard, .good, .easy], weights: options.firstRatings, using: &rng)
        }
        let recall = scheduler.retrievability(of: memory, at: now)
        guard Double.random(in: 0..<1, using: &rng) < recall else { return .again }
        return Self.pick([.hard, .good, .easy], weights: options.recallRatings, using: &rng)
    }

    static func pick(_ ratings: [Rating], weights: [Double], using rng: inout SplitMix64) -> Rating {
        var remaining = Double.random(in: 0..<1, using: &rng) * weights.reduce(0, +)
        for (rating, weight) in zip(ratings, weights) {
            remaining -= weight
            if remaining < 0 { return rating }
        }
        return ratings[ratings.count - 1]
    }
}
