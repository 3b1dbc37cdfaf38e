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
        /// The review log, for `recall import --with-progress`.
        var reviews: [ImportedReview] = []
    }

    /// The most review-log rows read from one package.
    static let maximumReviews = 2_000_000

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
        var cardsByID: [Int64: (note: Int64, ord: Int64)] = [:]
        for row in try db.query(
            "SELECT id, nid, did, ord FROM cards ORDER BY ord", limit: Self.maximumNotes * 4)
        {
            guard row.count == 4, let card = row[0].integer, let note = row[1].integer,
                let ord = row[3].integer
            else { continue }
            cardsByID[card] = (note, ord)
            if let deck = row[2].integer, deckOfNote[note] == nil { deckOfNote[note] = deck }
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
            var card = ImportedCard(
                guid: row[1].text, front: front, back: back, source: deck, origin: "\(path): note \(id)")
            card.noteID = id
            cards.append(card)
        }
        let mainDeck = deckCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        let reviews = tables.contains("revlog") ? try reviewLog(db, cards: cardsByID) : []
        return Result(cards: cards, deckName: mainDeck, reviews: reviews)
    }

    /// Answers from the review log (learning, review, relearning and filtered-deck reviews with a
    /// rating of 1 to 4; manual reschedules are not answers).
    private func reviewLog(
        _ db: SQLiteDatabase, cards: [Int64: (note: Int64, ord: Int64)]
    ) throws(InterchangeError) -> [ImportedReview] {
        let rows = try db.query(
            "SELECT id, cid, ease, time, type FROM revlog ORDER BY id", limit: Self.maximumReviews + 1)
        guard rows.count <= Self.maximumReviews else {
            throw .zipBomb(path: path, reason: "it holds more than \(Self.maximumReviews) reviews")
        }
        return rows.compactMap { row in
            guard row.count == 5, let id = row[0].integer, let cardID = row[1].integer,
                let card = cards[cardID],
                let ease = row[2].integer, let rating = Rating(rawValue: Int(ease)),
                let type = row[4].integer, (0...3).contains(type), id > 0
            else { return nil }
            let milliseconds = max(0, min(row[3].integer ?? 0, 3_600_000))
            return ImportedReview(
                revlogID: id, noteID: card.note, ord: card.ord,
                at: Date(timeIntervalSince1970: Double(id) / 1000),
                rating: rating, seconds: Double(milliseconds) / 1000)
        }
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
