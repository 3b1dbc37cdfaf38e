import Foundation
import RecallCore

/// The parts of the study screen around a card: what is left under it, and the rating buttons
/// with the interval each rating gives, as Anki shows them.
enum ReviewScreen {
    /// `12 new · 3 learning · 40 review`, coloured as Anki colours its counts (new blue,
    /// learning red, review green).
    static func counts(_ left: (learning: Int, review: Int, new: Int), style: Style) -> String {
        [
            style.blue("\(left.new) new"), style.red("\(left.learning) learning"),
            style.green("\(left.review) review"),
        ].joined(separator: style.dim(" · "))
    }

    /// `1 again <1m · 2 hard 6m · 3 good 1d · 4 easy 4d`, the suggested rating in bold; one
    /// button a line when the row does not fit in `width` columns, so no button is broken.
    static func buttons(
        _ intervals: [(rating: Rating, interval: TimeInterval)], suggested: Rating, style: Style, width: Int
    ) -> String {
        let plain = intervals.map { "\($0.rating.rawValue) \(name($0.rating)) \(interval($0.interval))" }
        let painted = zip(intervals, plain).map { $0.rating == suggested ? style.bold($1) : $1 }
        let row = plain.joined(separator: " · ")
        return DisplayWidth.of(row) <= width
            ? painted.joined(separator: style.dim(" · ")) : painted.joined(separator: "\n")
    }

    static func name(_ rating: Rating) -> String {
        switch rating {
        case .again: "again"
        case .hard: "hard"
        case .good: "good"
        case .easy: "easy"
        }
    }

    /// An interval as Anki's buttons show it: `<1m`, `6m`, `3h`, `1d`, `12d`, `1.5mo`, `2.1y`.
    static func interval(_ seconds: TimeInterval) -> String {
        let minutes = seconds / 60
        if minutes <= 1 { return "<1m" }  // as Anki shows its one-minute step
        if minutes < 60 { return "\(Int(minutes.rounded()))m" }
        let hours = minutes / 60
        if hours < 24 { return "\(Int(hours.rounded()))h" }
        let days = hours / 24
        if days < 30 { return "\(Int(days.rounded()))d" }
        let tenth = { (value: Double) in
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
        }
        if days < 365 { return tenth(days / 30) + "mo" }
        return tenth(days / 365) + "y"
    }
}
