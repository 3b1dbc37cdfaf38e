import ArgumentParser
import Foundation
import RecallCore

/// `--decks-dir`, shared by every command that reads decks.
struct DeckOptions: ParsableArguments {
    @Option(
        name: .customLong("decks-dir"),
        help: ArgumentHelp(
            "Folder of deck files (default: $RECALL_DECKS, else ./Decks, else the built-in decks).",
            valueName: "dir"))
    var decksDirectory: String?

    var library: DeckLibrary {
        DeckLibrary(
            directory: DeckLibrary.resolveDirectory(
                option: decksDirectory, environment: ProcessInfo.processInfo.environment,
                currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
    }

    /// Where new deck files go: the resolved decks folder, else `./Decks`.
    var writableDirectory: URL {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return library.directory ?? current.appendingPathComponent("Decks")
    }

    /// A path relative to the current folder when it is inside it.
    static func display(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path = url.standardized.path
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }

    /// Every deck of the library.
    func loadDecks() throws(DeckError) -> [Deck] {
        try library.loadAll()
    }

    /// The deck with this id.
    func loadDeck(id: String) throws(DeckError) -> Deck {
        try library.deck(id: id)
    }
}
