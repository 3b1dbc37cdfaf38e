package import Foundation
import ZIPFoundation

/// A real Anki package (`.apkg`): a zip with a schema-11 SQLite collection and a `media` map.
///
/// This is the legacy layout every Anki since 2.1 imports (see `shared/docs/anki-formats.md`):
/// one note per card with the fields Front, Back, Source and Kind, one card row per note, the
/// card id as the note GUID, and the export time as modification time, so importing an updated
/// export replaces the notes it changed instead of adding duplicates.
package struct AnkiPackageWriter: Sendable {
    /// The notetype's id: fixed, so every export of every deck updates the same notetype.
    public static let notetypeID: Int64 = 1_700_000_000_001
    public static let notetypeName = "recall card"
    public static let fieldNames = ["Front", "Back", "Source", "Kind"]

    /// The moment of export: note and card modification times, and ids just before it.
    public var now: Date
    /// A learner's progress to carry: card scheduling, FSRS memory state and review history.
    public var progress: Profile?

    public init(now: Date = Date(), progress: Profile? = nil) {
        self.now = now
        self.progress = progress
    }

    /// A stable Anki deck id for a recall deck id (Anki matches decks by name; the id is local).
    public static func deckID(for id: String) -> Int64 {
        1_600_000_000_000 + Int64(StableHash.fnv1a(id) % 90_000_000_000)
    }

    /// Writes the package to `url`, replacing it only once the whole package is complete.
    public func write(_ input: ExportInput, to url: URL) throws(InterchangeError) {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-apkg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw .io(path: work.path, reason: error.localizedDescription)
        }
        let collection = work.appendingPathComponent("collection.anki2")
        try writeCollection(input, to: collection)
        // The zip is built next to its destination, so the final rename is atomic.
        let zip = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: zip) }
        do {
            let archive = try Archive(url: zip, accessMode: .create)
            try archive.addEntry(with: "collection.anki2", fileURL: collection, compressionMethod: .deflate)
            // The deck's media its cards name, as members "0", "1", … and the `media` map.
            var map: [String: String] = [:]
            for (index, file) in mediaFiles(of: input).enumerated() {
                map[String(index)] = file.lastPathComponent
                try archive.addEntry(with: String(index), fileURL: file, compressionMethod: .deflate)
            }
            let media = try JSONSerialization.data(withJSONObject: map, options: [.sortedKeys])
            try archive.addEntry(
                with: "media", type: .file, uncompressedSize: Int64(media.count),
                compressionMethod: .deflate
            ) { position, size in
                media.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch {
            throw .io(path: url.path, reason: "cannot write the zip: \(error.localizedDescription)")
        }
        guard rename(zip.path, url.path) == 0 else {
            throw .io(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    /// The files of the deck's media folder that its cards name, each once, in order.
    func mediaFiles(of input: ExportInput) -> [URL] {
        guard let folder = DeckMedia.folder(of: input.deck) else { return [] }
        var seen: Set<String> = []
        var files: [URL] = []
        for note in input.notes {
            for reference in DeckMedia.references(in: note.front + "\n" + note.back)
            where seen.insert(reference.name).inserted {
                let file = folder.appendingPathComponent(reference.name)
                if FileManager.default.isReadableFile(atPath: file.path) { files.append(file) }
            }
        }
        return files
    }

    /// The schema-11 collection: tables, the `col` row, one note and one card per exported card.
    func writeCollection(_ input: ExportInput, to url: URL) throws(InterchangeError) {
        let db = try SQLiteDatabase(path: url.path, create: true)
        try db.execute(AnkiSchema.tables)
        let seconds = Int64(now.timeIntervalSince1970)
        let milliseconds = Int64(now.timeIntervalSince1970 * 1000)
        let deckID = Self.deckID(for: input.deck.id)
        let collection = AnkiCollectionJSON(
            deckID: deckID, deckName: input.deck.name, description: input.deck.summary,
            modified: seconds)
        let scheduling = try progress.map { profile throws(InterchangeError) in
            try AnkiScheduling(profile: profile, now: now)
        }
        try db.run(
            "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')",
            rows: [
                [
                    .integer(scheduling?.creation ?? (seconds - seconds % 86_400)), .integer(milliseconds),
                    .integer(milliseconds),
                    .text(collection.conf), .text(collection.models), .text(collection.decks),
                    .text(collection.dconf),
                ]
            ])
        try db.execute("BEGIN")
        // Ids are millisecond timestamps just before now: unique, and never "in the future".
        let firstID = milliseconds - Int64(input.notes.count)
        let notes: [[SQLiteDatabase.Value]] = input.notes.enumerated().map { index, note in
            let fields = [note.front, note.back, note.source, note.kind.rawValue].map(Self.html)
            return [
                .integer(firstID + Int64(index)), .text(note.guid), .integer(Self.notetypeID),
                .integer(seconds),
                .text(" " + note.tags.joined(separator: " ") + " "),
                .text(fields.joined(separator: "\u{1F}")),
                .text(fields[0]),
            ]
        }
        try db.run("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')", rows: notes)
        var cards: [[SQLiteDatabase.Value]] = []
        var log: [[SQLiteDatabase.Value]] = []
        var logIDs: Set<Int64> = []
        for (index, note) in input.notes.enumerated() {
            let id = firstID + Int64(index)
            // A new card's `due` is its position; a reviewed one's comes from the learner's state.
            let state =
                scheduling?.columns(for: note.guid)
                ?? AnkiScheduling.CardColumns(
                    type: 0, queue: 0, due: Int64(index), ivl: 0, factor: 0, reps: 0, lapses: 0, data: "")
            cards.append([
                .integer(id), .integer(id), .integer(deckID), .integer(seconds), .integer(state.type),
                .integer(state.queue), .integer(state.due), .integer(state.ivl), .integer(state.factor),
                .integer(state.reps), .integer(state.lapses), .text(state.data),
            ])
            for row in scheduling?.log(for: note.guid, usedIDs: &logIDs) ?? [] {
                log.append([
                    .integer(row.id), .integer(id), .integer(row.ease), .integer(row.ivl),
                    .integer(row.lastIvl),
                    .integer(row.factor), .integer(row.time), .integer(row.type),
                ])
            }
        }
        try db.run(
            "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)", rows: cards)
        try db.run("INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)", rows: log)
        try db.execute("COMMIT")
    }

    /// Plain text as a field's HTML: `<`, `>`, `&` and `"` escaped, line breaks as `<br>`.
    static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "\n", "\r\n": out += "<br>"
            default: out.append(character)
            }
        }
        return DeckMedia.ankiHTML(out)
    }
}
