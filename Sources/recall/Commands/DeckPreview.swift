import ArgumentParser
import RecallCore

/// `recall deck preview NAME`: every card of a deck as a learner sees it, with its answer.
struct DeckPreview: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print a deck's cards as a learner sees them, with their answers.")

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The deck's id.", valueName: "name"))
    var name: String

    @Option(
        help: ArgumentHelp(
            "Only cards of these kinds (comma-separated: \(CardKindList.names)).", valueName: "kinds"))
    var kind: String?

    @Option(help: "Seed for distractors and option order, as in a session.")
    var seed: UInt64 = 0

    func validate() throws {
        if let kind { _ = try CardKindList.parse(kind) }
    }

    func execute() throws {
        let deck = try decks.loadDeck(id: name)
        let kinds = try kind.map(CardKindList.parse)
        let cards = QuestionGenerator(seed: seed).cards(for: deck).filter { kinds?.contains($0.kind) ?? true }
        var blocks = cards.enumerated().map { index, card in CardText.preview(card, number: index + 1) }
        blocks.append(
            "\(cards.count) card\(cards.count == 1 ? "" : "s")\(kind.map { " of kind \($0)" } ?? "") in \(deck.name)"
        )
        Console.write(blocks.joined(separator: "\n\n") + "\n")
    }
}

/// `--kind typed,choice`: card kinds by name.
enum CardKindList {
    static var names: String { Card.Kind.allCases.map(\.rawValue).joined(separator: ", ") }

    static func parse(_ text: String) throws -> Set<Card.Kind> {
        var kinds: Set<Card.Kind> = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let kind = Card.Kind(rawValue: name) else {
                throw ValidationError("Unknown kind '\(name)'; kinds are \(names).")
            }
            kinds.insert(kind)
        }
        return kinds
    }
}
