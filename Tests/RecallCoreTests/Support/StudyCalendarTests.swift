import Foundation
import Testing

@testable import RecallCore

@Suite struct StudyCalendarTests {
    static let zone = TimeZone(secondsFromGMT: 2 * 3600) ?? .gmt
    /// Sunday 2026-11-29, 12:00 in UTC+2.
    static let noon = Date(timeIntervalSince1970: 1_795_946_400)

    /// Local time on the calendar day `days` after 2026-11-29.
    static func local(day days: Int, hour: Int, minute: Int = 0) -> Date {
        noon + Double(days * 86_400 + (hour - 12) * 3600 + minute * 60)
    }

    @Test(arguments: [
        (0, "1970-01-01", 3), (-1, "1969-12-31", 2), (11017, "2000-03-01", 2), (19782, "2024-02-29", 3),
        (20786, "2026-11-29", 6),
    ])
    func namesDaysAndWeekdays(day: Int, date: String, weekday: Int) {
        #expect(StudyCalendar.dateString(ofDay: day) == date)
        #expect(StudyCalendar.weekday(ofDay: day) == weekday)
    }

    @Test func theDayRollsOverAtTheRolloverHourLocalTime() {
        let calendar = StudyCalendar(timeZone: Self.zone)  // 4 a.m.
        #expect(calendar.day(of: Self.noon) == 20786)
        #expect(calendar.day(of: Self.local(day: 0, hour: 3, minute: 59)) == 20785)
        #expect(calendar.day(of: Self.local(day: 0, hour: 4)) == 20786)
        #expect(calendar.day(of: Self.local(day: 1, hour: 3, minute: 59)) == 20786)
        let midnight = StudyCalendar(timeZone: Self.zone, rolloverHour: 0)
        #expect(midnight.day(of: Self.local(day: 0, hour: 0)) == 20786)
        #expect(midnight.day(of: Self.local(day: 0, hour: 0) - 1) == 20785)
    }

    @Test func theRolloverFollowsTheWallClockAcrossDaylightSaving() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let calendar = StudyCalendar(timeZone: zone)
        // 2026-03-08: clocks go from 2:00 EST to 3:00 EDT; 4:00 EDT is 08:00 UTC.
        let fourAM = Date(timeIntervalSince1970: 1_772_956_800)  // 2026-03-08T08:00:00Z
        #expect(StudyCalendar.dateString(ofDay: calendar.day(of: fourAM)) == "2026-03-08")
        #expect(StudyCalendar.dateString(ofDay: calendar.day(of: fourAM - 1)) == "2026-03-07")
    }

    struct DaylightCase: Sendable, CustomTestStringConvertible {
        var name: String
        var day: String
        var rollover: Int
        /// The day's first moment, in UTC.
        var start: String
        /// Its length in hours.
        var hours: Int
        var testDescription: String { name }
    }

    @Test(arguments: [
        DaylightCase(
            name: "spring forward, 4 a.m.", day: "2026-03-08", rollover: 4, start: "2026-03-08T08:00:00Z",
            hours: 24),
        DaylightCase(
            name: "day before spring forward", day: "2026-03-07", rollover: 4, start: "2026-03-07T09:00:00Z",
            hours: 23),
        DaylightCase(
            name: "fall back, 4 a.m.", day: "2026-11-01", rollover: 4, start: "2026-11-01T09:00:00Z",
            hours: 24),
        DaylightCase(
            name: "day before fall back", day: "2026-10-31", rollover: 4, start: "2026-10-31T08:00:00Z",
            hours: 25),
        DaylightCase(
            name: "rollover in the skipped hour", day: "2026-03-08", rollover: 2,
            start: "2026-03-08T07:00:00Z", hours: 23),
        DaylightCase(
            name: "midnight, winter", day: "2026-12-20", rollover: 0, start: "2026-12-20T05:00:00Z", hours: 24
        ),
    ])
    func studyDaysStartAtTheWallClockHourAcrossDaylightSaving(_ example: DaylightCase) throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let calendar = StudyCalendar(timeZone: zone, rolloverHour: example.rollover)
        let start = try #require(calendar.start(ofDayNamed: example.day))
        #expect(UTCTimestamp.string(from: start) == example.start)
        #expect(calendar.dateString(of: start) == example.day)
        #expect(calendar.dateString(of: start - 1) != example.day)
        #expect(calendar.startOfDay(containing: start + 3600) == start)
        let end = calendar.endOfDay(containing: start)
        #expect(end.timeIntervalSince(start) == Double(example.hours * 3600))
        #expect(calendar.days(from: start, to: end) == 1)
    }

    @Test func anExamDateIsTheLearnersLocalDay() throws {
        // With TZ=America/New_York, `--exam 2026-12-20` is 2026-12-20 whatever the rollover hour.
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        for hour in 0..<24 {
            let calendar = StudyCalendar(timeZone: zone, rolloverHour: hour)
            let exam = try #require(calendar.start(ofDayNamed: "2026-12-20"))
            #expect(calendar.dateString(of: exam) == "2026-12-20")
        }
        #expect(StudyCalendar.day(named: "2026-02-30") == nil)
        #expect(StudyCalendar.day(named: "2026-12-2") == nil)
        #expect(StudyCalendar.day(named: "tomorrow") == nil)
    }

    @Test func rolloverHourIsClamped() {
        #expect(StudyCalendar(timeZone: .gmt, rolloverHour: 30).rolloverHour == 23)
        #expect(StudyCalendar(timeZone: .gmt, rolloverHour: -2).rolloverHour == 0)
    }
}
