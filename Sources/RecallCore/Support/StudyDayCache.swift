import Foundation

/// `StudyCalendar.day(of:)` for millions of moments (a whole review log): the time zone's offset
/// is asked once per UTC day with the moment it next changes, instead of once per moment.
struct StudyDayCache {
    let calendar: StudyCalendar
    /// UTC day number → the offset from its start and the moment it next changes.
    private var offsets: [Int: (offset: Int, until: Date)] = [:]
    /// The day asked last.
    private var recent: (utcDay: Int, offset: Int, until: Date)?

    init(calendar: StudyCalendar) {
        self.calendar = calendar
    }

    mutating func day(of date: Date) -> Int {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e14 else { return calendar.day(of: date) }
        let utcDay = Int((seconds / 86_400).rounded(.down))
        let known: (offset: Int, until: Date)
        if let recent, recent.utcDay == utcDay {
            // A log read in order asks about the same day many times running.
            known = (recent.offset, recent.until)
        } else {
            known =
                offsets[utcDay]
                ?? {
                    let start = Date(timeIntervalSince1970: Double(utcDay) * 86_400)
                    let zone = calendar.timeZone
                    let entry = (
                        offset: zone.secondsFromGMT(for: start),
                        until: zone.nextDaylightSavingTimeTransition(after: start) ?? .distantFuture
                    )
                    offsets[utcDay] = entry
                    return entry
                }()
            recent = (utcDay, known.offset, known.until)
        }
        // After a change within the day, ask the time zone itself.
        guard date < known.until else { return calendar.day(of: date) }
        return calendar.day(of: date, offset: known.offset)
    }
}
