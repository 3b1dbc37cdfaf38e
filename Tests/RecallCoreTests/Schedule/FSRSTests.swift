import Foundation
import Testing

@testable import RecallCore

/// The formulas on their own, against values printed by py-fsrs 6.3.2's private helpers.
@Suite struct FSRSTests {
    let fsrs = FSRS.standard

    static func isClose(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b))
    }

    @Test func defaultsAreValidAndDeriveTheReferenceConstants() throws {
        let checked = try FSRS(parameters: SchedulerSettings.defaultParameters)
        #expect(checked == FSRS.standard)
        #expect(fsrs.decay == -0.1542)
        #expect(fsrs.factor == 0.9803464944134797)
    }

    @Test func retrievabilityIsOneAtFirstAndNinetyPercentAfterStabilityDays() {
        #expect(fsrs.retrievability(elapsedDays: 0, stability: 5) == 1)
        #expect(fsrs.retrievability(elapsedDays: -3, stability: 5) == 1)
        #expect(Self.isClose(fsrs.retrievability(elapsedDays: 10, stability: 10), 0.9))
        #expect(fsrs.retrievability(elapsedDays: 20, stability: 10) < 0.9)
    }

    @Test func initialStabilityIsTheFirstFourParameters() {
        #expect(Rating.allCases.map(fsrs.initialStability) == [0.212, 1.2931, 2.3065, 8.2956])
    }

    @Test func initialDifficultyIsClampedOnlyWhenAsked() {
        #expect(fsrs.initialDifficulty(.again) == 6.4133)
        #expect(fsrs.initialDifficulty(.good) == 2.118103970459016)
        #expect(fsrs.initialDifficulty(.easy) == 1)
        #expect(fsrs.initialDifficulty(.easy, clamped: false) < 0)
    }

    @Test func nextDifficultyDampsRevertsAndClamps() {
        #expect(Self.isClose(fsrs.nextDifficulty(5, rating: .again), 8.341762369296838))
        #expect(Self.isClose(fsrs.nextDifficulty(5, rating: .easy), 3.3144613692968385))
        // At 10, damping leaves no room upwards and mean reversion pulls slightly back down.
        let top = fsrs.nextDifficulty(10, rating: .again)
        #expect(top < 10 && top > 9.9)
        #expect(fsrs.nextDifficulty(1, rating: .easy) == 1)
    }

    @Test func longTermStabilityAfterRecallAndLapse() {
        let good = fsrs.nextStability(10, difficulty: 5, retrievability: 0.9, rating: .good)
        let again = fsrs.nextStability(10, difficulty: 5, retrievability: 0.9, rating: .again)
        #expect(Self.isClose(good, 32.02672948198672))
        #expect(Self.isClose(again, 1.3919869729546932))
        let hard = fsrs.nextStability(10, difficulty: 5, retrievability: 0.9, rating: .hard)
        let easy = fsrs.nextStability(10, difficulty: 5, retrievability: 0.9, rating: .easy)
        #expect(hard < good && good < easy)
    }

    @Test func lapseStabilityIsCappedByTheShortTermBound() {
        // For a tiny stability the long-term lapse formula exceeds S / e^(w17·w18); the cap wins.
        let stability = 0.01
        let capped = fsrs.forgetStability(stability, difficulty: 1, retrievability: 0)
        #expect(capped == stability / pow(FSRS.e, 0.5425 * 0.0912))
        #expect(
            fsrs.nextStability(0.001, difficulty: 10, retrievability: 1, rating: .again)
                == FSRS.minimumStability)
    }

    @Test func shortTermStabilityNeverShrinksOnHardGoodOrEasy() {
        // py-fsrs 6.3.2 floors the increase at 1 for Hard too (6.3.1 did not).
        #expect(fsrs.shortTermStability(5, rating: .hard) == 5)
        #expect(fsrs.shortTermStability(5, rating: .good) >= 5)
        #expect(Self.isClose(fsrs.shortTermStability(5, rating: .again), 1.5968179979869215))
    }

    @Test(
        arguments: [
            (0.5, 1), (1.5, 2), (2.5, 2), (3.5, 4), (4.5, 4), (100.5, 100), (0.001, 1),
        ] as [(Double, Int)])
    func intervalRoundsHalfToEvenWithAtLeastOneDay(stability: Double, days: Int) {
        #expect(fsrs.interval(stability: stability, desiredRetention: 0.9, maximumInterval: 36500) == days)
    }

    @Test func intervalIsCappedAndShrinksWithHigherRetention() {
        #expect(fsrs.interval(stability: 100, desiredRetention: 0.9, maximumInterval: 30) == 30)
        let strict = fsrs.interval(stability: 100, desiredRetention: 0.97, maximumInterval: 36500)
        let lax = fsrs.interval(stability: 100, desiredRetention: 0.8, maximumInterval: 36500)
        #expect(strict < 100 && 100 < lax)
    }

    @Test func roundHalfEvenMatchesPython() {
        #expect(
            [0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(FSRS.roundHalfEven) == [0, 2, 2, 0, -2, 2, 3])
        #expect(FSRS.roundHalfEven(.nan) == 0)
        #expect(FSRS.roundHalfEven(.infinity) > 0)
    }
}
