import ArgumentParser
import Foundation
import RecallCore

/// `recall import FILE`: cards from Anki, a spreadsheet or Markdown into a deck of free-form cards.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import cards from an Anki package, Anki text export, CSV or Markdown into a deck.",
        discussion: """
            Reads .apkg (each note's first two fields), .tsv/.txt (Anki text export, with or without \
            '#' header lines), .csv (front,back columns) and .md (Q:/A: blocks, C: lines with [gaps]). \
            The cards are written as free-form cards to DECK.yaml in the decks folder (./Decks by default). \
            Importing the same file again adds nothing. Nothing is written until the whole file is valid.
            """)

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The file to import.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The deck to import into (default: named after the file).", valueName: "name"))
    var deck: String?

    @Flag(help: "Show what would be imported without writing anything.")
    var dryRun = false

    func validate() throws {
        if let deck, !DeckIdentifier.isValid(deck) {
            throw ValidationError("'\(deck)' is not a deck id: use letters, digits, '-', '_' and '.'.")
        }
    }

    func run() throws {
        let importer = DeckImporter()
        let plan: DeckImporter.Plan
        do {
            plan = try importer.plan(
                URL(fileURLWithPath: file), displayPath: file, deckID: deck,
                folder: decks.writableDirectory)
            if !dryRun { try importer.apply(plan) }
        } catch {
            Console.error(error.localizedDescription)
            throw ExitCode(1)
        }
        for note in plan.notes { Console.writeError("note: \(note)\n") }
        let target = DeckOptions.display(plan.file)
        var lines: [String] = []
        if dryRun {
            lines += plan.added.map { "+ \(Self.summary($0))" }
        }
        let verb = dryRun ? "would add" : "added"
        let present = plan.alreadyPresent > 0 ? "; \(plan.alreadyPresent) already in the deck" : ""
        let what = plan.isNewFile ? "new deck '\(plan.deckID)'" : "deck '\(plan.deckID)'"
        lines.append(
            "\(verb) \(plan.added.count) card\(plan.added.count == 1 ? "" : "s") from \(file) (\(plan.format.rawValue)) to \(what) in \(target)\(present)"
        )
        if dryRun { lines.append("nothing written (--dry-run)") }
        Console.write(lines.joined(separator: "\n") + "\n")
    }

    /// `id: front → back` on one line, shortened.
    static func summary(_ card: FreeCard) -> String {
        let text: String
        switch card.content {
        case .question(let question, let answer, _): text = "\(question) → \(answer)"
        case .cloze(let cloze): text = cloze
        }
        let line = text.replacingOccurrences(of: "\n", with: " ⏎ ")
        return "\(card.id): " + (line.count > 100 ? String(line.prefix(99)) + "…" : line)
    }
}
