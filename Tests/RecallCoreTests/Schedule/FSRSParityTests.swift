import Foundation
import Testing

@testable import RecallCore

/// Replays py-fsrs 6.3.2's golden vectors through `Scheduler` and demands the same cards.
@Suite struct FSRSParityTests {
    static let relativeTolerance = 1e-9

    static func isClose(_ actual: Double, _ expected: Double) -> Bool {
        actual == expected || abs(actual - expected) <= relativeTolerance * max(abs(actual), abs(expected))
    }

    @Test func fixtureLoadsAndCoversTheCases() throws {
        let vectors = try FSRSVectors.load()
        #expect(vectors.fsrs == "6.3.2")
        #expect(vectors.sequences.count >= 300)
        let reviews = vectors.sequences.flatMap(\.reviews)
        for rating in 1...4 {
            #expect(reviews.contains { $0.rating == rating })
        }
        for state in ["Learning", "Review", "Relearning"] {
            #expect(reviews.contains { $0.state == state })
        }
        let settings = vectors.sequences.map(\.settings)
        #expect(settings.contains { $0.learningStepsMinutes == [] })
        #expect(settings.contains { $0.relearningStepsMinutes == [] })
        #expect(settings.contains { $0.parameters != nil })
        #expect(settings.contains { ($0.maximumInterval ?? 36500) < 100 })
        #expect(settings.contains { ($0.desiredRetention ?? 0.9) != 0.9 })
        #expect(vectors.sequences.contains { $0.initial != nil })
        #expect(vectors.sequences.filter { $0.fuzzDraws != nil }.count >= 30)
        #expect(vectors.sequences.compactMap(\.fuzzDraws).joined().count >= 100)
        #expect(vectors.fuzzRanges.count >= 100)
    }

    @Test(arguments: FSRSVectors.sequences)
    func matchesPyFSRS(_ sequence: FSRSVectors.Sequence) throws {
        let scheduler = try Scheduler(settings: sequence.settings.schedulerSettings)
        let firstTime = try #require(sequence.reviews.first.flatMap { UTCTimestamp.date(from: $0.time) })
        var card = try sequence.initial?.cardState() ?? CardState.new(at: firstTime)
        var rng = RecordedDraws(sequence.fuzzDraws ?? [])
        for (index, expected) in sequence.reviews.enumerated() {
            let where_ = Comment(rawValue: "\(sequence.id), review \(index + 1)")
            let now = try #require(UTCTimestamp.date(from: expected.time))
            let rating = try #require(Rating(rawValue: expected.rating))
            let retrievability = scheduler.retrievability(of: card, at: now)
            #expect(Self.isClose(retrievability, expected.retrievability), where_)

            card = scheduler.review(card, rating: rating, at: now, using: &rng)
            #expect(card.phase.rawValue == expected.state, where_)
            #expect(card.step == expected.step, where_)
            #expect(Self.isClose(try #require(card.stability), expected.stability), where_)
            #expect(Self.isClose(try #require(card.difficulty), expected.difficulty), where_)
            let due = try #require(UTCTimestamp.date(from: expected.due))
            #expect(abs(card.due.timeIntervalSince(due)) < 0.001, where_)
            #expect(card.lastReview == now, where_)
        }
        // Exactly the draws py-fsrs made: none with fuzzing off.
        #expect(rng.used == rng.draws.count)
        #expect(rng.overdrawn == 0)
    }

    @Test(arguments: FSRSVectors.fuzzRanges)
    func fuzzMatchesPyFSRS(_ range: FSRSVectors.FuzzRange) throws {
        let scheduler = try Scheduler(
            settings: SchedulerSettings(maximumInterval: range.maximumInterval, enableFuzzing: true))
        var rng = RecordedDraws(range.draws)
        for (draw, expected) in zip(range.draws, range.results) {
            let fuzzed = scheduler.fuzzedInterval(range.days, using: &rng)
            #expect(fuzzed == expected, "draw \(draw)")
            #expect(scheduler.fuzzWindow(forDays: range.days).contains(fuzzed))
        }
        #expect(rng.overdrawn == 0)
    }
}
