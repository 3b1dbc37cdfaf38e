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
