public import Foundation

/// The learner's study days: calendar days in their time zone that begin at the rollover hour
/// (`--day-starts`, 4 a.m. by default, as in Anki), so a review at 1 a.m. counts towards the
/// evening before. The one calendar of the program: the session's day, stats, the planner and the
/// exam date all count days with it, and every day shown to the learner is named by `dateString`.
///
/// A study day begins when the *wall clock* shows the rollover hour, so a day that gains or loses
/// an hour to daylight saving still starts at that hour. Days are numbered from 1970-01-01 (day 0),
/// which makes "yesterday" plain arithmetic.
public struct StudyCalendar: Sendable, Hashable {
    /// The rollover hour when neither the command line nor the profile names one.
    public static let defaultRolloverHour = 4

    public var timeZone: TimeZone
    /// The local hour (0–23) at which one study day ends and the next begins.
    public var rolloverHour: Int

    /// Creates a calendar; an hour outside 0–23 is clamped into it.
    public init(timeZone: TimeZone = .current, rolloverHour: Int = StudyCalendar.defaultRolloverHour) {
        self.timeZone = timeZone
        self.rolloverHour = min(max(rolloverHour, 0), 23)
    }

    /// The number of the study day `date` falls in: the wall-clock time at `date` minus the
    /// rollover hour, rounded down to whole days.
    public func day(of date: Date) -> Int {
        day(of: date, offset: timeZone.secondsFromGMT(for: date))
    }

    /// `day(of:)` given the time zone's offset from GMT at `date`.
    func day(of date: Date, offset: Int) -> Int {
        let local = date.timeIntervalSince1970 + Double(offset)
        let shifted = (local - Double(rolloverHour * 3600)) / 86_400
        guard shifted.isFinite else { return 0 }
        return Int(min(max(shifted.rounded(.down), -1e12), 1e12))
    }

    /// The first moment of study day `day`: when the wall clock shows the rollover hour on that
    /// date (or, if that hour is skipped by daylight saving, the moment the clock jumps past it).
    public func start(ofDay day: Int) -> Date {
        let wall = (Double(day) * 86_400 + Double(rolloverHour * 3600))
        // The offset in force at the start is one of those around it; the earliest moment that
        // already belongs to the day is its start.
        let offsets = Set(
            [-86_400.0, 0, 86_400].map {
                Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + $0)))
            })
        let candidates = offsets.map { Date(timeIntervalSince1970: wall - $0) }
            .filter { self.day(of: $0) >= day }
        guard var start = candidates.min() else { return Date(timeIntervalSince1970: wall) }
        // In a skipped hour the candidate lies after the jump; the day began at the jump itself.
        if let jump = timeZone.nextDaylightSavingTimeTransition(after: start.addingTimeInterval(-7_200)),
            jump < start, self.day(of: jump) >= day
        {
            start = jump
        }
        return start
    }

    /// When the study day containing `date` began.
    public func startOfDay(containing date: Date) -> Date {
        start(ofDay: day(of: date))
    }

    /// When the study day containing `date` ends (the next day's start).
    public func endOfDay(containing date: Date) -> Date {
        start(ofDay: day(of: date) + 1)
    }

    /// Whole study days from `date`'s day to `other`'s day (0 for the same day).
    public func days(from date: Date, to other: Date) -> Int {
        day(of: other) - day(of: date)
    }

    /// The study day a learner's date (`yyyy-MM-dd`, as `--exam` takes it) names, or nil if the
    /// text is not a valid date.
    public static func day(named text: String) -> Int? {
        guard text.utf8.count == 10, let midnight = UTCTimestamp.date(from: text + "T00:00:00Z") else {
            return nil
        }
        let day = Int((midnight.timeIntervalSince1970 / 86_400).rounded(.down))
        return dateString(ofDay: day) == text ? day : nil
    }

    /// The start of the study day a learner's date names (`--exam 2026-12-20`: 4 a.m. local time
    /// on that date), or nil if the text is not a valid date.
    public func start(ofDayNamed text: String) -> Date? {
        Self.day(named: text).map(start(ofDay:))
    }

    /// The study day `date` falls in, as the learner reads it: `yyyy-MM-dd`.
    public func dateString(of date: Date) -> String {
        Self.dateString(ofDay: day(of: date))
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
