import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// How a card is asked by memory strength, what a right answer in an easy form is worth, and
/// what a month of study on the bundled deck shows.
@Suite struct PresentationRuleTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func state(_ phase: CardState.Phase, stability: Double) -> CardState {
        CardState(
            phase: phase, step: phase == .review ? nil : 0, stability: stability, difficulty: 5, due: now,
            lastReview: now)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let state: CardState?
        let recallOnly: Bool
        let style: Card.Presentation.Style
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "new → choose", state: nil, recallOnly: false, style: .choose),
        Case(
            name: "learning step → choose", state: state(.learning, stability: 1), recallOnly: false,
            style: .choose),
        Case(
            name: "lapsed → choose", state: state(.relearning, stability: 9), recallOnly: false,
            style: .choose),
        Case(
            name: "weak review → choose", state: state(.review, stability: 2.5), recallOnly: false,
            style: .choose),
        Case(
            name: "held review → recall", state: state(.review, stability: 4), recallOnly: false,
            style: .recall),
        Case(name: "recall-only new → recall", state: nil, recallOnly: true, style: .recall),
        Case(
            name: "recall-only lapsed → recall", state: state(.relearning, stability: 1), recallOnly: true,
            style: .recall),
    ]

    @Test(arguments: cases) func styleFollowsStrength(_ check: Case) throws {
        let card = try #require(try CSTO.cards().first { $0.id == "csto:csto-established:forward" })
        #expect(
            PresentationRule.style(for: card, state: check.state, recallOnly: check.recallOnly) == check.style
        )
    }

    @Test func aCardWithoutTheWantedFormIsAskedInTheFormItHas() throws {
        let cards = try CSTO.cards()
        let recallOnly = try #require(cards.first { $0.id == "csto:kazakhstan-mission-troops:forward" })
        #expect(PresentationRule.style(for: recallOnly, state: nil, recallOnly: false) == .recall)
        let chooseOnly = try #require(cards.first { $0.id == "csto:csc-role:forward" })
        #expect(PresentationRule.style(for: chooseOnly, state: nil, recallOnly: true) == .choose)
        #expect(
            cards.allSatisfy { PresentationRule.style(for: $0, state: nil, recallOnly: false) != .trueFalse },
            "study never asks true/false")
    }

    @Test(arguments: [
        (Rating.easy, Card.Presentation.Style.choose, CardState.Phase.review, Rating.hard),
        (.good, .choose, .review, .hard),
        (.easy, .trueFalse, .review, .hard),
        (.again, .choose, .review, .again),
        (.easy, .choose, .learning, .good),
        (.hard, .choose, .relearning, .good),
        (.easy, .recall, .review, .easy),
        (.good, .recall, .learning, .good),
    ])
    func aRightAnswerInAnEasyFormSuggestsLess(
        _ recall: Rating, _ style: Card.Presentation.Style, _ phase: CardState.Phase, _ expected: Rating
    ) {
        #expect(
            PresentationRule.rating(recall: recall, style: style, state: Self.state(phase, stability: 5))
                == expected)
    }

    @Test func aNewCardIsChosenThenRecalledOnALaterDay() throws {
        let folder = try TemporaryFolder()
        let store = try ProgressStore.open(profile: "default", in: folder.url)
        defer { store.close() }
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        let card = try #require(try CSTO.cards().first { $0.id == "csto:csto-established:forward" })
        let clock = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
        var now = Self.now
        var styles: [Card.Presentation.Style] = []
        for _ in 0..<12 {
            let session = StudySession(
                cards: [card], vocabulary: [], store: store, scheduler: scheduler,
                options: StudyOptions(clock: clock), now: now)
            while let asked = session.next(now: now) {
                styles.append(asked.style)
                // The letter: with year options, a typed number means the year, not the position.
                let reply =
                    asked.style == .choose ? AnswerChecker.label(for: asked.answerIndex ?? 0) : asked.answer
                let grade = session.grade(reply, for: asked)
                #expect(grade.isAccepted)
                let rating = session.suggestedRating(for: grade, duration: 6, hintsUsed: 0, card: asked)
                #expect(
                    rating
                        == (asked.style == .choose
                            ? (store.profile.states[card.id]?.phase == .review ? .hard : .good) : .good))
                try session.record(asked, reply: reply, grade: grade, rating: rating, duration: 6, now: now)
                now += 15 * 60
            }
            now = (store.profile.states[card.id]?.due ?? now) + 60
        }
        #expect(styles.first == .choose)
        #expect(styles.last == .recall, "\(styles)")
        #expect(
            styles.firstIndex(of: .recall).map { $0 <= 6 } == true, "recall within a few reviews: \(styles)")
    }

    /// A simulated learner studies the bundled deck for 30 days, answering right 85% of the time.
    @Test func aMonthOfStudyShowsLittleTrueFalse() throws {
        let folder = try TemporaryFolder()
        let store = try ProgressStore.open(profile: "default", in: folder.url)
        defer { store.close() }
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        let cards = try CSTO.cards()
        let clock = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
        var rng = SplitMix64(seed: 3)
        var shown: [Card.Presentation.Style: Int] = [:]
        var trueShown = 0
        for day in 0..<30 {
            var now = Self.now + Double(day) * 86_400
            let session = StudySession(
                cards: cards, vocabulary: [], store: store, scheduler: scheduler,
                options: StudyOptions(newPerDay: 10, clock: clock), now: now)
            var answered = 0
            while let asked = session.next(now: now), answered < 200 {
                shown[asked.style, default: 0] += 1
                if asked.style == .trueFalse, asked.answer == "true" { trueShown += 1 }
                let right = Double.random(in: 0..<1, using: &rng) < 0.85
                let grade = Grade(
                    verdict: right ? .correct : .wrong, score: right ? 1 : 0, expected: asked.answer)
                let rating = session.suggestedRating(for: grade, duration: 6, hintsUsed: 0, card: asked)
                try session.record(asked, reply: "x", grade: grade, rating: rating, duration: 6, now: now)
                answered += 1
                now += 60
            }
        }
        let total = shown.values.reduce(0, +)
        let trueFalse = shown[.trueFalse, default: 0]
        #expect(total > 300)
        #expect(Double(trueFalse) <= 0.15 * Double(total), "true/false \(trueFalse) of \(total)")
        #expect(trueFalse == 0 || Double(trueShown) <= 0.55 * Double(trueFalse))
        #expect(shown[.choose, default: 0] > 0 && shown[.recall, default: 0] > 0, "\(shown)")
    }
}
