public import Foundation

/// The decks a learner can study: the files in the decks folder, and the decks built in.
///
/// A deck file in the folder wins over a built-in deck with the same id, so an instructor's
/// edited copy of `csto.yaml` is the one studied.
public struct DeckLibrary: Sendable {
    /// The folder searched for `*.yaml` decks, if any.
    public var directory: URL?
    /// Where parsed decks are kept between runs; nil parses every deck every time.
    public var cache: DeckCache?

    public init(directory: URL?, cache: DeckCache? = nil) {
        self.directory = directory
        self.cache = cache
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

    /// The decks that load, and the diagnostics of the deck files that do not.
    public struct Loaded: Sendable {
        /// Folder decks first, then built-in ones whose id the folder does not have.
        public var decks: [Deck]
        /// Every error of every deck file left out.
        public var problems: [Diagnostic]
    }

    /// Every deck, folder first then built-in ones whose id the folder does not have.
    /// - Throws: `DeckError.invalid` with the diagnostics of every deck file that has errors.
    public func loadAll() throws(DeckError) -> [Deck] {
        let loaded = try load()
        guard loaded.problems.isEmpty else { throw DeckError.invalid(loaded.problems) }
        return loaded.decks
    }

    /// Every deck that loads: a broken deck file is left out (its diagnostics returned) so the
    /// others can still be studied. A built-in deck is not put in place of a broken file of the
    /// same name (an instructor's edited copy is not silently replaced by the original).
    /// - Throws: `DeckError.unreadable` only when the folder itself cannot be read.
    public func load() throws(DeckError) -> Loaded {
        let loader = DeckLoader()
        var decks: [Deck] = []
        var problems: [Diagnostic] = []
        var brokenNames: Set<String> = []
        for file in try deckFiles() {
            do {
                let path = Self.displayPath(file)
                let data = try DeckLoader.readDeckFile(file, displayPath: path)
                if let cache {
                    decks.append(try cache.deck(data: data, path: path, loader: loader))
                } else {
                    decks.append(try loader.load(data: data, path: path))
                }
            } catch {
                brokenNames.insert(file.deletingPathExtension().lastPathComponent)
                switch error {
                case .invalid(let diagnostics): problems += diagnostics.filter { $0.severity == .error }
                default:
                    problems.append(
                        Diagnostic(
                            .error, file: Self.displayPath(file), at: SourceLocation(line: 1, column: 1),
                            error.localizedDescription))
                }
            }
        }
        // A built-in deck is parsed only when the folder does not replace it (startup time).
        let ids = Set(decks.map(\.id))
        for file in BundledDecks.files where !ids.contains(file.id) && !brokenNames.contains(file.id) {
            decks.append(try Self.bundledDeck(file, cache: cache))
        }
        return Loaded(decks: decks, problems: problems)
    }

    /// The deck with this id; a broken file of another deck does not stand in the way.
    /// - Throws: `DeckError.invalid` when the deck's own file (`<id>.yaml`) is broken, else
    ///   `DeckError.unknownDeck` when no deck has the id.
    public func deck(id: String) throws(DeckError) -> Deck {
        try deck(id: id, in: try load())
    }

    /// The deck with this id among `loaded`.
    public func deck(id: String, in loaded: Loaded) throws(DeckError) -> Deck {
        if let deck = loaded.decks.first(where: { $0.id == id }) { return deck }
        let own = loaded.problems.filter {
            URL(fileURLWithPath: $0.file).deletingPathExtension().lastPathComponent == id
        }
        if !own.isEmpty { throw DeckError.invalid(own) }
        throw DeckError.unknownDeck(id, available: loaded.decks.map(\.id))
    }

    /// The ids of the decks built into the program.
    public static var bundledIDs: [String] { BundledDecks.files.map(\.id) }

    /// The source of a built-in deck, as `deck new NAME --from ID` writes it out: with its id
    /// changed to `newID` when given (the copy is then a deck of its own, with its own card ids).
    public static func bundledSource(id: String, renamedTo newID: String? = nil) -> String? {
        guard let file = BundledDecks.files.first(where: { $0.id == id }) else { return nil }
        // The embedded text lost the file's last newline.
        let text = file.yaml.hasSuffix("\n") ? file.yaml : file.yaml + "\n"
        guard let newID, newID != id else { return text }
        var lines = text.components(separatedBy: "\n")
        // The deck's own id: the first `id:` line with it (the deck header comes before the facts).
        if let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "id: \(id)" }) {
            let indent = lines[index].prefix { $0 == " " }
            lines[index] = "\(indent)id: \(newID)"
        }
        return lines.joined(separator: "\n")
    }

    /// The decks built into the program.
    public static func bundledDecks() throws(DeckError) -> [Deck] {
        try BundledDecks.files.map { file throws(DeckError) in try bundledDeck(file) }
    }

    static func bundledDeck(_ file: (id: String, name: String, yaml: String), cache: DeckCache? = nil)
        throws(DeckError) -> Deck
    {
        let data = Data(file.yaml.utf8)
        let path = "<built-in>/\(file.name)"
        if let cache { return try cache.deck(data: data, path: path) }
        return try DeckLoader().load(data: data, path: path)
    }

    /// A path relative to the current folder when it is inside it, for short diagnostics.
    static func displayPath(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path = url.standardized.path
        if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) }
        return path
    }
}
