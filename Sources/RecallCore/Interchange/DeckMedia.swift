public import Foundation

/// A deck's media files: the images and sounds its cards name as `[image: flag-fr.svg]` and
/// `[sound: word.mp3]`, kept in the folder `DECK.media` beside the deck file (import copies an
/// Anki package's media there; export to Anki takes them back into the package).
public enum DeckMedia {
    /// One media reference in a card's text.
    public struct Reference: Sendable, Hashable {
        public enum Kind: String, Sendable { case image, sound }
        public var kind: Kind
        public var name: String
    }

    /// The media folder of the deck file `file`: `Decks/geo.yaml` → `Decks/geo.media`.
    public static func folder(forDeckFile file: URL) -> URL {
        file.deletingPathExtension().appendingPathExtension("media")
    }

    /// The media folder of a loaded deck, or nil for a deck not read from a file (a built-in one).
    public static func folder(of deck: Deck) -> URL? {
        guard deck.path.hasSuffix(".yaml") || deck.path.hasSuffix(".yml") else { return nil }
        return folder(forDeckFile: URL(fileURLWithPath: deck.path))
    }

    /// The `[image: …]` and `[sound: …]` references in a card's text, in order.
    public static func references(in text: String) -> [Reference] {
        guard text.utf8.contains(UInt8(ascii: "[")) else { return [] }
        var found: [Reference] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "]") else { break }
            let inside = after[..<close]
            for kind in [Reference.Kind.image, .sound] where inside.hasPrefix(kind.rawValue + ": ") {
                let name = String(inside.dropFirst(kind.rawValue.count + 2))
                if AnkiPackageReader.isPlainFileName(name) { found.append(Reference(kind: kind, name: name)) }
            }
            rest = after[after.index(after: close)...]
        }
        return found
    }

    /// The file `name` of the deck whose file is `deckFile`.
    /// - Throws: `InterchangeError.mediaNotFound` when the name is not a plain file name or the
    ///   deck's media folder has no such file.
    public static func file(named name: String, forDeckFile deckFile: URL) throws(InterchangeError) -> URL {
        let folder = folder(forDeckFile: deckFile)
        guard AnkiPackageReader.isPlainFileName(name) else {
            throw .mediaNotFound(name: name, folder: folder.path)
        }
        let url = folder.appendingPathComponent(name)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue
        else {
            throw .mediaNotFound(name: name, folder: folder.path)
        }
        return url
    }

    /// The files of a deck's media folder, by name (none when it has no folder).
    public static func files(forDeckFile deckFile: URL) -> [String] {
        let folder = folder(forDeckFile: deckFile)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter(AnkiPackageReader.isPlainFileName).sorted()
    }

    /// Field HTML for Anki from escaped card text: `[image: x.png]` → `<img src="x.png">`,
    /// `[sound: y.mp3]` → `[sound:y.mp3]`, as Anki's own fields name their media.
    static func ankiHTML(_ escaped: String) -> String {
        guard escaped.contains("[image: ") || escaped.contains("[sound: ") else { return escaped }
        var out = ""
        var rest = Substring(escaped)
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "]") else { break }
            let inside = after[..<close]
            let replacement: String? =
                if inside.hasPrefix("image: ") {
                    "<img src=\"\(inside.dropFirst(7))\">"
                } else if inside.hasPrefix("sound: ") {
                    "[sound:\(inside.dropFirst(7))]"
                } else { nil }
            if let replacement, !inside.contains("\"") {
                out += replacement
                rest = after[after.index(after: close)...]
            } else {
                out += "["
                rest = after
            }
        }
        return out + rest
    }
}
