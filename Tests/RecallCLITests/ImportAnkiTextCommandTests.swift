import Foundation
import Testing

/// `recall import` of Anki's "Notes in Plain Text" export (note type, deck, tags and unique
/// identifier columns), through the real binary.
@Suite struct ImportAnkiTextCommandTests {
    static func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-anki-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        return dir
    }

    static let fixtures = RecallProcess.repositoryRoot.appendingPathComponent(
        "Tests/RecallCoreTests/Fixtures/Anki/text")

    /// What Anki wrote (committed), plus a typed note without its answer: the summary counts the
    /// notes and cards, names the unknown note type once, and `--verbose` lists the skipped card
    /// by line; the package of the same notes then lands on the same cards.
    @Test func theSummaryCountsNotesAndCards() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = try String(contentsOf: Self.fixtures.appendingPathComponent("notes.txt"), encoding: .utf8)
        text += "abc\tBasic (type in the answer)\tGeography::Capitals\tCapital of Chad?\t\t\t\n"
        try Data(text.utf8).write(to: dir.appendingPathComponent("notes.txt"))
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("notes.apkg"),
            to: dir.appendingPathComponent("notes.apkg"))

        let result = try RecallProcess.run(["import", "notes.txt", "--verbose"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == """
                added 9 cards from notes.txt (tsv) to new deck 'notes' in Decks/notes.yaml
                read 8 notes and 11 cards
                1 note of a note type recall does not know ('Country (custom)'): field 1 taken as the question, field 2 as the answer
                skipped 1 card: 1 with an empty answer

                """)
        #expect(result.stderr == "skipped: notes.txt: line 14 card 1: with an empty answer\n")

        let package = try RecallProcess.run(["import", "notes.apkg"], currentDirectory: dir)
        #expect(package.status == 0, "\(package.stderr)")
        #expect(package.stdout.hasPrefix("added 0 cards from notes.apkg (apkg) to deck 'notes'"))
        #expect(package.stdout.contains("; 9 already in the deck\n"))
        #expect(!package.stdout.contains("updated"))
    }
}

/// The same, with a collection the real `anki` library builds and exports now
/// (`Tests/Fixtures/make_anki_text_export.py`): new GUIDs each run.
@Suite(.enabled(if: AnkiPython.executable != nil, Comment(rawValue: AnkiPython.missing)))
struct ImportAnkiWrittenTextTests {
    @Test func anExportAnkiWritesNowImportsAsItsPackageDoes() throws {
        let dir = try ImportAnkiTextCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let python = try #require(AnkiPython.executable)
        let maker = RecallProcess.repositoryRoot.appendingPathComponent(
            "Tests/Fixtures/make_anki_text_export.py")
        let made = try AnkiPython.run(python, [maker.path, dir.path])
        try #require(made.status == 0, "make_anki_text_export.py failed: \(made.output)")

        let text = try RecallProcess.run(["import", "notes.txt"], currentDirectory: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("added 9 cards from notes.txt (tsv)"))
        #expect(text.stdout.contains("read 7 notes and 10 cards\n"))
        let package = try RecallProcess.run(["import", "notes.apkg"], currentDirectory: dir)
        #expect(package.status == 0, "\(package.stderr)")
        #expect(package.stdout.contains("added 0 cards from notes.apkg (apkg) to deck 'notes'"))
        #expect(package.stdout.contains("; 9 already in the deck\n"))
    }
}
