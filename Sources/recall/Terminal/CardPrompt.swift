import RecallCore

/// A card's question as the learner sees it.
enum CardPrompt {
    static func render(_ card: Card) -> String {
        var lines = [Style.safe(card.prompt)]
        switch card.kind {
        case .choice, .order:
            lines += CardText.options(of: card, indent: "  ")
            if card.kind == .choice, let note = AnswerChecker.numericOptionsNote(card.choices) {
                lines.append("  " + note)
            }
            if card.kind == .order {
                lines.append("  (type the letters earliest first, e.g. \(exampleOrder(card.choices.count)))")
            }
        case .trueFalse:
            lines[0] = "True or false? " + lines[0]
        case .set:
            lines.append("  (separate the names with commas; any order)")
        default:
            break
        }
        return lines.joined(separator: "\n")
    }

    private static func exampleOrder(_ count: Int) -> String {
        (0..<count).reversed().map { AnswerChecker.label(for: $0) }.joined(separator: " ")
    }
}
