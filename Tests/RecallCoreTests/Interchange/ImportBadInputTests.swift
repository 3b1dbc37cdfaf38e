import Foundation
import Testing
import ZIPFoundation

@testable import RecallCore

/// Every kind of bad input gets a clear error, and nothing is written.
@Suite struct ImportBadInputTests {
    /// A zip with these members at `url`.
    static func zip(_ members: [(String, Data)], at url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (name, data) in members {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// An SQLite file built by `sql`, as bytes.
    static func sqlite(_ sql: String, in folder: URL) throws -> Data {
        let url = folder.appendingPathComponent("db-\(UUID().uuidString).sqlite")
        do {
            let db = try SQLiteDatabase(path: url.path, create: true)
            try db.execute(sql)
        }
        return try Data(contentsOf: url)
    }

    /// Plans an import of a file with these bytes and returns the error.
    static func importError(named name: String, _ write: (URL, URL) throws -> Void) throws
        -> InterchangeError?
    {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try write(file, folder)
        let decks = folder.appendingPathComponent("Decks")
        defer { #expect(!FileManager.default.fileExists(atPath: decks.path), "nothing is written") }
        do {
            _ = try DeckImporter().plan(file, displayPath: name, deckID: nil, folder: decks)
            return nil
        } catch {
            return error
        }
    }

    /// As Anki does, a short row is skipped and reported with its line; the rest is imported.
    @Test func aShortRowIsSkippedWithItsLineNumber() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rows.csv")
        try Data("just,\"one\nrow\"\nlonely\nQ?,A\n".utf8).write(to: file)
        let plan = try DeckImporter().plan(file, displayPath: "rows.csv", deckID: nil, folder: folder)
        #expect(plan.added.count == 2)
        #expect(plan.notes == ["skipped 1 row without both a front and a back: line 3"])
    }

    /// Anki's text export with the unique-identifier option: the GUID, note type, deck and tags
    /// columns are not the card's text; a newer version of the file updates the changed note in
    /// place (same id, so the learner's progress stays).
    @Test func ankiTextExportColumnsAndANewerVersionUpdates() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header =
            "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
        let file = folder.appendingPathComponent("anki.txt")
        try Data(
            (header
                + "g1\tBasic\tGeo::Europe\tCapital of France?\tParis\tgeo\ng2\tBasic\tGeo::Europe\tCapital of Peru?\tLima\t\n")
                .utf8
        )
        .write(to: file)
        let importer = DeckImporter()
        let first = try importer.plan(file, displayPath: "anki.txt", deckID: "geo", folder: folder)
        #expect(first.added.map(\.id) == ["g1", "g2"])
        #expect(first.added.first?.content == .question("Capital of France?", answer: "Paris", aliases: []))
        #expect(first.deckName == "Geo::Europe")
        try importer.apply(first)

        try Data(
            (header
                + "g1\tBasic\tGeo::Europe\tCapital of France?\tParis (Île-de-France)\tgeo\ng2\tBasic\tGeo::Europe\tCapital of Peru?\tLima\t\n")
                .utf8
        )
        .write(to: file)
        let second = try importer.plan(file, displayPath: "anki.txt", deckID: "geo", folder: folder)
        #expect(second.added.isEmpty)
        #expect(second.updated.map(\.id) == ["g1"])
        #expect(second.alreadyPresent == 1)
        try importer.apply(second)
        let deck = try DeckLoader().load(contentsOf: second.file)
        #expect(deck.freeCards.map(\.id) == ["g1", "g2"])
        #expect(
            deck.freeCards.first?.content
                == .question("Capital of France?", answer: "Paris (Île-de-France)", aliases: []))
        let third = try importer.plan(file, displayPath: "anki.txt", deckID: "geo", folder: folder)
        #expect(third.updated.isEmpty && third.added.isEmpty && third.alreadyPresent == 2)
    }

    @Test func aZipThatIsNotAnAnkiPackage() throws {
        let error = try Self.importError(named: "notes.apkg") { file, _ in
            try Self.zip([("readme.txt", Data("hello".utf8))], at: file)
        }
        #expect(
            error
                == .notAnkiPackage(
                    path: "notes.apkg",
                    reason: "there is no collection.anki21b, collection.anki21 or collection.anki2 inside"))
        let damaged = try Self.importError(named: "new.apkg") { file, _ in
            try Self.zip([("collection.anki21b", Data([1, 2, 3])), ("meta", Data([8, 3]))], at: file)
        }
        #expect(damaged?.errorDescription?.contains("'collection.anki21b' is not valid zstd data") == true)
        let future = try Self.importError(named: "future.apkg") { file, _ in
            try Self.zip([("collection.anki21b", Data([1, 2, 3])), ("meta", Data([8, 9]))], at: file)
        }
        #expect(future?.errorDescription?.contains("package version 9") == true)
    }

    @Test(arguments: [Data(), Data("PK\u{3}\u{4}truncated".utf8), Data((0..<5000).map { UInt8($0 % 251) })])
    func somethingThatIsNotAZipAtAll(_ bytes: Data) throws {
        let error = try Self.importError(named: "broken.apkg") { file, _ in try bytes.write(to: file) }
        #expect(error == .notAnkiPackage(path: "broken.apkg", reason: "it is not a readable zip file"))
    }

    @Test func aCorruptCollection() throws {
        let garbage = try Self.importError(named: "garbage.apkg") { file, _ in
            try Self.zip([("collection.anki2", Data(repeating: 0x41, count: 4096))], at: file)
        }
        #expect(garbage == .corruptDatabase("'collection.anki2' in 'garbage.apkg' is not an SQLite database"))

        let truncated = try Self.importError(named: "truncated.apkg") { file, folder in
            let db = try Self.sqlite(
                AnkiSchema.tables + "INSERT INTO notes VALUES (1,'g',1,1,1,'','a\u{1F}b','a',0,0,'');",
                in: folder)
            try Self.zip([("collection.anki2", db.prefix(1500))], at: file)
        }
        guard case .corruptDatabase = truncated else {
            Issue.record("expected a corrupt database, got \(String(describing: truncated))")
            return
        }

        let tableless = try Self.importError(named: "empty.apkg") { file, folder in
            try Self.zip(
                [("collection.anki2", try Self.sqlite("CREATE TABLE other (x);", in: folder))], at: file)
        }
        #expect(
            tableless == .corruptDatabase("'empty.apkg' has no Anki tables (col, notes, cards)"),
            "Anki itself imports such a file as 0 notes without a word; recall says why")
    }

    @Test func aZipBombIsStoppedWhileDecompressing() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bomb.apkg")
        try Self.zip([("collection.anki2", Data(count: 4 * 1024 * 1024))], at: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect(
            ((attributes[.size] as? NSNumber)?.intValue ?? .max) < 64 * 1024,
            "4 MB of zeros compress to a few KB")
        let zip = try SafeZip(
            url: url, displayPath: "bomb.apkg",
            limits: .init(maximumEntries: 10, maximumExtractedBytes: 1024 * 1024))
        #expect(
            throws: InterchangeError.zipBomb(
                path: "bomb.apkg", reason: "'collection.anki2' expands to more than 1 MB")
        ) {
            try zip.data("collection.anki2")
        }

        let many = folder.appendingPathComponent("many.apkg")
        try Self.zip((0..<12).map { ("f\($0)", Data("x".utf8)) }, at: many)
        #expect(throws: InterchangeError.zipBomb(path: "many.apkg", reason: "it holds more than 10 entries"))
        {
            try SafeZip(
                url: many, displayPath: "many.apkg",
                limits: .init(maximumEntries: 10, maximumExtractedBytes: 1024))
        }
    }

    @Test(arguments: ["../evil", "media/../../evil", "/etc/passwd", "dir\\..\\evil"])
    func entriesEscapingTheFolder(_ name: String) throws {
        let error = try Self.importError(named: "escape.apkg") { file, folder in
            try Self.zip(
                [
                    ("collection.anki2", try Self.sqlite(AnkiSchema.tables, in: folder)),
                    (name, Data("x".utf8)),
                ], at: file)
        }
        #expect(error == .unsafePath(path: "escape.apkg", entry: name))
    }

    @Test func aHundredMegabyteFile() throws {
        let error = try Self.importError(named: "huge.tsv") { file, _ in
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            try handle.truncate(atOffset: 100 * 1024 * 1024)  // sparse: instant, no disk used
            try handle.close()
        }
        #expect(
            error
                == .tooLarge(path: "huge.tsv", bytes: 100 * 1024 * 1024, limit: DeckImporter.maximumFileSize))
        #expect(error?.errorDescription == "'huge.tsv' is 100 MB; an import may be at most 32 MB")
    }

    @Test func invalidUTF8() throws {
        let error = try Self.importError(named: "latin1.tsv") { file, _ in
            try Data("Front\tBack\nCapital of France?\tParis\nCaf".utf8 + [0xE9] + Data("\tcoffee\n".utf8))
                .write(to: file)
        }
        #expect(error == .notUTF8(path: "latin1.tsv", line: 3))
    }

    struct TextCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var error: InterchangeError
        var testDescription: String { name }
    }

    static let textCases: [TextCase] = [
        .init(name: "empty.tsv", text: "", error: .noCards(path: "empty.tsv")),
        .init(
            name: "headers-only.tsv", text: "#separator:tab\n#html:false\n",
            error: .noCards(path: "headers-only.tsv")),
        .init(
            name: "one-column.csv", text: "lonely\nalone\n",
            error: .malformed(
                path: "one-column.csv", line: 1,
                reason: "no row has both a front and a back (is the separator right?)")),
        .init(
            name: "quote.csv", text: "front,back\n\"never closed,x\n",
            error: .malformed(
                path: "quote.csv", line: 2, reason: "a quoted field is never closed (a '\"' is missing)")),
        .init(
            name: "answer-first.md", text: "# T\n\nA: 42\n",
            error: .malformed(
                path: "answer-first.md", line: 3, reason: "an 'A:' line without a 'Q:' line before it")),
        .init(
            name: "no-answer.md", text: "Q: Why?\n\nQ: What?\nA: This\n",
            error: .malformed(path: "no-answer.md", line: 1, reason: "the question has no 'A:' line")),
        .init(
            name: "no-gap.md", text: "C: Nothing hidden here.\n",
            error: .malformed(
                path: "no-gap.md", line: 1,
                reason: "the cloze line has no [gap]; put the hidden text in brackets")),
        .init(name: "notes.docx", text: "x", error: .unknownFormat(path: "notes.docx")),
    ]

    @Test(arguments: textCases)
    func malformedText(_ test: TextCase) throws {
        let error = try Self.importError(named: test.name) { file, _ in
            try Data(test.text.utf8).write(to: file)
        }
        #expect(error == test.error)
    }
}
