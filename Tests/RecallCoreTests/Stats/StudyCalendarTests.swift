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

    @Test func rolloverHourIsClamped() {
        #expect(StudyCalendar(timeZone: .gmt, rolloverHour: 30).rolloverHour == 23)
        #expect(StudyCalendar(timeZone: .gmt, rolloverHour: -2).rolloverHour == 0)
    }
}
