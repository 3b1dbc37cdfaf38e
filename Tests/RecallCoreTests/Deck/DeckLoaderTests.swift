import Foundation
import Testing

@testable import RecallCore

/// A minimal valid deck, and variations that break it in one place each.
enum SampleDeck {
    static let valid = """
        deck:
          id: sample
          name: Sample
        entities:
          paris: {type: city, name: Paris}
          france: {type: country, name: France}
        attributes:
          capital:
            type: entity
            of: city
            ask: What is the capital of {subject}?
            statement: The capital of {subject} is {value}.
        facts:
          - id: france-capital
            subject: france
            attribute: capital
            entity: paris
            source: Geography
        """
}

@Suite struct DeckLoaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let id: String
        let yaml: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(
            id: "bad YAML", yaml: "deck:\n  id: x\n  name: [unclosed\n", line: 4, column: 1,
            message: "YAML syntax"),
        Case(id: "tab indentation", yaml: "deck:\n\tid: x\n", line: 2, column: 1, message: "YAML syntax"),
        Case(
            id: "unknown root field", yaml: SampleDeck.valid + "\nextras: 1\n", line: 19, column: 1,
            message: "unknown field 'extras' in the deck file"),
        Case(
            id: "misspelt entity field",
            yaml: SampleDeck.valid.replacingOccurrences(
                of: "{type: city, name: Paris}", with: "{type: city, nmae: Paris}"),
            line: 5, column: 3, message: "entity 'paris' needs a 'type' and a 'name'"),
        Case(
            id: "unknown fact field",
            yaml: SampleDeck.valid.replacingOccurrences(
                of: "    source: Geography", with: "    sauce: Geography"),
            line: 18, column: 5, message: "unknown field 'sauce' in a fact; did you mean 'source'?"),
        Case(
            id: "unknown subject",
            yaml: SampleDeck.valid.replacingOccurrences(of: "subject: france", with: "subject: frnace"),
            line: 14, column: 9,
            message: "fact 'france-capital' has unknown subject 'frnace'; did you mean 'france'?"),
        Case(
            id: "unknown entity value",
            yaml: SampleDeck.valid.replacingOccurrences(of: "entity: paris", with: "entity: lyon"),
            line: 14, column: 9, message: "fact 'france-capital' refers to unknown entity 'lyon'"),
        Case(
            id: "unknown attribute",
            yaml: SampleDeck.valid.replacingOccurrences(of: "attribute: capital", with: "attribute: capitol"),
            line: 14, column: 9, message: "unknown attribute 'capitol'; did you mean 'capital'?"),
        Case(
            id: "duplicate fact id",
            yaml: SampleDeck.valid + """

                  - id: france-capital
                    subject: france
                    attribute: capital
                    entity: paris
                    source: Geography
                """, line: 19, column: 9, message: "duplicate fact id 'france-capital'"),
        Case(
            id: "duplicate entity id",
            yaml: SampleDeck.valid.replacingOccurrences(
                of: "  france: {type: country, name: France}", with: "  paris: {type: country, name: France}"),
            line: 5, column: 3, message: "key 'paris' appears more than once"),
        Case(
            id: "wrong value type",
            yaml: SampleDeck.valid.replacingOccurrences(of: "entity: paris", with: "date: 1789"),
            line: 14, column: 9, message: "has a date value, but attribute 'capital' is of type 'entity'"),
        Case(
            id: "entity of the wrong type",
            yaml: SampleDeck.valid.replacingOccurrences(of: "entity: paris", with: "entity: france"),
            line: 14, column: 9,
            message: "'france' is of type 'country', but attribute 'capital' takes type 'city'"),
        Case(
            id: "two values",
            yaml: SampleDeck.valid.replacingOccurrences(
                of: "    entity: paris", with: "    entity: paris\n    date: 1789"),
            line: 14, column: 9, message: "needs exactly one value"),
        Case(
            id: "bad date",
            yaml: SampleDeck.valid.replacingOccurrences(of: "entity: paris", with: "date: 2022-13")
                .replacingOccurrences(of: "type: entity\n    of: city", with: "type: date"),
            line: 16, column: 11, message: "write a year (2002) or a year and month (2022-01)"),
        Case(
            id: "unknown attribute type",
            yaml: SampleDeck.valid.replacingOccurrences(of: "type: entity", with: "type: place"),
            line: 9, column: 11, message: "unknown type 'place'"),
        Case(
            id: "template placeholder",
            yaml: SampleDeck.valid.replacingOccurrences(
                of: "What is the capital of {subject}?", with: "What is the capital of {country}?"),
            line: 14, column: 9, message: "names '{country}'"),
        Case(
            id: "unclosed cloze",
            yaml: SampleDeck.valid + "\ncards:\n  - id: c\n    cloze: Paris is in {{c1::France\n",
            line: 20, column: 9, message: "never closed"),
        Case(
            id: "no deck section", yaml: "entities: {}\n", line: 1, column: 1,
            message: "needs a 'deck:' section"),
        Case(
            id: "root is a list", yaml: "- a\n- b\n", line: 1, column: 1,
            message: "expected the deck file (a mapping"),
        Case(id: "empty file", yaml: "", line: 1, column: 1, message: "the file is empty"),
        Case(id: "only whitespace", yaml: "  \n\n", line: 1, column: 1, message: "the file is empty"),
        Case(id: "only a comment", yaml: "# nothing\n", line: 1, column: 1, message: "no YAML document"),
        Case(
            id: "bad deck id",
            yaml: SampleDeck.valid.replacingOccurrences(of: "id: sample", with: "id: sam ple"),
            line: 2, column: 7, message: "the deck id 'sam ple' may only use"),
    ]

    @Test(arguments: cases)
    func reportsErrorWithPlace(_ testCase: Case) throws {
        let parsed = DeckLoader().parse(data: Data(testCase.yaml.utf8), path: "Decks/x.yaml")
        let errors = parsed.diagnostics.filter { $0.severity == .error }
        let error = try #require(errors.first, "expected an error")
        #expect(error.message.contains(testCase.message), "\(error.formatted)")
        #expect(
            error.location == SourceLocation(line: testCase.line, column: testCase.column),
            "\(error.formatted)")
        #expect(error.formatted.hasPrefix("Decks/x.yaml:\(testCase.line):\(testCase.column): error: "))
        #expect(throws: DeckError.self) {
            try DeckLoader().load(data: Data(testCase.yaml.utf8), path: "x.yaml")
        }
    }

    @Test func loadsValidDeck() throws {
        let deck = try DeckLoader().load(data: Data(SampleDeck.valid.utf8), path: "sample.yaml")
        #expect(deck.id == "sample")
        #expect(deck.entities.map(\.id) == ["paris", "france"])
        #expect(deck.facts.first?.value == .entity("paris"))
        #expect(deck.facts.first?.location == SourceLocation(line: 14, column: 9))
    }

    @Test func binaryFileIsRefusedAtTheNulByte() throws {
        var bytes = Array("deck:\n  id: x\n".utf8)
        bytes += [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF]
        let parsed = DeckLoader().parse(data: Data(bytes), path: "b.yaml")
        let error = try #require(parsed.diagnostics.first)
        #expect(error.message.contains("binary"))
        #expect(error.location == SourceLocation(line: 3, column: 5))
    }

    @Test func invalidUTF8IsRefusedWithItsPlace() throws {
        let bytes = Array("deck:\n  name: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let parsed = DeckLoader().parse(data: Data(bytes), path: "u.yaml")
        let error = try #require(parsed.diagnostics.first)
        #expect(error.message.contains("not UTF-8"))
        #expect(error.location == SourceLocation(line: 2, column: 12))
    }

    @Test func hugeFileIsRefusedBeforeParsing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("huge.yaml")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 50 * 1024 * 1024)
        try handle.close()
        #expect(
            throws: DeckError.invalid([
                Diagnostic(
                    .error, file: "huge.yaml", at: SourceLocation(line: 1, column: 1),
                    "the file is 50 MB; a deck may be at most 8 MB")
            ])
        ) {
            try DeckLoader().load(contentsOf: file, displayPath: "huge.yaml")
        }
    }

    @Test func missingFileAndFolderAreUnreadable() throws {
        #expect(throws: DeckError.unreadable(path: "nope.yaml", reason: "no such file")) {
            try DeckLoader().load(
                contentsOf: URL(fileURLWithPath: "/nonexistent/nope.yaml"), displayPath: "nope.yaml")
        }
        #expect(throws: DeckError.self) {
            try DeckLoader().load(contentsOf: FileManager.default.temporaryDirectory, displayPath: "tmp")
        }
    }

    @Test func warnsAboutFactWithoutSourceAndSharedAlias() throws {
        let yaml = SampleDeck.valid
            .replacingOccurrences(of: "\n    source: Geography", with: "")
            .replacingOccurrences(
                of: "{type: country, name: France}", with: "{type: country, name: France, aliases: [paris]}")
        let parsed = DeckLoader().parse(data: Data(yaml.utf8), path: "w.yaml")
        let warnings = parsed.diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings.contains { $0.contains("has no source") })
        #expect(warnings.contains { $0.contains("'paris' names both entity 'paris' and entity 'france'") })
        #expect(!parsed.diagnostics.contains { $0.severity == .error })
    }
}
