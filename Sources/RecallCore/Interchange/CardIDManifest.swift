public import Foundation

/// The card ids of a deck at its last export, kept next to the deck file as `.<deck id>.ids`.
///
/// Learners' progress, in recall and in Anki, is keyed by card id. Export writes the manifest;
/// `recall deck lint` warns about every id in it that the deck no longer yields, because an
/// edit that changed a fact's or entity's id would orphan the progress on those cards.
public enum CardIDManifest {
    static let header =
        "# recall: the card ids of this deck at its last export; 'recall deck lint' warns when one disappears."

    /// Where the manifest of `deckID` lives for a deck file in `folder`.
    public static func url(deckID: String, in folder: URL) -> URL {
        folder.appendingPathComponent(".\(deckID).ids")
    }

    /// The folder a deck's manifest belongs in: the deck file's folder, or `decksFolder` for a
    /// built-in deck (none when there is no decks folder).
    public static func folder(for deck: Deck, decksFolder: URL?) -> URL? {
        if deck.path.hasPrefix("<") { return decksFolder }
        return URL(fileURLWithPath: deck.path).deletingLastPathComponent()
    }

    /// The ids in the manifest, or nil when there is none (or it cannot be read).
    public static func read(_ url: URL) -> Set<String>? {
        guard let data = try? Data(contentsOf: url), data.count <= 16 * 1024 * 1024 else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        return Set(lines.map { String($0).trimmingWhitespace }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// Writes the manifest: exactly the exported ids, sorted, after a comment line.
    public static func write(_ ids: [String], to url: URL) throws {
        let text = ([header] + Set(ids).sorted()).joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// One warning per id in the manifest that `cards` no longer has.
    static func vanished(manifest: Set<String>, cards: [Card], file: String) -> [Diagnostic] {
        let current = Set(cards.map(\.id))
        return manifest.subtracting(current).sorted().map { id in
            Diagnostic(
                .warning, file: file, at: SourceLocation(line: 1, column: 1),
                "card '\(id)' was exported but the deck no longer has it; learners' progress on it would be orphaned (was a fact or entity id changed?)"
            )
        }
    }
}
