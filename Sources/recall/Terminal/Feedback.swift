import RecallCore

/// What the learner is told after a reply.
enum Feedback {
    static func render(_ grade: Grade, for card: Card, style: Style) -> String {
        let expected = Style.safe(grade.expected.isEmpty ? card.answer : grade.expected)
        let reason = grade.reason.map { "\n  " + style.dim(Style.safe($0)) } ?? ""
        switch grade.verdict {
        case .correct:
            return style.green("✓ correct") + (card.kind == .choice ? " — \(expected)" : "") + reason
        case .close:
            let what = grade.reason == nil ? "the spelling is" : "the answer is"
            return style.yellow("≈ close") + " — \(what) \(expected)" + reason
        case .wrong:
            var lines: [String] = []
            if card.kind == .set, grade.score > 0 {
                let found = card.items.count - grade.missing.count
                lines.append(style.red("✗ \(found)/\(card.items.count)") + " — the set is \(expected)")
            } else {
                lines.append(style.red("✗ wrong") + " — the answer is \(expected)")
            }
            if let reason = grade.reason { lines.append("  " + style.dim(Style.safe(reason))) }
            if !grade.missing.isEmpty {
                lines.append("  missing: \(grade.missing.map(Style.safe).joined(separator: ", "))")
            }
            if !grade.extra.isEmpty {
                lines.append("  not in the set: \(grade.extra.map(Style.safe).joined(separator: ", "))")
            }
            lines.append("  " + style.dim("why: \(Style.safe(card.why))"))
            lines.append("  " + style.dim("source: \(Style.safe(card.source))"))
            return lines.joined(separator: "\n")
        }
    }
}
