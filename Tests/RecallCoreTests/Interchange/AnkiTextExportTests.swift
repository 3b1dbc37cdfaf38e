import Foundation
import Testing

@testable import RecallCore

/// Anki's "Notes in Plain Text" export with the note type, deck, tags and unique identifier
/// columns: each row is a note, and its stock note type says which cards it makes, as the package
/// importer renders the same note. `Fixtures/Anki/text/` holds what the real `anki` library wrote
/// for one collection, as text and as a package (`Tests/Fixtures/make_anki_text_export.py`).
@Suite struct AnkiTextExportTests {
    static func plan(_ name: String, deckID: String = "notes", folder: URL) throws -> DeckImporter.Plan {
        try DeckImporter().plan(
            try FixtureFile.url("Anki/text/\(name)"), displayPath: name, deckID: deckID, folder: folder)
    }

    static func question(_ card: FreeCard?) -> (String, String)? {
        guard case .question(let question, let answer, _) = card?.content else { return nil }
        return (question, answer)
    }

    @Test func eachStockNoteTypeMakesTheCardsAnkiMakes() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try Self.plan("notes.txt", folder: folder)
        let byFront = Dictionary(
            plan.added.compactMap { card in Self.question(card).map { ($0.0, card) } },
            uniquingKeysWith: { first, _ in first })

        // Basic (and reversed card): both directions, the second template's id suffixed.
        let spain = try #require(byFront["Spain"])
        #expect(Self.question(spain)?.1 == "Madrid")
        #expect(Self.question(byFront["Madrid"])?.1 == "Spain")
        #expect(byFront["Madrid"]?.id == spain.id + "-card2")
        // Basic (optional reversed card): the reverse only with "Add Reverse".
        #expect(Self.question(byFront["Rome"])?.1 == "Italy")
        #expect(byFront["Chile"] != nil)
        #expect(byFront["Santiago"] == nil)
        // Basic (type in the answer): the question without the typing box, the typed field as answer.
        #expect(Self.question(byFront["Capital of Peru?"])?.1 == "Lima")
        // Cloze: one passage asking both gaps, Back Extra beside the answer.
        let clozes = plan.added.filter { if case .cloze = $0.content { true } else { false } }
        try #require(clozes.count == 1)
        #expect(
            clozes[0].content
                == .cloze(#"{{c1::Canberra}} is the capital of {{c2::Australia}}, "down under""#))
        #expect(clozes[0].extra == "Not Sydney")
        #expect(clozes[0].tags == ["Geography::Capitals", "oceania"])
        // A custom note type: field 1 and field 2, as before.
        #expect(Self.question(byFront["Largest country?"])?.1 == "Russia")

        #expect(plan.added.count == 9)
        let report = try #require(plan.report)
        #expect(report.notesRead == 7)
        #expect(report.cardsRead == 10)
        #expect(report.cardsImported == 10)
        #expect(
            report.lines == [
                "read 7 notes and 10 cards",
                "1 note of a note type recall does not know ('Country (custom)'): field 1 taken as the question, field 2 as the answer",
            ])
    }

    /// The cloze passage's two Anki cards are two gaps of one recall card.
    @Test func aClozeRowsGapsAreItsAnkiCards() throws {
        let text = try DeckImporter.readText(
            try FixtureFile.url("Anki/text/notes.txt"), displayPath: "notes.txt")
        let read = try DelimitedTextReader(path: "notes.txt").read(text)
        let ids = DeckImporter.cardIDs(of: read.cards, deckID: "notes")
        let cloze = try #require(read.cards.first { $0.isCloze })
        let gaps = ids.filter { $0.key.note == cloze.noteID }.map(\.value.rawValue).sorted()
        #expect(gaps.count == 2)
        #expect(gaps.allSatisfy { $0.contains(cloze.id) })
        #expect(Set(gaps).count == 2)
    }

    /// The same notes imported from the text export and from the package are the same cards, so
    /// importing one after the other adds and changes nothing.
    @Test func theTextExportAndThePackageAgree() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Self.plan("notes.txt", folder: folder)
        let package = try Self.plan("notes.apkg", folder: folder)
        #expect(Set(text.added.map(\.id)) == Set(package.added.map(\.id)))
        #expect(
            Set(text.added.map { [$0.id, "\($0.content)", $0.extra ?? "", $0.tags.joined(separator: " ")] })
                == Set(
                    package.added.map {
                        [$0.id, "\($0.content)", $0.extra ?? "", $0.tags.joined(separator: " ")]
                    }))
        try DeckImporter().apply(text)
        let again = try Self.plan("notes.apkg", folder: folder)
        #expect(again.added.isEmpty)
        #expect(again.updated.isEmpty)
        #expect(again.alreadyPresent == 9)
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var rows: String
        /// Each card as `front → back`, or a cloze's text.
        var cards: [String]
        var lines: [String]
    }

    static let header = "#separator:tab\n#html:false\n#notetype column:1\n"

    static let cases: [Case] = [
        Case(
            description: "optional reversed: with and without 'Add Reverse'",
            rows:
                "Basic (optional reversed card)\tItaly\tRome\ty\nBasic (optional reversed card)\tChile\tSantiago\t\n",
            cards: ["Italy → Rome", "Rome → Italy", "Chile → Santiago"],
            lines: ["read 2 notes and 3 cards"]),
        Case(
            description: "plain text is escaped, not read as HTML; a typed card without its answer",
            rows: "Basic (and reversed card)\ta < b\tb > a\nBasic (type in the answer)\tx\t\n",
            cards: ["a < b → b > a", "b > a → a < b"],
            lines: ["read 2 notes and 3 cards", "skipped 1 card: 1 with an empty answer"]),
        Case(
            description: "cloze gaps; a cloze without a gap, an empty question, unknown types",
            rows:
                "Cloze\t{{c1::A}} and {{c2::B}}\t\nCloze\tno gap here\t\nBasic\t\tlonely answer\nMine\tQ1\tA1\nMine\tQ2\tA2\nTheirs\tQ3\tA3\n",
            cards: ["{{c1::A}} and {{c2::B}}", "Q1 → A1", "Q2 → A2", "Q3 → A3"],
            lines: [
                "read 6 notes and 7 cards",
                "3 notes of a note type recall does not know ('Mine', 'Theirs'): field 1 taken as the question, field 2 as the answer",
                "skipped 2 cards: 1 a cloze without a gap, 1 with an empty question",
            ]),
        Case(
            description: "many unknown note types: the first five named",
            rows: (1...7).map { "T\($0)\tQ\($0)\tA\($0)\n" }.joined(),
            cards: (1...7).map { "Q\($0) → A\($0)" },
            lines: [
                "read 7 notes and 7 cards",
                "7 notes of a note type recall does not know ('T1', 'T2', 'T3', 'T4', 'T5', …): field 1 taken as the question, field 2 as the answer",
            ]),
    ]

    @Test(arguments: cases)
    func rowsOfEachNoteType(_ example: Case) throws {
        let read = try DelimitedTextReader(path: "t.txt").read(Self.header + example.rows)
        #expect(read.report?.lines == example.lines)
        #expect(read.cards.map { $0.isCloze ? $0.front : "\($0.front) → \($0.back)" } == example.cards)
    }

    /// Without a GUID column, a note's ids come from its fields: the same each time, one per template.
    @Test func withoutAGUIDColumnIdsComeFromTheNote() throws {
        let rows = "Basic (and reversed card)\tSpain\tMadrid\nBasic\tChile\tSantiago\n"
        let read = try DelimitedTextReader(path: "t.txt").read(Self.header + rows)
        let ids = read.cards.map(\.id)
        #expect(ids.count == 3)
        #expect(ids[0].hasPrefix("imported-"))
        #expect(ids[1] == ids[0] + "-card2")
        #expect(Set(ids).count == 3)
        #expect(read.cards.allSatisfy { $0.guid == nil })
        #expect(try DelimitedTextReader(path: "t.txt").read(Self.header + rows).cards.map(\.id) == ids)
    }

    /// A newer export of a reversed note updates both its cards in place (same ids), not adds.
    @Test func aChangedReversedNoteUpdatesBothCards() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("anki.txt")
        let header = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n"
        try Data((header + "g1\tBasic (and reversed card)\tSpain\tMadrid\n").utf8).write(to: file)
        let importer = DeckImporter()
        let first = try importer.plan(file, displayPath: "anki.txt", deckID: "geo", folder: folder)
        #expect(first.added.map(\.id) == ["g1", "g1-card2"])
        try importer.apply(first)
        try Data((header + "g1\tBasic (and reversed card)\tSpain\tMadrid (capital)\n").utf8).write(to: file)
        let second = try importer.plan(file, displayPath: "anki.txt", deckID: "geo", folder: folder)
        #expect(second.added.isEmpty)
        #expect(second.updated.map(\.id) == ["g1", "g1-card2"])
        #expect(Self.question(second.updated.last)?.0 == "Madrid (capital)")
    }
}
