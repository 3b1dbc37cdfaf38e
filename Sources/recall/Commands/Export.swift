public import ArgumentParser
import Foundation
import RecallCore

extension ExportFormat: ExpressibleByArgument {}

/// `recall export DECK --format F -o FILE`: a deck where learners already are.
struct Export: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a deck for Anki, spreadsheets, paper or plain text.",
        discussion: """
            Formats: apkg (Anki package), tsv (Anki text import), csv (spreadsheets), md (Q:/A: Markdown), \
            quiz (a printable quiz with an answer key), json (the full deck; see Decks/deck.schema.json).
            Exporting a deck from a decks folder records its card ids in .ID.ids there, so that \
            'recall deck lint' warns when an edit would orphan learners' progress.
            """)

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The deck's id.", valueName: "deck"))
    var deck: String

    @Option(help: ArgumentHelp("The format to write.", valueName: "format"))
    var format: ExportFormat

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("The file to write ('-' for standard output).", valueName: "file"))
    var output: String

    @Option(
        help: ArgumentHelp(
            "Only cards of these kinds (comma-separated: \(CardKindList.names)).", valueName: "kinds"))
    var kind: String?

    @Option(
        help: ArgumentHelp(
            "Quiz: only cards of these topics (attribute ids, comma-separated).", valueName: "topics"))
    var topic: String?

    @Option(name: [.customShort("n"), .long], help: "Quiz: how many questions.")
    var count: Int = 20

    @Option(help: "Seed for distractors, option order and the quiz draw.")
    var seed: UInt64 = 0

    @Option(
        name: .customLong("with-progress"),
        help: ArgumentHelp(
            "apkg: carry this learner's schedule and review history (a profile in the progress folder).",
            valueName: "profile"))
    var withProgress: String?

    @OptionGroup var progressFolder: ProgressFolderOption

    func validate() throws {
        if let kind { _ = try CardKindList.parse(kind) }
        guard (1...1000).contains(count) else { throw ValidationError("--count must be between 1 and 1000.") }
        if withProgress != nil && format != .apkg {
            throw ValidationError("--with-progress carries a schedule into Anki; use it with --format apkg.")
        }
        if output == "-" && !format.isText && isatty(STDOUT_FILENO) != 0 {
            throw ValidationError(
                "An apkg package is binary; redirect standard output to a file, or give one with -o.")
        }
    }

    func execute() throws {
        let chosen = try decks.loadDeck(id: deck)
        let kinds = try kind.map(CardKindList.parse)
        let cards = decks.cards(for: [chosen], seed: seed).filter {
            kinds?.contains($0.kind) ?? true
        }
        let topics = topic.map {
            Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        let progress = try withProgress.map { try readProfile($0, deck: chosen) }
        let exporter = Exporter(
            quiz: .init(count: count, kinds: kinds, topics: topics, seed: seed), progress: progress)
        let input = ExportInput(deck: chosen, cards: cards)
        if output == "-" {
            try OutputFile.writeToStandardOutput(
                format.isText ? try exporter.text(input, format: format) : try exporter.package(input))
            return
        }
        let url = URL(fileURLWithPath: output)
        try exporter.write(input, format: format, to: url)
        if let folder = CardIDManifest.folder(for: chosen, decksFolder: decks.library.directory) {
            try Exporter.recordExport(of: cards, deck: chosen, in: folder)
        }
        Console.writeError(
            "exported \(cards.count) cards of '\(chosen.id)' as \(format.rawValue) to \(output)\n")
    }

    /// The learner's profile (snapshot and journal), read without locking or changing it, with
    /// progress on old card ids moved to the deck's cards (in memory).
    private func readProfile(_ name: String, deck: Deck) throws -> Profile {
        try ProgressLocation.validate(profile: name)
        let directory = progressFolder.directory
        // The snapshot and the journal since, so the answers of a session still open count too.
        guard let profile = try ProgressStore.peekProfile(named: name, in: directory) else {
            throw ProgressError.fileNotFound(ProgressLocation.files(profile: name, in: directory).snapshot)
        }
        return CardIDMigration.migrated(profile, decks: [deck])
    }
}
