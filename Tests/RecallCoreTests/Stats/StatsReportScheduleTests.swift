import Foundation
import Testing

@testable import RecallCore

/// The forecast, stability buckets, heatmap and streak: numbers tied to study-day boundaries.
@Suite struct StatsReportScheduleTests {
    typealias Fixture = StatsFixture

    static func review(due: Date, stability: Double = 5) -> CardState {
        CardState(
            phase: .review, step: nil, stability: stability, difficulty: 5, due: due,
            lastReview: Fixture.local(day: -40))
    }

    @Test func forecastCountsDueCardsPerStudyDay() throws {
        let due: [String: Date] = [
            "overdue": Fixture.local(day: -2),
            "tonight": Fixture.local(day: 0, hour: 23),
            "before-rollover": Fixture.local(day: 1, hour: 3, minute: 59),
            "at-rollover": Fixture.local(day: 1, hour: 4),
            "tomorrow": Fixture.local(day: 1, hour: 5),
            "day-29": Fixture.local(day: 29),
            "day-30": Fixture.local(day: 30),
            "suspended": Fixture.local(day: 1, hour: 12),
            "buried": Fixture.local(day: 0, hour: 10),
        ]
        let profile = Profile(
            name: "p", states: due.mapValues { Self.review(due: $0) },
            flags: [
                "suspended": CardFlags(isSuspended: true),
                "buried": CardFlags(buriedUntil: Fixture.local(day: 1, hour: 5)),
            ])
        let cards = (Array(due.keys) + ["new"]).map { Fixture.card($0) }
        let report = try StatsReport(
            profile: profile, cards: cards, now: Fixture.now, calendar: Fixture.calendar)
        let forecast = report.forecast
        #expect(forecast.overdue == 1)
        #expect(forecast.days.count == 30)
        #expect(forecast.days[0] == .init(date: "2026-11-29", count: 3))  // overdue, tonight, before rollover
        #expect(forecast.days[1] == .init(date: "2026-11-30", count: 3))  // at rollover, tomorrow, buried
        #expect(forecast.days[29] == .init(date: "2026-12-28", count: 1))
        #expect(forecast.days.map(\.count).reduce(0, +) == 7)
        #expect(forecast.due(onDay: 0) == 3 && forecast.due(onDay: 1) == 3 && forecast.due(onDay: 30) == 0)
        #expect(forecast.dueAfterToday(withinDays: 7) == 3)
        #expect(forecast.dueAfterToday(withinDays: 29) == 4)
        #expect(report.cards.review == 7 && report.cards.suspended == 1 && report.cards.buried == 1)
        #expect(report.cards.new == 1)
    }

    @Test func stabilityBucketsHoldTheirLowerBound() throws {
        let stabilities = [0.5, 1, 6.9, 7, 400, 1000]
        var states: [String: CardState] = [:]
        for (index, stability) in stabilities.enumerated() {
            states["c\(index)"] = Self.review(due: Fixture.local(day: 3), stability: stability)
        }
        let profile = Profile(name: "p", states: states)
        let cards = (states.keys.sorted() + ["new"]).map { Fixture.card($0) }
        let report = try StatsReport(
            profile: profile, cards: cards, now: Fixture.now, calendar: Fixture.calendar)
        #expect(report.stability.map(\.cards) == [1, 2, 1, 0, 0, 0, 1, 1])
        #expect(report.stability.first?.minimumDays == 0)
        #expect(report.stability.first?.maximumDays == 1)
        #expect(report.stability.last?.maximumDays == nil)
    }

    @Test func heatmapCountsReviewsOnStudyDaysOfTheLast26Weeks() throws {
        var fixture = try Fixture()
        try fixture.answer("c1", .good, day: -182, hour: 10)  // 2026-05-31: before the first week
        try fixture.answer("c2", .good, day: -181, hour: 5)  // 2026-06-01, a Monday: the first cell
        try fixture.answer("c3", .good, day: -1, hour: 10)
        try fixture.answer("c4", .good, day: 0, hour: 3, minute: 59)  // still yesterday's study day
        try fixture.answer("c5", .good, day: 0, hour: 4)
        try fixture.answer("c6", .good, day: 0, hour: 12)
        let cards = (1...6).map { Fixture.card("c\($0)") }
        let report = try fixture.report(cards)
        let days = report.activity.days
        #expect(report.activity.weeks == 26)
        #expect(days.count == 25 * 7 + 7)  // today is a Sunday: the last week is complete
        #expect(days.first == .init(date: "2026-06-01", count: 1))
        #expect(days[days.count - 2] == .init(date: "2026-11-28", count: 2))
        #expect(days.last == .init(date: "2026-11-29", count: 2))
        #expect(report.activity.activeDays == 3)
        #expect(days.map(\.count).reduce(0, +) == 5)
        #expect(report.totalReviews == 6)
        #expect(report.streak == 2)
    }

    @Test func heatmapStartsOnTheMondayOfTheFirstWeek() throws {
        // Wednesday 2026-11-25: the last week holds three days.
        let report = try Fixture().report([], at: Fixture.local(day: -4))
        #expect(report.activity.days.count == 25 * 7 + 3)
        #expect(report.activity.days.first?.date == "2026-06-01")  // Monday of 25 weeks before
        #expect(report.activity.days.last?.date == "2026-11-25")
        #expect(report.today == "2026-11-25")
    }

    @Test func streakEndsTodayOrYesterday() throws {
        var fixture = try Fixture()
        try fixture.answer("a", .good, day: -4)
        try fixture.answer("b", .good, day: -2)
        try fixture.answer("c", .good, day: 0, hour: 2)  // day -1 by the 4 a.m. rollover
        let reviews = fixture.profile.reviews
        // Nothing yet today: the run -2, -1 still counts.
        #expect(StatsReport.streak(of: reviews, now: Fixture.now, calendar: Fixture.calendar) == 2)
        // A day later with nothing on day 0, the streak is broken.
        #expect(StatsReport.streak(of: reviews, now: Fixture.local(day: 1), calendar: Fixture.calendar) == 0)
        // With the day rolling over at midnight, the 2 a.m. review is today's: -2, (no -1) → 1.
        let midnight = StudyCalendar(timeZone: Fixture.zone, rolloverHour: 0)
        #expect(StatsReport.streak(of: reviews, now: Fixture.now, calendar: midnight) == 1)
        #expect(StatsReport.streak(activeDays: [], today: 5) == 0)
        #expect(StatsReport.streak(activeDays: [3, 4, 5], today: 5) == 3)
    }
}
