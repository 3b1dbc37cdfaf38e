public import Foundation

/// Study days: a day starts at `startHour` local time (4 a.m. by default, as in Anki), so a
/// late-night session counts for the day it began in.
public struct DayClock: Sendable, Hashable {
    public var startHour: Int
    public var timeZone: TimeZone

    public init(startHour: Int = 4, timeZone: TimeZone = .current) {
        self.startHour = min(max(startHour, 0), 23)
        self.timeZone = timeZone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// When the study day containing `date` began.
    public func startOfDay(containing date: Date) -> Date {
        let shifted = date.addingTimeInterval(-Double(startHour) * 3600)
        let midnight = calendar.startOfDay(for: shifted)
        return calendar.date(byAdding: .hour, value: startHour, to: midnight) ?? midnight
    }

    /// When the study day containing `date` ends (the next day's start).
    public func endOfDay(containing date: Date) -> Date {
        let start = startOfDay(containing: date)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
    }

    /// Whole study days from `date`'s day to `other`'s day (0 for the same day).
    public func days(from date: Date, to other: Date) -> Int {
        let a = startOfDay(containing: date)
        let b = startOfDay(containing: other)
        return calendar.dateComponents([.day], from: a, to: b).day
            ?? Int(((b.timeIntervalSince(a)) / 86_400).rounded())
    }
}

extension DayClock: StudyDays {}
