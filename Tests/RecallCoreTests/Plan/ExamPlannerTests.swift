import Foundation
import Testing

@testable import RecallCore

@Suite struct ExamPlannerTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    var exam: Date { now.addingTimeInterval(20 * 86_400) }

    /// A card last reviewed `daysAgo` days before now with the given stability, due by the default schedule.
    func reviewed(_ id: String, stability: Double, daysAgo: Double) -> ExamPlanner.Card {
        let last = now.addingTimeInterval(-daysAgo * 86_400)
        let state = CardState(
            phase: .review, step: nil, stability: stability, difficulty: 5,
            due: last.addingTimeInterval(stability.rounded() * 86_400), lastReview: last)
        return ExamPlanner.Card(id: id, state: state)
    }

    @Test func afterTheExamThereIsNoPlan() throws {
        let planner = try ExamPlanner(exam: now.addingTimeInterval(-86_400), dailyBudget: 50)
        let plan = planner.plan([reviewed("a", stability: 10, daysAgo: 3)], now: now)
        #expect(plan.days.isEmpty)
        #expect(plan.predictedRetention == plan.retentionWithoutStudy)
    }

    @Test func cardsThatWouldFadeBeforeTheExamAreReviewedLateAndRetentionRises() throws {
        // Stability 60, due in 57 days: its normal schedule has no review before the exam.
        let cards = (0..<10).map { reviewed("c\($0)", stability: 60, daysAgo: 3) }
        let planner = try ExamPlanner(exam: exam, dailyBudget: 5, target: 0.97)
        let plan = planner.plan(cards, now: now)
        #expect(plan.days.count == 20)
        let early = plan.days.flatMap(\.earlyReviews)
        #expect(Set(early) == Set(cards.map(\.id)))
        // As late as the budget allows: the last two days, five each.
        #expect(plan.days[19].earlyReviews.count == 5 && plan.days[18].earlyReviews.count == 5)
        #expect(plan.reviewEarlyToday.isEmpty)
        #expect(plan.predictedRetention > plan.retentionWithoutStudy)
        #expect(plan.predictedRetention >= 0.97)
        for day in plan.days { #expect(day.dueReviews + day.earlyReviews.count <= 5) }
    }

    @Test func aTightBudgetBringsEarlyReviewsForward() throws {
        let cards = (0..<40).map { reviewed("c\($0)", stability: 60, daysAgo: 1) }
        let plan = try ExamPlanner(exam: exam, dailyBudget: 2, target: 0.99).plan(cards, now: now)
        #expect(plan.reviewEarlyToday.count == 2)
        #expect(plan.days.allSatisfy { $0.earlyReviews.count == 2 })
    }

    @Test func newCardsAreIntroducedInTimeToMature() throws {
        let cards = (0..<30).map { ExamPlanner.Card(id: "n\($0)", state: .new(at: now)) }
        let planner = try ExamPlanner(exam: exam, dailyBudget: 100, target: 0.9)
        let plan = planner.plan(cards, now: now)
        let deadline = try #require(plan.newCardDeadline)
        #expect(deadline < exam)
        let introduced = plan.days.flatMap(\.newCards)
        #expect(introduced.sorted() == cards.map(\.id).sorted())
        for day in plan.days where !day.newCards.isEmpty { #expect(day.date <= deadline) }
        #expect(!plan.newCardsToday.isEmpty)
        #expect(plan.retentionWithoutStudy == 0)
        #expect(plan.predictedRetention >= 0.9)
    }
}

@Suite struct ExamPlannerBudgetTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let utc = StudyCalendar(timeZone: .gmt, rolloverHour: 4)

    @Test(arguments: [1, 3, 10, 40])
    func newCardsNeverTakeADayOverTheBudget(budget: Int) throws {
        let exam = utc.start(ofDay: utc.day(of: now) + 10)
        let cards = (0..<200).map { ExamPlanner.Card(id: "n\($0)", state: .new(at: now)) }
        let plan = try ExamPlanner(exam: exam, dailyBudget: budget, target: 0.9, calendar: utc)
            .plan(cards, now: now)
        #expect(plan.days.count == 10)
        for day in plan.days { #expect(day.total <= budget) }
        #expect(plan.overBudget.isEmpty)
        let introduced = plan.days.flatMap(\.newCards)
        // What is not introduced is reported, never silently dropped.
        #expect(Set(introduced + plan.uncoveredNewCards) == Set(cards.map(\.id)))
        #expect(!plan.uncoveredNewCards.isEmpty)
    }

    @Test func reviewsAlreadyDueWaitWhenTheBudgetIsFullAndThePredictionFollows() throws {
        let exam = utc.start(ofDay: utc.day(of: now) + 10)
        // 60 cards all due today, stability 3 days: far more than a budget of 10 a day.
        let cards = (0..<60).map { index in
            let last = now.addingTimeInterval(-3 * 86_400)
            let state = CardState(
                phase: .review, step: nil, stability: 3, difficulty: 5, due: now.addingTimeInterval(-60),
                lastReview: last)
            return ExamPlanner.Card(id: "c\(index)", state: state)
        }
        let tight = try ExamPlanner(exam: exam, dailyBudget: 10, target: 0.9, calendar: utc).plan(
            cards, now: now)
        for day in tight.days { #expect(day.total <= 10) }
        #expect(!tight.postponedReviews.isEmpty)
        let roomy = try ExamPlanner(exam: exam, dailyBudget: 1000, target: 0.9, calendar: utc).plan(
            cards, now: now)
        #expect(roomy.postponedReviews.isEmpty)
        // What the prediction assumes is what fits: no review on a day beyond the budget.
        #expect(tight.days.map(\.total).reduce(0, +) <= 10 * tight.days.count)
        #expect(tight.predictedRetention != roomy.predictedRetention)
    }

    @Test func everyStudyDayUpToTheExamIsListedInTheLearnersCalendar() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let calendar = StudyCalendar(timeZone: zone, rolloverHour: 4)
        // Late in the evening: the exam 3 study days ahead leaves today and two more days.
        let evening = try #require(UTCTimestamp.date(from: "2026-12-17T03:30:00Z"))  // 22:30 on the 16th
        let exam = try #require(calendar.start(ofDayNamed: "2026-12-19"))
        let cards = [ExamPlanner.Card(id: "n", state: .new(at: evening))]
        let plan = try ExamPlanner(exam: exam, dailyBudget: 10, calendar: calendar).plan(cards, now: evening)
        #expect(
            plan.days.map { calendar.dateString(of: $0.date) } == ["2026-12-16", "2026-12-17", "2026-12-18"])
    }
}
