import Foundation
import Testing

@testable import RecallCore

@Suite struct CardIDManifestTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func lintWarnsAboutIdsThatVanishedSinceTheLastExport() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = DeckScaffold.yaml(id: "demo")
        let file = dir.appendingPathComponent("demo.yaml")
        try Data(yaml.utf8).write(to: file)
        let deck = try DeckLoader().load(contentsOf: file)
        let cards = QuestionGenerator().cards(for: deck)
        try CardIDManifest.write(cards.map(\.id), to: CardIDManifest.url(deckID: "demo", in: dir))
        #expect(DeckLinter().lint(contentsOf: file, displayPath: "demo.yaml").diagnostics.isEmpty)

        // Renaming a fact id orphans its cards: lint says which.
        try Data(yaml.replacingOccurrences(of: "id: mars-moons", with: "id: mars-moon-count").utf8).write(
            to: file)
        let report = DeckLinter().lint(contentsOf: file, displayPath: "demo.yaml")
        let messages = report.diagnostics.map(\.formatted)
        #expect(!messages.isEmpty)
        #expect(messages.allSatisfy { $0.hasPrefix("demo.yaml:1:1: warning: card 'demo:mars-moons:") })
        #expect(!report.hasErrors)
    }

    @Test func manifestIgnoresCommentsAndBlankLines() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = CardIDManifest.url(deckID: "x", in: dir)
        try CardIDManifest.write(["b", "a", "a"], to: url)
        #expect(CardIDManifest.read(url) == ["a", "b"])
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("# recall:"))
        #expect(CardIDManifest.read(dir.appendingPathComponent("none")) == nil)
    }
}
