public import Foundation

/// Why an export or import failed. Nothing is written when one is thrown.
public enum InterchangeError: LocalizedError, Equatable, Sendable {
    /// The file is larger than an import accepts.
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// The file is not UTF-8 text; `line` is where the first invalid byte is.
    case notUTF8(path: String, line: Int)
    /// The file's format could not be told from its name or contents.
    case unknownFormat(path: String)
    /// A text import had no card (no rows with a front and a back).
    case noCards(path: String)
    /// A row or block of a text import is malformed.
    case malformed(path: String, line: Int, reason: String)
    /// A zip file is not an Anki package (no collection inside).
    case notAnkiPackage(path: String, reason: String)
    /// A zip file expands to more than the limit, or holds too many entries: a zip bomb.
    case zipBomb(path: String, reason: String)
    /// A zip entry's path leaves the folder it would be extracted to.
    case unsafePath(path: String, entry: String)
    /// The SQLite collection inside a package is corrupt or not what Anki writes.
    case corruptDatabase(String)
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// The imported deck would not be valid (a bug: importers write what the loader reads).
    case invalidResult(String)
    /// A binary format was asked for as text (for standard output).
    case notText(String)
    /// An import would create a deck file with a built-in deck's id, hiding that deck.
    case replacesBuiltInDeck(String)
    /// A learner's progress cannot be exported (e.g. its scheduler settings are invalid).
    case invalidProgress(String)
    /// A deck's media folder has no file of this name.
    case mediaNotFound(name: String, folder: String)

    public var errorDescription: String? {
        switch self {
        case .tooLarge(let path, let bytes, let limit):
            return "'\(path)' is \(Self.megabytes(bytes)); an import may be at most \(Self.megabytes(limit))"
        case .notUTF8(let path, let line):
            return
                "'\(path)' is not UTF-8 text (an invalid byte on line \(line)); save it as UTF-8 and try again"
        case .unknownFormat(let path):
            return "cannot tell the format of '\(path)'; import reads .apkg, .tsv, .txt, .csv and .md files"
        case .noCards(let path):
            return "'\(path)' holds no cards (no rows with both a front and a back)"
        case .malformed(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .notAnkiPackage(let path, let reason):
            return "'\(path)' is not an Anki package: \(reason)"
        case .zipBomb(let path, let reason):
            return "'\(path)' was refused: \(reason)"
        case .unsafePath(let path, let entry):
            return "'\(path)' was refused: the entry '\(entry)' would be written outside the target folder"
        case .corruptDatabase(let reason):
            return "the Anki collection is corrupt or unreadable: \(reason)"
        case .io(let path, let reason):
            return "cannot access '\(path)': \(reason)"
        case .invalidResult(let reason):
            return "the imported deck would not be valid: \(reason)"
        case .replacesBuiltInDeck(let id):
            return
                "'\(id)' is a built-in deck; a new '\(id).yaml' holding only the imported cards would replace it."
                + " Import into another deck with --deck, or copy Decks/\(id).yaml into the decks folder first"
        case .invalidProgress(let reason):
            return "cannot export the progress: \(reason)"
        case .mediaNotFound(let name, let folder):
            return "no media file '\(name)' in '\(folder)'"
        case .notText(let format):
            return "'\(format)' is not a text format; write it to a file with -o"
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) MB" : "\(bytes) bytes"
    }
}
