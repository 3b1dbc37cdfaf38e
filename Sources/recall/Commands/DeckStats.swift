import ArgumentParser
import RecallCore

/// `recall deck stats NAME`: how many facts, entities and cards of each kind a deck has.
struct DeckStats: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Count a deck's facts, entities and cards by kind.")

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The deck's id.", valueName: "name"))
    var name: String

    func execute() throws {
        let deck = try decks.loadDeck(id: name)
        let stats = DeckStatistics(deck: deck, cards: decks.cards(for: [deck]))
        var rows: [(String, Int)] = [
            ("facts", stats.facts), ("entities", stats.entities), ("attributes", stats.attributes),
            ("free-form cards", stats.freeCards),
        ]
        rows.append(("cards", stats.cards))
        rows += stats.cardsByKind.map { ("  \($0.kind.rawValue)", $0.count) }
        var table = TextTable(["", ""], rightAligned: [])
        table.indent = ""
        table.rows = rows.map { [$0.0, String($0.1)] }
        var lines = ["\(Style.safe(deck.name, oneLine: true)) (\(deck.id))"]
        // The table without its empty header row.
        lines += table.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .dropLast()
            .map(String.init)
        lines.append("facts by source:")
        lines += stats.factsBySource.map {
            "  \($0.source.map { Style.safe($0, oneLine: true) } ?? "(no source)"): \($0.count)"
        }
        Console.write(lines.joined(separator: "\n") + "\n")
    }
}
