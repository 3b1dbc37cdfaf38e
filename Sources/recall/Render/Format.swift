import Foundation
import RecallCore

/// The small vocabulary every screen uses for numbers and counts, so a share or a count reads the
/// same in `stats`, `plan`, `optimize`, `class report` and the study screen.
enum Format {
    /// A share (0…1) as a percentage: `87%`, `87.5%` with `decimals: 1`; `—` without a share.
    static func percent(_ share: Double?, decimals: Int = 0) -> String {
        guard let share, share.isFinite else { return "—" }
        return String(format: "%.\(max(decimals, 0))f%%", share * 100)
    }

    /// A count and its noun: `1 card`, `3 cards`, `2 days`; `plural` for irregular nouns.
    static func count(_ number: Int, _ singular: String, plural: String? = nil) -> String {
        "\(number) \(noun(number, singular, plural: plural))"
    }

    /// The noun alone, singular for exactly one: `card` or `cards`.
    static func noun(_ number: Int, _ singular: String, plural: String? = nil) -> String {
        number == 1 ? singular : plural ?? singular + "s"
    }

    /// One line of user-controlled text, neutralised, at most `limit` columns (cut with `…`).
    static func shortened(_ text: String, to limit: Int) -> String {
        DisplayWidth.truncate(Style.safe(text, oneLine: true), to: limit)
    }
}

/// A table of text columns measured in terminal columns (so wide characters line up), with a
/// header row, left- or right-aligned columns and no trailing blanks.
struct TextTable {
    enum Alignment { case left, right }

    var header: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers); others are aligned left.
    var rightAligned: Set<Int> = []
    /// Text before each line.
    var indent = "  "
    /// Between two columns.
    var gap = "  "

    init(_ header: [String], rightAligned: Set<Int> = [], rows: [[String]] = []) {
        self.header = header
        self.rightAligned = rightAligned
        self.rows = rows
    }

    mutating func append(_ row: [String]) { rows.append(row) }

    /// The table, one line per row after the header, each ending in a newline.
    func render() -> String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            all.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0
        }
        return all.map { cells in
            let line = cells.enumerated().map { column, cell in
                DisplayWidth.pad(cell, to: widths[column], alignRight: rightAligned.contains(column))
            }.joined(separator: gap)
            return indent + String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
        }.joined()
    }
}
