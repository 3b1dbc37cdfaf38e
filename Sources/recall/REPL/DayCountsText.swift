import RecallCore

/// The day's counts as the prompt, `decks`, the study header and the summary show them: one
/// wording of the core's `StudySession.DayCounts`, so no two views disagree.
enum DayCountsText {
    /// `12 due · 5 new`.
    static func short(_ counts: StudySession.DayCounts) -> String {
        "\(counts.due) due · \(counts.new) new"
    }

    /// `90 due (50 today), 5 new` for `decks`.
    static func deckLine(_ counts: StudySession.DayCounts) -> String {
        let today = counts.learning + counts.review
        let limited =
            today >= counts.due ? "" : today == 0 ? " (0 today, the limit is reached)" : " (\(today) today)"
        var line = "\(counts.due) due\(limited), \(counts.new) new"
        if counts.buried > 0 { line += ", \(counts.buried) buried" }
        if counts.suspended > 0 { line += ", \(counts.suspended) suspended" }
        return line
    }

    /// `Studying: 50 of 90 due (2 learning), 5 new.` then why anything is held back. Due counts
    /// learning steps due today too, so they are named inside it, not added to it.
    static func header(_ counts: StudySession.DayCounts, notes: [String]) -> [String] {
        let today = counts.learning + counts.review
        var due = today < counts.due ? "\(today) of \(counts.due) due" : "\(counts.due) due"
        if counts.learning > 0 { due += " (\(counts.learning) learning)" }
        return ["Studying: \(due), \(counts.new) new. Type :help for commands."] + notes.map { "(\($0).)" }
    }

    /// When the session has nothing to show.
    static func nothingLeft(_ counts: StudySession.DayCounts) -> String {
        counts.due == 0
            ? "Nothing to study now: no card is due and today's new cards are done."
            : "Nothing more to study today: \(counts.due) due \(counts.due == 1 ? "card waits" : "cards wait") for the following days."
    }
}
