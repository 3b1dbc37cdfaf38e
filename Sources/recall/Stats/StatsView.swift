import Foundation
import RecallCore

/// Draws a `StatsReport` for the terminal: pictures where a picture reads better than numbers.
///
/// Every line fits `width` columns (counted with `DisplayWidth`, so wide and combining
/// characters in attribute names or prompts do not push tables out of line); colour only when
/// `style.color` is set. The REPL's `stats` command calls `render` with its own width and style.
enum StatsView {
    /// The narrowest layout drawn; a narrower terminal gets this width.
    static let minimumWidth = 40
    /// How many attributes the retention chart lists (the weakest ones).
    static let attributeRows = 12

    /// The whole report as text, ending with a newline.
    static func render(_ report: StatsReport, width: Int, style: Style) -> String {
        let canvas = Canvas(width: max(width, minimumWidth), style: style)
        let sections: [[String]] = [
            canvas.header(report),
            canvas.states(report.cards),
            canvas.retention(report),
            canvas.forecast(report.forecast),
            canvas.heatmap(report.activity, streak: report.streak, total: report.totalReviews),
            canvas.stability(report.stability),
            canvas.groups(report),
            canvas.hardest(report.hardest),
        ]
        let text = sections.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }.joined(
            separator: "\n\n")
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n") + "\n"
    }

    /// The drawing surface: a width and a style, and the small pieces every section uses.
    struct Canvas {
        let width: Int
        let style: Style

        func title(_ text: String) -> String {
            style.bold(DisplayWidth.truncate(text, to: width))
        }

        /// A share as a percentage, or `—` without one (`Format.percent`).
        func percent(_ rate: Double?, decimals: Int = 0) -> String {
            Format.percent(rate, decimals: decimals)
        }

        /// Text broken between words onto lines of at most `width` columns, each after `indent`;
        /// a word longer than a line is cut.
        func wrap(_ text: String, indent: String = "  ") -> [String] {
            TextWrap.lines(text, width: max(width, DisplayWidth.of(indent) + 1), first: indent, rest: indent)
        }

        /// Words joined with ` · `, wrapped onto lines of at most `width` columns after `indent`.
        func flow(_ items: [String], indent: String = "  ") -> [String] {
            var lines: [String] = []
            var line = ""
            for item in items {
                let candidate = line.isEmpty ? indent + item : line + " · " + item
                if DisplayWidth.of(candidate) > width, !line.isEmpty {
                    lines.append(line)
                    line = indent + item
                } else {
                    line = candidate
                }
            }
            if !line.isEmpty { lines.append(line) }
            return lines.map { DisplayWidth.truncate($0, to: width) }
        }

        /// A horizontal bar `fraction` of `columns` long, in eighths of a cell.
        static func bar(_ fraction: Double, columns: Int) -> String {
            guard columns > 0 else { return "" }
            let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
            let eighths = Int((clamped * Double(columns * 8)).rounded())
            let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            var text = String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
            text += String(repeating: " ", count: columns - DisplayWidth.of(text))
            return text
        }

        /// A bar with a `┊` tick at `target` when the bar stops short of it, so a retention below
        /// the desired one shows without colour; the bar itself is painted, the tick is not.
        static func bar(
            _ fraction: Double, columns: Int, target: Double, paint: (String) -> String
        ) -> String {
            let cells = Array(bar(fraction, columns: columns))
            let tick = min(columns - 1, Int((target * Double(columns)).rounded(.down)))
            guard tick >= 0, tick < cells.count, cells[tick...].allSatisfy({ $0 == " " }) else {
                return paint(String(cells))
            }
            return paint(String(cells[..<tick])) + "┊" + String(cells[(tick + 1)...])
        }

        func header(_ report: StatsReport) -> [String] {
            let profile = Style.safe(report.profile)
            let line = "Statistics · \(profile) · \(report.today) · \(report.totalReviews) reviews"
            return wrap(line, indent: "").map(style.bold)
        }

        func states(_ counts: StatsReport.StateCounts) -> [String] {
            var lines = [title("Cards by state")]
            let parts: [(String, Int, String)] = [
                ("new", counts.new, "░"), ("learning", counts.learning, "▒"),
                ("relearning", counts.relearning, "▓"),
                ("review", counts.review, "█"), ("suspended", counts.suspended, "×"),
                ("buried", counts.buried, "-"),
            ]
            if counts.total > 0 {
                let columns = width - 2
                var bar = ""
                var used = 0
                var cumulative = 0
                for (_, count, symbol) in parts {
                    cumulative += count
                    let end = Int((Double(cumulative) / Double(counts.total) * Double(columns)).rounded())
                    bar += String(repeating: symbol, count: max(0, end - used))
                    used = max(used, end)
                }
                lines.append("  " + bar)
            }
            var legend = [Format.count(counts.total, "card")]
            legend += parts.filter { $0.1 > 0 }.map { "\($0.2) \($0.0) \($0.1)" }
            if counts.due > 0 { legend.append("due today \(counts.due)") }
            if counts.leech > 0 { legend.append("leeches \(counts.leech)") }
            return lines + flow(legend)
        }

        func retention(_ report: StatsReport) -> [String] {
            let desired = report.desiredRetention
            var lines = [title("True retention (desired \(percent(desired)))")]
            let labelWidth = 9
            let tail = 22
            let barWidth = max(4, width - 2 - labelWidth - tail)
            for window in report.trueRetention {
                let label = DisplayWidth.pad("\(window.days) days", to: labelWidth)
                guard let rate = window.rate else {
                    lines.append("  " + label + style.dim("no reviews of graduated cards"))
                    continue
                }
                let figure = DisplayWidth.pad(percent(rate, decimals: 1), to: 7, alignRight: true)
                let paint = rate + 1e-9 >= desired ? style.green : style.red
                let counts = " \(window.passed)/\(window.reviews)"
                lines.append(
                    "  " + label + Self.bar(rate, columns: barWidth, target: desired, paint: paint) + " "
                        + paint(figure) + DisplayWidth.truncate(counts, to: tail - 8))
            }
            return lines
        }
    }
}
