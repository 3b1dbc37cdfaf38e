public import Foundation

/// Study days: calendar days in the learner's time zone that begin at the rollover hour
/// (4 a.m. by default, as in Anki), so a review at 1 a.m. counts towards the evening before.
///
/// Days are numbered from 1970-01-01 (day 0), which makes "yesterday" plain arithmetic.
public struct StudyCalendar: Sendable, Hashable {
    public var timeZone: TimeZone
    /// The local hour (0–23) at which one study day ends and the next begins.
    public var rolloverHour: Int

    /// Creates a calendar; an hour outside 0–23 is clamped into it.
    public init(timeZone: TimeZone, rolloverHour: Int = 4) {
        self.timeZone = timeZone
        self.rolloverHour = min(max(rolloverHour, 0), 23)
    }

    /// The number of the study day `date` falls in.
    ///
    /// Uses the wall-clock time at `date` (so a day that gains or loses an hour to daylight saving
    /// still starts at the rollover hour) minus the rollover hour, rounded down to whole days.
    public func day(of date: Date) -> Int {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        let shifted = (local - Double(rolloverHour * 3600)) / 86_400
        guard shifted.isFinite else { return 0 }
        return Int(min(max(shifted.rounded(.down), -1e12), 1e12))
    }

    /// The calendar date a study day is named after, as `yyyy-MM-dd`.
    public static func dateString(ofDay day: Int) -> String {
        let (year, month, date) = UTCTimestamp.civilDate(daysSince1970: day)
        let yearText = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        return "\(yearText)-\(pad(month, 2))-\(pad(date, 2))"
    }

    /// The day of the week of a study day: 0 for Monday through 6 for Sunday.
    public static func weekday(ofDay day: Int) -> Int {
        // Day 0, 1970-01-01, was a Thursday.
        ((day + 3) % 7 + 7) % 7
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
