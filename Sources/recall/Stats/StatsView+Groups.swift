import Foundation
import RecallCore

extension StatsView.Canvas {
    /// Retention by attribute and by kind as bars, then the weakest combination to drill.
    func groups(_ report: StatsReport) -> [String] {
        var lines: [String] = []
        let attributes = report.byAttribute.filter { $0.reviews > 0 }
        let kinds = report.byKind.filter { $0.reviews > 0 }
        guard !attributes.isEmpty || !kinds.isEmpty else {
            return [
                title("Retention by attribute and kind"),
                "  " + style.dim("no reviews of graduated cards yet"),
            ]
        }
        let shown = Array(attributes.prefix(StatsView.attributeRows))
        lines.append(title("Retention by attribute (weakest first)"))
        lines += retentionBars(shown, desired: report.desiredRetention)
        if attributes.count > shown.count {
            lines.append("  " + style.dim("… \(attributes.count - shown.count) more"))
        }
        lines.append("")
        lines.append(title("Retention by card kind"))
        lines += retentionBars(kinds, desired: report.desiredRetention)
        if let weakest = report.weakest {
            let name = [weakest.attribute, weakest.kind].compactMap { $0 }.map(Style.safe).joined(
                separator: " · ")
            lines.append("")
            lines += wrap(
                "Weakest: \(name), \(percent(weakest.rate)) of \(Format.count(weakest.reviews, "review"));"
                    + " drill it with 'quiz weakest' (\(Style.safe(weakest.query)))", indent: "")
        }
        return lines
    }

    private func retentionBars(_ groups: [StatsReport.GroupRetention], desired: Double) -> [String] {
        let counts = groups.map { "\($0.passed)/\($0.reviews)" }
        let countWidth = counts.map(\.count).max() ?? 0
        let tail = 1 + 4 + 1 + countWidth
        let longest = groups.map { DisplayWidth.of(Style.safe($0.name)) }.max() ?? 0
        let nameWidth = min(longest, max(6, (width - 2 - tail) / 3)) + 1
        let barWidth = max(1, width - 2 - nameWidth - tail)
        return zip(groups, counts).map { group, count in
            let rate = group.rate ?? 0
            let paint = rate + 1e-9 >= desired ? style.green : style.red
            return "  " + DisplayWidth.pad(Style.safe(group.name), to: nameWidth - 1) + " "
                + Self.bar(rate, columns: barWidth, target: desired, paint: paint) + " "
                + paint(DisplayWidth.pad(percent(rate), to: 4, alignRight: true)) + " "
                + DisplayWidth.pad(count, to: countWidth, alignRight: true)
        }
    }

    /// A table of the hardest cards; kind and attribute columns only where there is room.
    func hardest(_ cards: [StatsReport.HardCard]) -> [String] {
        guard !cards.isEmpty else { return [] }
        var columns:
            [(header: String, width: Int, alignRight: Bool, value: (StatsReport.HardCard) -> String)] = [
                ("Lapses", 6, true, { String($0.lapses) }),
                ("Right", 5, true, { percent($0.rate) }),
            ]
        if width >= 60 {
            let attributeWidth = min(
                14, max(9, cards.map { DisplayWidth.of(Style.safe($0.attribute)) }.max() ?? 0))
            columns.append(("Kind", 9, false, { $0.kind }))
            columns.append(("Attribute", attributeWidth, false, { Style.safe($0.attribute) }))
        }
        let used = 2 + columns.map { $0.width + 2 }.reduce(0, +)
        let promptWidth = max(1, width - used)
        columns.append(
            (
                "Prompt", promptWidth, false,
                { card in
                    let flags = [card.isLeech ? "leech" : nil, card.isSuspended ? "suspended" : nil]
                        .compactMap { $0 }
                    let prefix = flags.isEmpty ? "" : "[\(flags.joined(separator: ", "))] "
                    return prefix
                        + Style.safe(card.prompt).replacingOccurrences(of: "\n", with: " ")
                        .replacingOccurrences(of: "\t", with: " ")
                }
            ))
        func row(_ cells: [String]) -> String {
            let padded = zip(columns, cells).map { column, text in
                DisplayWidth.pad(text, to: column.width, alignRight: column.alignRight)
            }
            // Trailing spaces of the last column are dropped.
            var line = "  " + padded.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        var lines = [title("Hardest cards"), style.dim(row(columns.map(\.header)))]
        for card in cards {
            lines.append(row(columns.map { $0.value(card) }))
        }
        return lines
    }
}
