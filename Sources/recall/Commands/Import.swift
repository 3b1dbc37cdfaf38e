import ArgumentParser
import Foundation
import RecallCore

/// `recall import FILE`: cards from Anki, a spreadsheet or Markdown into a deck of free-form cards.
struct Import: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import cards from an Anki package, Anki text export, CSV or Markdown into a deck.",
        discussion: """
            Reads .apkg and .colpkg (both Anki package generations: every card of every note type, \
            rendered from its templates, with its review history), .tsv/.txt (Anki text export, with or without \
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

    @Flag(name: .shortAndLong, help: "List each skipped card with where it was and why.")
    var verbose = false

    @Option(
        name: .customLong("with-progress"),
        help: ArgumentHelp(
            "apkg: add the review history to this learner's profile and reschedule the cards with FSRS.",
            valueName: "profile"))
    var withProgress: String?

    @OptionGroup var progressFolder: ProgressFolderOption

    func validate() throws {
        if let deck, !DeckIdentifier.isValid(deck) {
            throw ValidationError("'\(deck)' is not a deck id: use letters, digits, '-', '_' and '.'.")
        }
    }

    func execute() throws {
        let importer = DeckImporter()
        let plan: DeckImporter.Plan
        var newReviews = 0
        var takesParameters = false
        do {
            // recall's own cards coming back from Anki land on the originals (their GUIDs are card ids).
            let known = Set(
                decks.cards(for: (try? decks.library.loadAll()) ?? []).map(\.id))
            plan = try importer.plan(
                URL(fileURLWithPath: file), displayPath: file, deckID: deck,
                folder: decks.writableDirectory, knownCardIDs: known)
            if withProgress != nil && plan.format != .apkg {
                throw ValidationError("--with-progress reads the review history of .apkg files only.")
            }
            // The profile is opened (and locked) before anything is written, so a busy or damaged
            // profile stops the import before the deck file changes.
            let store = dryRun ? nil : try withProgress.map(openStore)
            defer { store?.close() }
            if !dryRun {
                try importer.apply(plan)
                if let store {
                    takesParameters = importer.takesParameters(of: plan, into: store)
                    newReviews = try importer.recordReviews(of: plan, in: store)
                }
            }
        }
        for note in plan.notes { Console.writeError("note: \(note)\n") }
        if verbose, let report = plan.report {
            for detail in report.details { Console.writeError("skipped: \(detail)\n") }
        }
        let target = DeckOptions.display(plan.file)
        var lines: [String] = []
        if dryRun {
            lines += plan.added.map { "+ \(Self.summary($0))" }
        }
        let verb = dryRun ? "would add" : "added"
        var present = plan.alreadyPresent > 0 ? "; \(plan.alreadyPresent) already in the deck" : ""
        if !plan.updated.isEmpty {
            present +=
                "; \(dryRun ? "would update" : "updated") \(plan.updated.count) whose note changed (progress kept)"
        }
        let what = plan.isNewFile ? "new deck '\(plan.deckID)'" : "deck '\(plan.deckID)'"
        lines.append(
            "\(verb) \(Format.count(plan.added.count, "card")) from \(file) (\(plan.format.rawValue)) to \(what) in \(target)\(present)"
        )
        lines += plan.report?.lines ?? []
        if let profile = withProgress {
            lines.append(
                dryRun
                    ? "would merge \(plan.reviews.count) reviews into profile '\(profile)'"
                    : newReviews == 0
                        ? "profile '\(profile)' already has all \(plan.reviews.count) reviews"
                        : "added \(newReviews) of \(plan.reviews.count) reviews to profile '\(profile)'; its cards are rescheduled"
                            + (takesParameters ? " with the package's FSRS parameters" : "")
            )
        }
        if dryRun { lines.append("nothing written (--dry-run)") }
        Console.write(Style.safe(lines.joined(separator: "\n")) + "\n")
    }

    /// `id: front → back` on one line, shortened.
    static func summary(_ card: FreeCard) -> String {
        let text: String
        switch card.content {
        case .question(let question, let answer, _): text = "\(question) → \(answer)"
        case .cloze(let cloze): text = cloze
        }
        let line = Style.safe(text.replacingOccurrences(of: "\n", with: " ⏎ "), oneLine: true)
        return "\(card.id): " + (line.count > 100 ? String(line.prefix(99)) + "…" : line)
    }

    private func openStore(_ profile: String) throws -> ProgressStore {
        let directory = progressFolder.directory
        return try ProgressStore.open(profile: profile, in: directory)
    }
}
