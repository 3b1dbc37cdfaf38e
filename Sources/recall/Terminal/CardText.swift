import RecallCore

/// A card as plain text, for listings; deck text is made safe to print.
enum CardText {
    static func render(_ card: Card) -> String {
        var lines = ["\(card.id)  [\(card.kind.rawValue)]", "  Q: \(Style.safe(card.prompt))"]
        lines += options(of: card, indent: "     ")
        lines.append("  A: \(Style.safe(card.answer))")
        lines.append("  source: \(Style.safe(card.source))")
        return lines.joined(separator: "\n")
    }

    /// A card for `recall deck preview`: numbered, the prompt and options as asked, then the answer.
    static func preview(_ card: Card, number: Int) -> String {
        var lines = ["\(number). [\(card.kind.rawValue)] \(Style.safe(card.prompt))"]
        lines += options(of: card, indent: "     ")
        lines.append("   answer: \(Style.safe(card.answer))")
        if card.accepted.count > 1 {
            lines.append(
                "   also accepted: \(card.accepted.dropFirst().map(Style.safe).joined(separator: ", "))")
        }
        lines.append("   id: \(card.id) · \(Style.safe(card.source))")
        return lines.joined(separator: "\n")
    }

    /// `a) option` lines, labelled as the answer checker reads labels.
    static func options(of card: Card, indent: String) -> [String] {
        card.choices.enumerated().map { index, choice in
            "\(indent)\(AnswerChecker.label(for: index))) \(Style.safe(choice))"
        }
    }
}
