import ArgumentParser
import Foundation
import RecallCore

/// `recall cards`: list every card the generator derives from the decks.
struct Cards: RecallCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every card derived from the decks.",
        discussion:
            "Cards are derived from each deck's facts; their ids stay the same when unrelated facts change.")

    @OptionGroup var decks: DeckOptions

    @Option(help: ArgumentHelp("Only the deck with this id.", valueName: "id"))
    var deck: String?

    @Flag(help: "Print a JSON list of cards instead of text.")
    var json = false

    @Option(help: "Seed for distractors and option order.")
    var seed: UInt64 = 0

    func execute() throws {
        let chosen = try deck.map { [try decks.loadDeck(id: $0)] } ?? decks.loadDecks()
        let generator = QuestionGenerator(seed: seed)
        let cards = chosen.flatMap { generator.cards(for: $0) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(cards)
            Console.write(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            Console.write(
                cards.map(CardText.render).joined(separator: "\n")
                    + "\n\(Format.count(cards.count, "card"))\n")
        }
    }
}

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
