public import Foundation

/// The documented range of every count and date a user gives on the command line, so that a
/// huge or negative number is a clear error instead of a hang, an abort or gigabytes of memory.
public enum InputRange {
    /// Simulated learners (`simulate --learners`).
    public static let learners = 1...1_000
    /// Simulated study days (`simulate --days`): ten years.
    public static let simulatedDays = 1...3_650
    /// New cards per day (`study --new`, `simulate --new-per-day`).
    public static let newPerDay = 0...10_000
    /// Review cards per day (`study --limit`).
    public static let reviewLimit = 0...100_000
    /// Reviews per day on the way to an exam (`plan --budget`).
    public static let budget = 1...100_000
    /// Questions in a quiz or quiz sheet (`quiz -n`, `export -n`).
    public static let questions = 1...1_000
    /// Hardest cards listed (`class report --top`).
    public static let listed = 0...10_000
    /// An hour of the day (`--day-starts`).
    public static let hour = 0...23
    /// Days from today to an exam (`study --exam`, `plan --exam`): today up to 100 years ahead
    /// (the longest interval the scheduler gives).
    public static let examDaysAhead = 0...36_500
    /// A moment in seconds since 1970 (`stats --now`): up to the end of year 9999.
    public static let moment = 0.0...253_402_300_799.0

    /// The message for `value` outside `range`, or nil when it lies inside.
    public static func problem(_ value: Int, _ range: ClosedRange<Int>, option: String) -> String? {
        range.contains(value)
            ? nil : "\(option) must be between \(range.lowerBound) and \(range.upperBound) (got \(value))."
    }

    /// The message for a moment outside `moment` (or not a number), or nil.
    public static func problem(_ seconds: Double, option: String) -> String? {
        moment.contains(seconds)
            ? nil
            : "\(option) must be seconds since 1970 between 0 and \(Int(moment.upperBound)) (the end of year 9999)."
    }

    /// The message for an exam day (`--exam`, a date in the learner's calendar) that has passed
    /// or lies too far ahead of `now`, or nil.
    public static func problem(exam text: String, now: Date, calendar: StudyCalendar, option: String)
        -> String?
    {
        guard let exam = StudyCalendar.day(named: text) else {
            return "Invalid exam date '\(text)'; expected YYYY-MM-DD, e.g. 2026-12-20."
        }
        let today = calendar.day(of: now)
        let days = exam - today
        guard examDaysAhead.contains(days) else {
            return "\(option) must be a day from today to \(examDaysAhead.upperBound) days ahead ("
                + (days < 0 ? "that day has passed; " : "") + "today is \(calendar.dateString(of: now)))."
        }
        return nil
    }
}
