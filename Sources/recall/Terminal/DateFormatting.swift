import Foundation
import RecallCore

/// Dates as the learner reads them: the study day a moment falls in, named by the one calendar
/// (`StudyCalendar`), so a card due at 1 a.m. shows the day before, as the session counts it.
enum DateFormatting {
    /// `2026-12-03`: the study day of `date` in `calendar` (the local one with a 4 a.m. rollover
    /// unless given; pass the profile's, e.g. `StudyOptions.clock`).
    static func day(_ date: Date, in calendar: StudyCalendar = StudyCalendar()) -> String {
        calendar.dateString(of: date)
    }
}
