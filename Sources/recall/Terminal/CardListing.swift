import Foundation
import RecallCore

/// A learner's cards as `cards QUERY` lists them and `card ID` shows one, in the REPL and on the
/// command line alike.
enum CardListing {
    /// `  review     2026-12-04 typed     In what year …`, cut to `width` columns.
    static func row(_ card: Card, profile: Profile, board: CardStatusBoard, width: Int) -> String {
        let status = board.status(of: card)
        let due = profile.states[card.id].map { DateFormatting.day($0.due, in: board.days) } ?? ""
        let line =
            "  "
            + [
                DisplayWidth.pad(status.headline, to: 10),
                DisplayWidth.pad(due, to: 10), DisplayWidth.pad(card.kind.rawValue, to: 9),
                Style.safe(card.prompt, oneLine: true),
            ].joined(separator: " ")
        return DisplayWidth.truncate(line, to: width)
    }

    /// One card in full: id, prompt and options, answer, source, its state and when it is due,
    /// its flags, and every answer the learner gave it.
    static func detail(_ card: Card, profile: Profile, board: CardStatusBoard) -> String {
        var lines = [CardText.render(card)]
        let stateWord = board.status(of: card).headline
        let now = board.now
        let day = { (date: Date) in DateFormatting.day(date, in: board.days) }
        if let state = profile.states[card.id] {
            var facts = ["state: \(stateWord)", "due \(day(state.due))"]
            if let stability = state.stability { facts.append("stability \(format(stability)) d") }
            if let difficulty = state.difficulty { facts.append("difficulty \(format(difficulty))") }
            lines.append("  " + facts.joined(separator: " · "))
        } else {
            lines.append("  state: \(stateWord) (never answered)")
        }
        let flags = profile.flags(of: card.id)
        var marks: [String] = []
        if flags.lapses > 0 { marks.append(Format.count(flags.lapses, "lapse")) }
        if flags.isLeech { marks.append("leech") }
        if flags.isSuspended { marks.append("suspended") }
        if let until = flags.buriedUntil, until > now {
            marks.append("buried until \(day(until))")
        }
        if !flags.aliases.isEmpty {
            marks.append(
                "your spellings: "
                    + flags.aliases.map { Style.safe($0, oneLine: true) }.joined(separator: ", "))
        }
        if !marks.isEmpty { lines.append("  " + marks.joined(separator: " · ")) }
        let history = profile.reviews.filter { $0.cardID == card.id }
        lines.append(
            "  history: \(history.isEmpty ? "none" : Format.count(history.count, "answer"))"
        )
        for review in history {
            var parts = [
                day(review.reviewedAt), StudyLoop.name(review.rating).lowercased(),
                review.verdict.rawValue,
            ]
            if review.hints > 0 { parts.append(Format.count(review.hints, "hint")) }
            if review.overridden { parts.append("override") }
            let answer =
                review.answer.isEmpty ? "(no answer)" : "'\(Style.safe(review.answer, oneLine: true))'"
            lines.append("    " + parts.joined(separator: " · ") + " — " + answer)
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double) -> String {
        value >= 10 ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }
}
