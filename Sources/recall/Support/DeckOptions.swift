import ArgumentParser
import Foundation
import RecallCore

/// `--decks-dir`, shared by every command that reads decks.
struct DeckOptions: ParsableArguments {
    @Option(
        name: .customLong("decks-dir"),
        help: ArgumentHelp(
            "Folder of deck files (default: $RECALL_DECKS, else the workspace's Decks/, else the built-in decks).",
            valueName: "dir"))
    var decksDirectory: String?

    var library: DeckLibrary {
        let environment = ProcessInfo.processInfo.environment
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return DeckLibrary(
            directory: DeckLibrary.resolveDirectory(
                option: decksDirectory, environment: environment, currentDirectory: here),
            cache: DeckCache.located(environment: environment, currentDirectory: here))
    }

    /// The cards `QuestionGenerator(seed:)` makes of `decks`, through the deck cache.
    func cards(for decks: [Deck], seed: UInt64 = 0) -> [Card] {
        library.cards(for: decks, seed: seed)
    }

    /// Where new deck files go: the resolved decks folder, else the workspace's `Decks/`.
    var writableDirectory: URL {
        library.directory ?? workspace.decks
    }

    /// The workspace the current folder is in, else the learner's data folder.
    var workspace: Workspace {
        Workspace.locate(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// A path relative to the current folder when it is inside it.
    static func display(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path = url.standardized.path
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }

    /// Every deck of the library that loads. A broken deck file is reported on stderr
    /// (`file:line:column: error: …`) and left out, so the others can still be used;
    /// `recall deck lint` is the strict check.
    func loadDecks() throws(DeckError) -> [Deck] {
        try loaded().decks
    }

    /// The deck with this id (a broken file of another deck is reported and left out).
    func loadDeck(id: String) throws(DeckError) -> Deck {
        try library.deck(id: id)
    }

    private func loaded() throws(DeckError) -> DeckLibrary.Loaded {
        let loaded = try library.load()
        Self.report(loaded.problems)
        return loaded
    }

    /// Prints the diagnostics of deck files left out, and that they were.
    static func report(_ problems: [Diagnostic]) {
        guard !problems.isEmpty else { return }
        for problem in problems { Console.writeError(Style.safe(problem.formatted) + "\n") }
        let files = Set(problems.map(\.file)).sorted()
        Console.writeError(
            "note: skipped \(Format.count(files.count, "broken deck file")) (\(files.map(Style.safe).joined(separator: ", "))):"
                + " 'recall deck lint FILE' checks one\n")
    }
}
