import Foundation
import Testing

@Suite struct DeckLintCommandTests {
    func temporaryDeck(_ contents: Data) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("deck.yaml")
        try contents.write(to: file)
        return file
    }

    @Test func bundledDeckIsValid() throws {
        let result = try RecallProcess.run(
            ["deck", "lint", "Decks/csto.yaml"], currentDirectory: RecallProcess.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Decks/csto.yaml: ok — "))
        #expect(result.stderr.isEmpty)
    }

    @Test(arguments: [
        (
            "deck: {id: x, name: X}\nfacts:\n  - id: f\n    subject: ghost\n    attribute: a\n    text: boo\n",
            ":3:9: error: fact 'f' has unknown subject 'ghost'"
        ),
        ("deck:\n  id: x\n  name: [oops\n", ":4:1: error: YAML syntax"),
        ("deck: {id: x, name: X, colour: red}\n", ":1:24: error: unknown field 'colour'"),
        ("", ":1:1: error: the file is empty"),
    ])
    func invalidDeckReportsPlaceAndExitsOne(_ yaml: String, _ expected: String) throws {
        let file = try temporaryDeck(Data(yaml.utf8))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try RecallProcess.run(["deck", "lint", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(file.path + expected), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func binaryAndMissingFilesAreErrorsNotCrashes() throws {
        let file = try temporaryDeck(Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0xFE]))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let binary = try RecallProcess.run(["deck", "lint", file.path])
        #expect(binary.status == 1)
        #expect(binary.stderr.hasPrefix(file.path + ":1:7: error: the file is binary"), "\(binary.stderr)")
        let missing = try RecallProcess.run(["deck", "lint", "/nonexistent/deck.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "/nonexistent/deck.yaml:1:1: error: cannot read the file: no such file\n")
    }

    @Test func noPathIsAUsageError() throws {
        let result = try RecallProcess.run(["deck", "lint"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Missing expected argument '<path> ...'"))
        #expect(result.stderr.contains("Usage: recall deck lint"))
    }
}
