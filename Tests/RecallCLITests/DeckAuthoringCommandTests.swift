import Foundation
import Testing

@Suite struct DeckAuthoringCommandTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-author-\(UUID().uuidString)")
        // A project folder: a recall workspace (deck files and progress go under it).
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        return url
    }

    @Test func newWritesADeckThatLintsCleanAndRefusesToOverwrite() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let created = try RecallProcess.run(["deck", "new", "physics"], currentDirectory: dir)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("wrote Decks/physics.yaml\n"))
        let lint = try RecallProcess.run(
            ["deck", "lint", "--strict", "Decks/physics.yaml"], currentDirectory: dir)
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(lint.stderr.isEmpty)

        let file = dir.appendingPathComponent("Decks/physics.yaml")
        try Data("# mine\n".utf8).write(to: file)
        let again = try RecallProcess.run(["deck", "new", "physics"], currentDirectory: dir)
        #expect(again.status == 1)
        #expect(
            again.stderr
                == "error: 'Decks/physics.yaml' already exists; choose another name or delete it first\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == "# mine\n")
    }

    @Test func newHonoursDecksDirAndRejectsBadNames() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let other = dir.appendingPathComponent("elsewhere")
        let created = try RecallProcess.run(
            ["deck", "new", "chem", "--decks-dir", other.path], currentDirectory: dir)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("chem.yaml").path))
        let bad = try RecallProcess.run(["deck", "new", "../escape"], currentDirectory: dir)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("'../escape' is not a deck id"))
    }

    @Test func previewShowsCardsWithAnswersFilteredByKind() throws {
        let all = try RecallProcess.run(["deck", "preview", "csto"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("1. [typed] "))
        #expect(all.stdout.contains("   answer: "))
        let choice = try RecallProcess.run(["deck", "preview", "csto", "--kind", "choice", "--seed", "7"])
        #expect(choice.status == 0)
        #expect(!choice.stdout.contains("[typed]"))
        #expect(choice.stdout.contains("     a) "))
        #expect(choice.stdout.contains("of kind choice in Collective Security Treaty Organization\n"))
        let same = try RecallProcess.run(["deck", "preview", "csto", "--kind", "choice", "--seed", "7"])
        #expect(same.stdout == choice.stdout, "the same seed previews the same cards")
        let wrong = try RecallProcess.run(["deck", "preview", "csto", "--kind", "essay"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("Unknown kind 'essay'"))
        let missing = try RecallProcess.run(["deck", "preview", "nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: no deck 'nope'"))
    }

    @Test func statsCountsFactsEntitiesAndCardsByKind() throws {
        let result = try RecallProcess.run(["deck", "stats", "csto"])
        #expect(result.status == 0, "\(result.stderr)")
        for label in ["facts", "entities", "cards", "  typed", "  truefalse", "  cloze", "facts by source:"] {
            #expect(result.stdout.contains("\n" + label), "missing \(label)")
        }
    }
}
