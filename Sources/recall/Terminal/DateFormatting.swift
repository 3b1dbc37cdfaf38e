import Foundation

/// Dates as the learner reads them, in local time.
enum DateFormatting {
    /// `2026-12-03`.
    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
