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
            Console.write(cards.map(CardText.render).joined(separator: "\n") + "\n\(cards.count) cards\n")
        }
    }
}
