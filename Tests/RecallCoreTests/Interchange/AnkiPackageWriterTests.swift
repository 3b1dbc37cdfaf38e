import Foundation
import Testing

@testable import RecallCore

@Suite struct AnkiPackageWriterTests {
    /// Writes the CSTO package and opens its collection as SQLite.
    func package(now: Date = Date(timeIntervalSince1970: 1_790_000_000)) throws -> (
        SQLiteDatabase, ExportInput, URL
    ) {
        let input = try InterchangeFixtures.csto()
        let folder = try InterchangeFixtures.temporaryFolder()
        let url = folder.appendingPathComponent("csto.apkg")
        try AnkiPackageWriter(now: now).write(input, to: url)
        let zip = try SafeZip(url: url, displayPath: "csto.apkg")
        #expect(Set(zip.entries.keys) == ["collection.anki2", "media"])
        #expect(try zip.data("media") == Data("{}".utf8))
        let collection = folder.appendingPathComponent("collection.anki2")
        try zip.data("collection.anki2").write(to: collection)
        return (try SQLiteDatabase(path: collection.path, create: false), input, folder)
    }

    @Test func packageHasAnkisTablesOneNoteAndOneCardPerCard() throws {
        let (db, input, folder) = try package()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tables = Set(
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0[0].text })
        #expect(tables == ["col", "notes", "cards", "revlog", "graves"])
        #expect(try db.query("SELECT ver, count() FROM col") == [[.integer(11), .integer(1)]])
        #expect(try db.query("SELECT count() FROM notes") == [[.integer(Int64(input.cards.count))]])
        #expect(try db.query("SELECT count() FROM cards") == [[.integer(Int64(input.cards.count))]])
        #expect(
            try db.query("SELECT count() FROM notes WHERE id NOT IN (SELECT nid FROM cards)") == [
                [.integer(0)]
            ],
            "every note has a card row, or it could never be studied")
        let guids = try db.query("SELECT guid FROM notes ORDER BY id").compactMap { $0[0].text }
        #expect(guids == input.cards.map(\.id), "the note GUID is the card id")
        for row in try db.query("SELECT flds, tags, mid, mod FROM notes") {
            #expect(row[0].text?.split(separator: "\u{1F}", omittingEmptySubsequences: false).count == 4)
            #expect(row[1].text?.hasPrefix(" recall deck::csto kind::") == true)
            #expect(row[2] == .integer(AnkiPackageWriter.notetypeID))
            #expect(row[3] == .integer(1_790_000_000))
        }
    }

    @Test func collectionJSONNamesTheNotetypeDeckAndFields() throws {
        let (db, _, folder) = try package()
        defer { try? FileManager.default.removeItem(at: folder) }
        let row = try #require(try db.query("SELECT models, decks, dconf, crt FROM col").first)
        let models = try #require(
            try JSONSerialization.jsonObject(with: Data((row[0].text ?? "").utf8)) as? [String: Any])
        let notetype = try #require(models[String(AnkiPackageWriter.notetypeID)] as? [String: Any])
        let fields = try #require(notetype["flds"] as? [[String: Any]])
        #expect(fields.compactMap { $0["name"] as? String } == ["Front", "Back", "Source", "Kind"])
        #expect((notetype["tmpls"] as? [Any])?.count == 1)
        let decks = try #require(
            try JSONSerialization.jsonObject(with: Data((row[1].text ?? "").utf8)) as? [String: Any])
        let names = decks.values.compactMap { ($0 as? [String: Any])?["name"] as? String }.sorted()
        #expect(names == ["Collective Security Treaty Organization", "Default"])
        #expect(row[3].integer.map { $0 % 86_400 == 0 } == true, "crt is a day boundary in seconds")
    }

    @Test(arguments: [
        ("a < b & c", "a &lt; b &amp; c"), ("two\nlines", "two<br>lines"), ("say \"x\"", "say &quot;x&quot;"),
    ])
    func fieldsAreEscapedHTML(_ text: String, _ html: String) {
        #expect(AnkiPackageWriter.html(text) == html)
    }

    @Test func deckIDsAreStableAndDistinct() {
        #expect(AnkiPackageWriter.deckID(for: "csto") == AnkiPackageWriter.deckID(for: "csto"))
        #expect(AnkiPackageWriter.deckID(for: "csto") != AnkiPackageWriter.deckID(for: "rivers"))
    }
}
