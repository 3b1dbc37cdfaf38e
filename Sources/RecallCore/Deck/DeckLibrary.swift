public import Foundation

/// The decks a learner can study: the files in the decks folder, and the decks built in.
///
/// A deck file in the folder wins over a built-in deck with the same id, so an instructor's
/// edited copy of `csto.yaml` is the one studied.
public struct DeckLibrary: Sendable {
    /// The folder searched for `*.yaml` decks, if any.
    public var directory: URL?

    public init(directory: URL?) {
        self.directory = directory
    }

    /// The decks folder: `--decks-dir`, else `RECALL_DECKS`, else the workspace's `Decks/`
    /// (`Workspace.locate`) when it exists, else none (only the built-in decks).
    public static func resolveDirectory(
        option: String?, environment: [String: String], currentDirectory: URL
    ) -> URL? {
        if let option, !option.isEmpty {
            return URL(fileURLWithPath: option, relativeTo: currentDirectory).standardized
        }
        if let variable = environment["RECALL_DECKS"], !variable.isEmpty {
            return URL(fileURLWithPath: variable, relativeTo: currentDirectory).standardized
        }
        let local = Workspace.locate(environment: environment, currentDirectory: currentDirectory).decks
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: local.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            return local
        }
        return nil
    }

    /// The deck files in the folder, sorted by name.
    public func deckFiles() throws(DeckError) -> [URL] {
        guard let directory else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw DeckError.unreadable(path: directory.path, reason: DeckLoader.reason(error))
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// Every deck, folder first then built-in ones whose id the folder does not have.
    /// - Throws: `DeckError.invalid` with the diagnostics of every deck file that has errors.
    public func loadAll() throws(DeckError) -> [Deck] {
        let loader = DeckLoader()
        var decks: [Deck] = []
        var problems: [Diagnostic] = []
        for file in try deckFiles() {
            do {
                decks.append(try loader.load(contentsOf: file, displayPath: Self.displayPath(file)))
            } catch {
                switch error {
                case .invalid(let diagnostics): problems += diagnostics
                default:
                    problems.append(
                        Diagnostic(
                            .error, file: Self.displayPath(file), at: SourceLocation(line: 1, column: 1),
                            error.localizedDescription))
                }
            }
        }
        guard problems.isEmpty else { throw DeckError.invalid(problems) }
        // A built-in deck is parsed only when the folder does not replace it (startup time).
        let ids = Set(decks.map(\.id))
        for file in BundledDecks.files where !ids.contains(file.id) {
            decks.append(try Self.bundledDeck(file))
        }
        return decks
    }

    /// The deck with this id.
    public func deck(id: String) throws(DeckError) -> Deck {
        let decks = try loadAll()
        guard let deck = decks.first(where: { $0.id == id }) else {
            throw DeckError.unknownDeck(id, available: decks.map(\.id))
        }
        return deck
    }

    /// The decks built into the program.
    public static func bundledDecks() throws(DeckError) -> [Deck] {
        try BundledDecks.files.map { file throws(DeckError) in try bundledDeck(file) }
    }

    static func bundledDeck(_ file: (id: String, name: String, yaml: String)) throws(DeckError) -> Deck {
        try DeckLoader().load(data: Data(file.yaml.utf8), path: "<built-in>/\(file.name)")
    }

    /// A path relative to the current folder when it is inside it, for short diagnostics.
    static func displayPath(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path = url.standardized.path
        if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) }
        return path
    }
}
