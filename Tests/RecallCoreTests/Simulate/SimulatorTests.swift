import Foundation
import Testing

@testable import RecallCore

@Suite struct SimulatorTests {
    func options(days: Int = 30) -> Simulator.Options {
        var options = Simulator.Options()
        options.days = days
        options.newCardsPerDay = 5
        options.seed = 11
        return options
    }

    @Test func theSameSeedGivesTheSameLogs() throws {
        let first = try Simulator(options: options()).run()
        let second = try Simulator(options: options()).run()
        #expect(first.map(\.history) == second.map(\.history))
        #expect(first.map(\.trueParameters) == second.map(\.trueParameters))
    }

    @Test func aProfileIsItsLogReplayedByTheAppScheduler() throws {
        let learner = try #require(try Simulator(options: options()).run().first)
        #expect(learner.profile.reviews.count == learner.history.reviewCount)
        let replayed = learner.profile.replayed(
            using: try ReplayScheduler.make(settings: learner.profile.settings))
        #expect(replayed.states == learner.profile.states)
        // Every card starts with its first review and gets long-term reviews later.
        #expect(
            learner.history.cards.contains { card in
                card.count > 2 && Scheduler.wholeDays(from: card[0].time, to: card[card.count - 1].time) >= 1
            })
    }

    @Test func drawnParametersAreValidAndGivenOnesAreKept() throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<50 {
            let drawn = Simulator.drawParameters(using: &rng)
            #expect(throws: Never.self) { try FSRS(parameters: drawn) }
        }
        var given = options(days: 3)
        given.trueParameters = SchedulerSettings.defaultParameters
        given.learners = 2
        let learners = try Simulator(options: given).run()
        #expect(learners.count == 2)
        #expect(learners.allSatisfy { $0.trueParameters == SchedulerSettings.defaultParameters })
    }

    @Test func higherRetentionCostsMoreTimeAndTheBestIsTheCheapestPerCard() throws {
        var optimizer = RetentionOptimizer(parameters: SchedulerSettings.defaultParameters)
        optimizer.days = 60
        optimizer.newCardsPerDay = 5
        optimizer.candidates = [0.7, 0.8, 0.9, 0.97]
        let (best, points) = try optimizer.run()
        #expect(points.count == 4)
        #expect(points[3].seconds > points[0].seconds)
        #expect(points.allSatisfy { best.secondsPerCardRemembered <= $0.secondsPerCardRemembered })
    }
}
