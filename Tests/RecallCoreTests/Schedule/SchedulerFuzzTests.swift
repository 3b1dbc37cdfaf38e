import Foundation
import Testing

@testable import RecallCore

/// Fuzz: py-fsrs's ranges, drawn from the injected generator.
@Suite struct SchedulerFuzzTests {
    static let start = Date(timeIntervalSince1970: 1_767_258_000)

    /// A generator that always returns the same word, to place the uniform draw exactly.
    struct Constant: RandomNumberGenerator {
        let word: UInt64
        mutating func next() -> UInt64 { word }
    }

    static func word(forUnit unit: Double) -> UInt64 { UInt64(unit * 0x1p53) << 11 }

    /// A review card whose next Good review (10 days on, at retrievability 0.9) yields `days`.
    static func reviewCard(stability: Double) -> CardState {
        CardState(
            phase: .review, step: nil, stability: stability, difficulty: 5, due: start,
            lastReview: start.addingTimeInterval(-86_400 * 10))
    }

    func fuzzing(maximumInterval: Int = 36500) throws -> Scheduler {
        try Scheduler(settings: SchedulerSettings(maximumInterval: maximumInterval, enableFuzzing: true))
    }

    @Test func rangesMatchPyFSRS() throws {
        let scheduler = try fuzzing()
        #expect(scheduler.fuzzRange(forDays: 2) == nil)
        #expect(scheduler.fuzzRange(forDays: 3) == 2...4)
        #expect(scheduler.fuzzRange(forDays: 10) == 8...12)
        #expect(scheduler.fuzzRange(forDays: 100) == 93...107)
        #expect(scheduler.fuzzWindow(forDays: 10) == 8...13)
        #expect(try fuzzing(maximumInterval: 11).fuzzWindow(forDays: 10) == 8...11)
    }

    @Test func drawIsRoundedHalfToEvenAndCanExceedTheRangeByOne() throws {
        let scheduler = try fuzzing()
        // ivl 10: round(u * 5 + 8)
        let cases: [(Double, Int)] = [(0, 8), (0.099, 8), (0.1, 8), (0.5, 10), (0.7, 12), (0.99, 13)]
        for (unit, expected) in cases {
            var rng = Constant(word: Self.word(forUnit: unit))
            #expect(scheduler.fuzzedInterval(10, using: &rng) == expected, "u = \(unit)")
        }
    }

    @Test func fuzzedReviewsStayInsideTheWindow() throws {
        let scheduler = try fuzzing()
        let card = Self.reviewCard(stability: 10)
        var unfuzzedRng = SplitMix64(seed: 0)
        let exact = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
            .review(card, rating: .good, at: Self.start, using: &unfuzzedRng)
        let days = Int((exact.due.timeIntervalSince(Self.start) / 86_400).rounded())
        let window = scheduler.fuzzWindow(forDays: days)
        var seen = Set<Int>()
        for seed in UInt64(0)..<200 {
            var rng = SplitMix64(seed: seed)
            let fuzzed = scheduler.review(card, rating: .good, at: Self.start, using: &rng)
            let fuzzedDays = fuzzed.due.timeIntervalSince(Self.start) / 86_400
            #expect(fuzzedDays == fuzzedDays.rounded())
            #expect(window.contains(Int(fuzzedDays)))
            #expect(fuzzed.stability == exact.stability && fuzzed.difficulty == exact.difficulty)
            seen.insert(Int(fuzzedDays))
        }
        #expect(seen.count > 3, "different seeds give different intervals")
    }

    @Test func sameSeedSameIntervalAndFuzzOffIsExact() throws {
        let card = Self.reviewCard(stability: 30)
        let scheduler = try fuzzing()
        var first = SplitMix64(cardID: "deck/fact/front", reviewedAt: Self.start)
        var second = SplitMix64(cardID: "deck/fact/front", reviewedAt: Self.start)
        let a = scheduler.review(card, rating: .good, at: Self.start, using: &first)
        let b = scheduler.review(card, rating: .good, at: Self.start, using: &second)
        #expect(a == b)
        #expect(scheduler.review(card, id: "deck/fact/front", rating: .good, at: Self.start) == a)

        let off = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        var rng = SplitMix64(seed: 9)
        let exact = off.review(card, rating: .good, at: Self.start, using: &rng)
        #expect(rng == SplitMix64(seed: 9), "fuzz off draws nothing")
        let expectedDays = off.interval(forStability: try #require(exact.stability))
        #expect(exact.due == Self.start.addingTimeInterval(Double(expectedDays) * 86_400))
    }

    @Test func shortIntervalsAndStepsAreNotFuzzed() throws {
        let scheduler = try fuzzing()
        var rng = SplitMix64(seed: 3)
        let learning = scheduler.review(.new(at: Self.start), rating: .good, at: Self.start, using: &rng)
        #expect(learning.due == Self.start.addingTimeInterval(600))
        var small = Self.reviewCard(stability: 0.5)
        small.lastReview = Self.start.addingTimeInterval(-3600)
        _ = scheduler.review(small, rating: .hard, at: Self.start, using: &rng)
        #expect(rng == SplitMix64(seed: 3), "no draw below 2.5 days")
    }

    @Test func fuzzRespectsTheMaximumInterval() throws {
        let scheduler = try fuzzing(maximumInterval: 5)
        for seed in UInt64(0)..<50 {
            var rng = SplitMix64(seed: seed)
            let card = scheduler.review(
                Self.reviewCard(stability: 50), rating: .easy, at: Self.start, using: &rng)
            #expect(card.due.timeIntervalSince(Self.start) <= 5 * 86_400)
        }
    }
}
