import Foundation
import Testing

@testable import RecallCore

/// Issue 13 item 6: a collection that computes without bound (generated columns, triggers,
/// views) is refused before any row is read, and what is read is bounded per value and in total.
@Suite struct AnkiSQLiteBombTests {
    static let notetype =
        #"{"1":{"id":1,"name":"Basic","type":0,"flds":[{"name":"Front","ord":0},{"name":"Back","ord":1}],"tmpls":[{"name":"Card 1","ord":0,"qfmt":"{{Front}}","afmt":"{{FrontSide}}<hr id=answer>{{Back}}"}]}}"#

    /// A schema-11 collection with one note, then `extra` SQL, zipped as an .apkg.
    static func package(_ extra: String, in folder: URL) throws -> URL {
        let sql = """
            \(AnkiSchema.tables)
            INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', '\(notetype)', '{"1":{"name":"Default"}}', '{}', '{}');
            INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
                VALUES (1, 'g', 1, 0, 0, '', 'Q?' || char(31) || 'A', 0, 0, 0, '');
            INSERT INTO cards VALUES (1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            \(extra)
            """
        let bytes = try ImportBadInputTests.sqlite(sql, in: folder)
        let file = folder.appendingPathComponent("bomb-\(UUID().uuidString).apkg")
        try ImportBadInputTests.zip([("collection.anki2", bytes)], at: file)
        return file
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var extra: String
        var message: String
        var description: String { name }
    }

    /// Replaces the notes table's schema the way a hostile author would (SQLite cannot insert
    /// into a generated column, so the rows are written first).
    static func swappingNotes(_ sql: String) -> String {
        """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_master SET sql = '\(sql)' WHERE name = 'notes';
        PRAGMA writable_schema = OFF;
        """
    }

    static let cases: [Case] = [
        Case(
            name: "generated flds (the 4 KB bomb of issue 13)", extra: swappingNotes(bombSQL),
            message: "the column 'flds' of 'notes' is a generated column"),
        Case(
            name: "stored generated column",
            extra: swappingNotes(bombSQL.replacingOccurrences(of: "VIRTUAL", with: "STORED")),
            message: "is a generated column"),
        Case(
            name: "trigger", extra: "CREATE TRIGGER t AFTER INSERT ON notes BEGIN DELETE FROM cards; END;",
            message: "it holds a trigger 't'"),
        Case(
            name: "view",
            extra:
                "CREATE VIEW v AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x FROM r;",
            message: "it holds a view 'v'"),
    ]

    @Test(arguments: cases)
    func hostileSchemaIsRefusedAndNothingIsLeftBehind(_ test: Case) throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.package(test.extra, in: folder)
        let before = try Self.importFolders()
        do {
            let result = try AnkiPackageReader(path: "bomb.apkg").read(file)
            Issue.record("read \(result.cards.count) cards")
        } catch {
            #expect(error.errorDescription?.contains(test.message) == true, "\(error)")
        }
        #expect(try Self.importFolders() == before, "no temporary folder is left behind")
    }

    /// The notes table of the issue's bomb: `flds` computes 60 MB for every row.
    static let bombSQL =
        "CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text GENERATED ALWAYS AS (printf(''%.*c'', 60000000, ''x'')) VIRTUAL, sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL)"

    static func importFolders() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("recall-import-") }.sorted()
    }

    @Test func valuesAndTotalsAreBoundedWhileRowsStream() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try ImportBadInputTests.sqlite(
            """
            CREATE TABLE t (v text);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
                INSERT INTO t SELECT printf('%.*c', 1000, 'x') FROM n;
            """, in: folder)
        var limits = SQLiteDatabase.ReadLimits()
        limits.totalBytes = 50_000
        let db = try SQLiteDatabase(untrusted: bytes, limits: limits)
        var rows = 0
        #expect(throws: InterchangeError.self) {
            try db.forEachRow("SELECT v FROM t") { _ throws(InterchangeError) in rows += 1 }
        }
        // The schema check reads a few bytes first; then rows are handed over as read, up to the limit.
        #expect((45...50).contains(rows), "\(rows) rows")

        limits = SQLiteDatabase.ReadLimits()
        limits.valueBytes = 10_000
        let small = try SQLiteDatabase(untrusted: bytes, limits: limits)
        do {
            try small.forEachRow("SELECT hex(zeroblob(20000))") { _ throws(InterchangeError) in }
            Issue.record("a value over the limit was computed")
        } catch {
            #expect(error.errorDescription?.contains("a value is larger than") == true, "\(error)")
        }
    }

    /// Fuzzer: random generated-column expressions (sizes, nesting, stored or virtual) on random
    /// tables are always refused, quickly, with a message.
    @Test func fuzzedGeneratedColumnsAreAlwaysRefused() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SplitMix64(seed: 13)
        let expressions = [
            "printf('%.*c', %N, 'x')", "zeroblob(%N)", "replace(printf('%.*c', %N, 'x'), 'x', 'yy')",
            "hex(randomblob(%N))", "upper(printf('%.*c', %N, 'a'))", "length(printf('%.*c', %N, 'x'))",
        ]
        let tables = ["notes", "cards", "revlog", "col"]
        var built = 0
        for round in 0..<24 {
            let expression = expressions[Int(random.next() % UInt64(expressions.count))]
                .replacingOccurrences(of: "%N", with: String(1 << (random.next() % 27)))
            let table = tables[Int(random.next() % UInt64(tables.count))]
            let kind = random.next() % 2 == 0 ? "VIRTUAL" : "STORED"
            let extra =
                kind == "VIRTUAL"
                ? "ALTER TABLE \(table) ADD COLUMN g\(round) GENERATED ALWAYS AS (\(expression)) VIRTUAL;"
                : """
                PRAGMA writable_schema = ON;
                UPDATE sqlite_master SET sql = replace(sql, ')', ', g\(round) GENERATED ALWAYS AS (\(expression.replacingOccurrences(of: "'", with: "''"))) STORED)')
                    WHERE name = '\(table)' AND type = 'table' AND sql NOT LIKE '%PRIMARY KEY (%';
                PRAGMA writable_schema = OFF;
                """
            guard let file = try? Self.package(extra, in: folder) else { continue }
            built += 1
            let started = Date()
            do {
                _ = try AnkiPackageReader(path: "fuzz.apkg").read(file)
                Issue.record("round \(round): a generated column on \(table) was read")
            } catch {
                #expect(error.errorDescription?.isEmpty == false)
            }
            #expect(Date().timeIntervalSince(started) < 5, "round \(round) took too long")
        }
        #expect(built >= 12, "most rounds build a package")
    }
}
