import Foundation

/// Reads the notes of an Anki package: the first two fields of each note become a card.
///
/// The zip is read with limits (`SafeZip`); the collection is copied to a private temporary
/// file and opened read-only; a file that is not SQLite, or lacks Anki's tables, is refused.
struct AnkiPackageReader {
    let path: String
    /// The most notes read from one package.
    static let maximumNotes = 200_000
    /// The largest collection extracted.
    static let maximumCollectionBytes = 256 * 1024 * 1024

    struct Result {
        var cards: [ImportedCard]
        var deckName: String?
    }

    func read(_ url: URL) throws(InterchangeError) -> Result {
        let zip = try SafeZip(url: url, displayPath: path)
        let member: String
        if zip.entries["collection.anki21"] != nil {
            member = "collection.anki21"
        } else if zip.entries["collection.anki2"] != nil {
            member = "collection.anki2"
        } else if zip.entries["collection.anki21b"] != nil {
            throw .notAnkiPackage(
                path: path,
                reason:
                    "it uses the newest Anki format (zstd); export it again from Anki with 'Support older Anki versions' ticked"
            )
        } else {
            throw .notAnkiPackage(
                path: path, reason: "there is no collection.anki2 or collection.anki21 inside")
        }
        let data = try zip.data(member, limit: Self.maximumCollectionBytes)
        guard data.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw .corruptDatabase("'\(member)' in '\(path)' is not an SQLite database")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("collection.sqlite")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: file)
        } catch {
            throw .io(path: file.path, reason: DeckLoader.reason(error))
        }
        return try readCollection(file)
    }

    func readCollection(_ file: URL) throws(InterchangeError) -> Result {
        let db = try SQLiteDatabase(path: file.path, create: false)
        let tables = Set(
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.first?.text })
        guard tables.isSuperset(of: ["col", "notes", "cards"]) else {
            throw .corruptDatabase("'\(path)' has no Anki tables (col, notes, cards)")
        }
        let deckNames = try decks(db)
        var deckOfNote: [Int64: Int64] = [:]
        for row in try db.query("SELECT nid, did FROM cards ORDER BY ord", limit: Self.maximumNotes * 4) {
            if let note = row[0].integer, let deck = row[1].integer, deckOfNote[note] == nil {
                deckOfNote[note] = deck
            }
        }
        let rows = try db.query("SELECT id, guid, flds FROM notes ORDER BY id", limit: Self.maximumNotes + 1)
        guard rows.count <= Self.maximumNotes else {
            throw .zipBomb(path: path, reason: "it holds more than \(Self.maximumNotes) notes")
        }
        var cards: [ImportedCard] = []
        var deckCounts: [String: Int] = [:]
        for row in rows {
            guard row.count == 3, let id = row[0].integer, let fields = row[2].text else { continue }
            let parts = fields.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            let front = HTMLText.plainText(parts[0])
            let back = parts.count > 1 ? HTMLText.plainText(parts[1]) : ""
            guard !front.isEmpty else { continue }
            let deck = deckOfNote[id].flatMap { deckNames[$0] }
            if let deck { deckCounts[deck, default: 0] += 1 }
            cards.append(
                ImportedCard(
                    guid: row[1].text, front: front, back: back, source: deck,
                    origin: "\(path): note \(id)"))
        }
        let mainDeck = deckCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        return Result(cards: cards, deckName: mainDeck)
    }

    /// Deck names by id from the `col` row's JSON (legacy packages); empty when unreadable.
    private func decks(_ db: SQLiteDatabase) throws(InterchangeError) -> [Int64: String] {
        guard let json = try db.query("SELECT decks FROM col LIMIT 1").first?.first?.text,
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        else { return [:] }
        var names: [Int64: String] = [:]
        for (key, value) in object {
            if let id = Int64(key), let deck = value as? [String: Any], let name = deck["name"] as? String {
                names[id] = name
            }
        }
        return names
    }
}
