import Foundation
import Testing

@testable import RecallCore

/// The state machine, elapsed-day counting and settings validation.
@Suite struct SchedulerTests {
    static let start = Date(timeIntervalSince1970: 1_767_258_000)  // 2026-01-01T09:00:00Z
    let scheduler: Scheduler

    init() throws {
        scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
    }

    func review(_ card: CardState, _ rating: Rating, after seconds: TimeInterval = 0) -> CardState {
        var rng = SplitMix64(seed: 1)
        let now = (card.lastReview ?? Self.start).addingTimeInterval(seconds)
        return scheduler.review(card, rating: rating, at: now, using: &rng)
    }

    @Test(
        arguments: [
            (Rating.again, CardState.Phase.learning, 0, 60.0),
            (.hard, .learning, 0, 330),
            (.good, .learning, 1, 600),
            (.easy, .review, nil, 8 * 86_400),
        ] as [(Rating, CardState.Phase, Int?, TimeInterval)])
    func firstReviewOfANewCard(rating: Rating, phase: CardState.Phase, step: Int?, delay: TimeInterval) {
        let card = review(.new(at: Self.start), rating)
        #expect(card.phase == phase)
        #expect(card.step == step)
        #expect(card.due == Self.start.addingTimeInterval(delay))
        #expect(card.lastReview == Self.start)
        #expect(card.stability == FSRS.standard.initialStability(rating))
    }

    @Test func goodTwiceGraduatesAfterTheLastStep() {
        let card = review(review(.new(at: Self.start), .good), .good, after: 600)
        #expect(card.phase == .review)
        #expect(card.step == nil)
        #expect(card.due == Self.start.addingTimeInterval(600 + 2 * 86_400))
    }

    @Test func againInReviewRelearnsOrStaysWithoutRelearningSteps() throws {
        let reviewCard = CardState(
            phase: .review, step: nil, stability: 10, difficulty: 5, due: Self.start,
            lastReview: Self.start.addingTimeInterval(-10 * 86_400))
        let relearning = review(reviewCard, .again, after: 10 * 86_400)
        #expect(relearning.phase == .relearning && relearning.step == 0)
        #expect(relearning.due == Self.start.addingTimeInterval(600))

        let noSteps = try Scheduler(settings: SchedulerSettings(relearningSteps: [], enableFuzzing: false))
        var rng = SplitMix64(seed: 1)
        let stays = noSteps.review(reviewCard, rating: .again, at: Self.start, using: &rng)
        #expect(stays.phase == .review && stays.step == nil)
        #expect(stays.due > Self.start.addingTimeInterval(86_400 - 1))
    }

    @Test func withoutLearningStepsEvenAgainGraduates() throws {
        let noSteps = try Scheduler(settings: SchedulerSettings(learningSteps: [], enableFuzzing: false))
        var rng = SplitMix64(seed: 1)
        let card = noSteps.review(.new(at: Self.start), rating: .again, at: Self.start, using: &rng)
        #expect(card.phase == .review)
        #expect(card.due == Self.start.addingTimeInterval(86_400))
    }

    @Test func aStepBeyondTheListGraduatesExceptOnAgain() {
        let stale = CardState(
            phase: .learning, step: 5, stability: 2, difficulty: 5, due: Self.start,
            lastReview: Self.start.addingTimeInterval(-3600))
        #expect(review(stale, .hard).phase == .review)
        let again = review(stale, .again)
        #expect(again.phase == .learning && again.step == 0)
    }

    @Test func hardOnASingleStepWaitsOneAndAHalfSteps() throws {
        let single = try Scheduler(settings: SchedulerSettings(learningSteps: [601], enableFuzzing: false))
        var rng = SplitMix64(seed: 1)
        let card = single.review(.new(at: Self.start), rating: .hard, at: Self.start, using: &rng)
        // 901.5 s exactly: timedelta keeps microseconds.
        #expect(card.due.timeIntervalSince(Self.start) == 901.5)
    }

    @Test func unreadableStateIsTreatedLenientlyNotFatally() {
        // A review card with no memory (impossible from the scheduler, possible in a hand-edited file).
        let odd = CardState(phase: .review, step: nil, due: Self.start)
        #expect(review(odd, .good).stability == FSRS.standard.initialStability(.good))
        let negativeStep = CardState(phase: .learning, step: -4, due: Self.start)
        #expect(review(negativeStep, .good).step == 1)
    }

    @Test(
        arguments: [
            (86_399.0, 0), (86_400, 1), (169_200, 1), (-1, -1), (0, 0), (864_005, 10),
        ] as [(TimeInterval, Int)])
    func wholeDaysCountsCompleted24HourPeriods(seconds: TimeInterval, days: Int) {
        #expect(Scheduler.wholeDays(from: Self.start, to: Self.start.addingTimeInterval(seconds)) == days)
    }

    @Test func retrievabilityIsZeroForANewCard() {
        #expect(scheduler.retrievability(of: .new(at: Self.start), at: Self.start) == 0)
    }

    @Test func divisionRoundsHalfToEvenLikeTimedelta() {
        #expect(Scheduler.divideRoundingHalfEven(5, by: 2) == 2)
        #expect(Scheduler.divideRoundingHalfEven(7, by: 2) == 4)
        #expect(Scheduler.divideRoundingHalfEven(8, by: 3) == 3)
        #expect(Scheduler.divideRoundingHalfEven(-5, by: 2) == -2)
    }
}

/// `Scheduler.init(settings:)` rejects what it cannot schedule with, naming the culprit.
@Suite struct SchedulerSettingsValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let settings: SchedulerSettings
        let error: SchedulerError
    }

    static func parameters(setting index: Int, to value: Double) -> [Double] {
        var parameters = SchedulerSettings.defaultParameters
        parameters[index] = value
        return parameters
    }

    static let cases: [Case] = [
        Case(
            testDescription: "20 parameters",
            settings: SchedulerSettings(parameters: Array(SchedulerSettings.defaultParameters.dropLast())),
            error: .wrongParameterCount(20)),
        Case(
            testDescription: "w20 below 0.1",
            settings: SchedulerSettings(parameters: parameters(setting: 20, to: 0.05)),
            error: .parameterOutOfBounds(index: 20, value: 0.05, lower: 0.1, upper: 0.8)),
        Case(
            testDescription: "w0 above 100",
            settings: SchedulerSettings(parameters: parameters(setting: 0, to: 100.5)),
            error: .parameterOutOfBounds(index: 0, value: 100.5, lower: 0.001, upper: 100)),
        Case(
            testDescription: "retention 1", settings: SchedulerSettings(desiredRetention: 1),
            error: .desiredRetentionOutOfRange(1)),
        Case(
            testDescription: "retention 0", settings: SchedulerSettings(desiredRetention: 0),
            error: .desiredRetentionOutOfRange(0)),
        Case(
            testDescription: "learning step 0", settings: SchedulerSettings(learningSteps: [60, 0]),
            error: .invalidLearningStep(0)),
        Case(
            testDescription: "infinite relearning step",
            settings: SchedulerSettings(relearningSteps: [.infinity]),
            error: .invalidRelearningStep(.infinity)),
        Case(
            testDescription: "maximum interval 0", settings: SchedulerSettings(maximumInterval: 0),
            error: .maximumIntervalTooShort(0)),
    ]

    @Test(arguments: cases)
    func rejects(_ testCase: Case) {
        #expect(throws: testCase.error) { try Scheduler(settings: testCase.settings) }
        #expect(testCase.error.errorDescription?.isEmpty == false)
    }

    @Test func nanIsOutOfBoundsToo() {
        let settings = SchedulerSettings(parameters: Self.parameters(setting: 7, to: .nan))
        #expect {
            try Scheduler(settings: settings)
        } throws: { error in
            guard case .parameterOutOfBounds(7, let value, _, _) = error as? SchedulerError else {
                return false
            }
            return value.isNaN
        }
        #expect(throws: SchedulerError.desiredRetentionOutOfRange(2)) {
            try Scheduler(settings: SchedulerSettings(desiredRetention: 2))
        }
    }

    @Test func boundsAreInclusive() throws {
        _ = try Scheduler(settings: SchedulerSettings(parameters: FSRS.lowerBounds))
        _ = try Scheduler(settings: SchedulerSettings(parameters: FSRS.upperBounds))
    }

    @Test func messageNamesTheParameter() {
        let message =
            SchedulerError.parameterOutOfBounds(index: 20, value: 0.05, lower: 0.1, upper: 0.8)
            .errorDescription ?? ""
        #expect(message.contains("w20") && message.contains("0.05"))
    }
}
