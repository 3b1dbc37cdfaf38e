import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// A workspace's Decks/ folder: a broken file does not stop the others; `deck new` and built-in decks.
@Suite struct DeckFolderTests {
    let scratch: TemporaryFolder
    var workspace: URL { scratch.url }

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-deck-folder")
        try FileManager.default.createDirectory(
            at: workspace.appendingPathComponent("Decks"), withIntermediateDirectories: true)
    }

    func recall(_ arguments: [String], input: String = "") throws -> RecallProcess.Result {
        try RecallProcess.run(arguments, input: input, currentDirectory: workspace)
    }

    @Test func aBrokenDeckFileIsReportedAndSkippedAndLintStaysStrict() throws {
        #expect(try recall(["deck", "new", "good"]).status == 0)
        try scratch.write("id: bad\nname: [oops\n", to: "Decks/bad.yaml")
        let expected = "Decks/bad.yaml:3:1: error: YAML syntax"

        let cards = try recall(["cards", "--deck", "good"])
        #expect(cards.status == 0, "\(cards.stderr)")
        let all = try recall(["cards"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stderr.hasPrefix(expected), "\(all.stderr)")
        #expect(all.stderr.contains("note: skipped 1 broken deck file (Decks/bad.yaml)"))
        #expect(all.stdout.contains("good:") && all.stdout.contains("csto:"))

        let export = try recall(["export", "good", "--format", "md", "-o", "good.md"])
        #expect(export.status == 0, "\(export.stderr)")
        let repl = try recall([], input: "decks\nquit\n")
        #expect(repl.status == 0, "\(repl.stderr)")
        #expect(repl.stderr.hasPrefix(expected))
        #expect(repl.stdout.contains("  good  "))

        // The broken deck itself is still an error where it is asked for.
        let asked = try recall(["cards", "--deck", "bad"])
        #expect(asked.status == 1)
        #expect(asked.stderr.contains(expected))
        let lint = try recall(["deck", "lint", "Decks/bad.yaml"])
        #expect(lint.status == 1)
        #expect(lint.stdout.contains(expected) || lint.stderr.contains(expected))
    }

    @Test func deckNewRefusesABuiltInIdAndCopiesOneWithFrom() throws {
        let refused = try recall(["deck", "new", "csto"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("'csto' is the id of a built-in deck"))
        #expect(
            !FileManager.default.fileExists(atPath: workspace.appendingPathComponent("Decks/csto.yaml").path))

        let copied = try recall(["deck", "new", "csto", "--from", "csto"])
        #expect(copied.status == 0, "\(copied.stderr)")
        let written = try String(
            contentsOf: workspace.appendingPathComponent("Decks/csto.yaml"), encoding: .utf8)
        let original = try String(
            contentsOf: RecallProcess.repositoryRoot.appendingPathComponent("Decks/csto.yaml"),
            encoding: .utf8)
        #expect(written == original)

        let renamed = try recall(["deck", "new", "mine", "--from", "csto"])
        #expect(renamed.status == 0, "\(renamed.stderr)")
        let lint = try recall(["deck", "lint", "Decks/mine.yaml", "Decks/csto.yaml"])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        let listing = try recall(["cards", "--deck", "mine"])
        #expect(listing.status == 0 && listing.stdout.contains("mine:"), "\(listing.stderr)")

        let unknown = try recall(["deck", "new", "x", "--from", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no built-in deck 'nope'; built-in decks: csto"))
    }
}
