import Foundation
import Testing

@Suite struct CardsCommandTests {
    @Test func versionAndHelp() throws {
        let version = try RecallProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(
            version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try RecallProcess.run(["--help"])
        #expect(help.status == 0)
        for command in ["cards", "deck"] { #expect(help.stdout.contains(command)) }
    }

    @Test func cardsAsJSONFromAnyFolder() throws {
        let result = try RecallProcess.run(["cards", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let data = Data(result.stdout.utf8)
        let cards = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(cards.count >= 80)
        for card in cards {
            for key in ["id", "deck", "kind", "prompt", "answer", "source"] {
                #expect(card[key] is String, "card lacks '\(key)': \(card)")
            }
            if card["kind"] as? String == "choice" {
                #expect((card["choices"] as? [String])?.count == 4)
            } else if card["kind"] as? String != "order" {
                #expect(card["choices"] == nil)
            }
        }
        #expect(Set(cards.compactMap { $0["deck"] as? String }) == ["csto"])
    }

    @Test func cardsAsTextAndUnknownDeck() throws {
        let text = try RecallProcess.run(["cards", "--deck", "csto"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("csto:csto-established:forward  [typed]"))
        #expect(text.stdout.contains("  A: 2002"))
        let unknown = try RecallProcess.run(["cards", "--deck", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: no deck 'nope'; available decks: 'csto'\n")
    }

    @Test func decksDirectoryFromOptionAndEnvironment() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let deck =
            "deck: {id: tiny, name: Tiny}\nentities:\n  a: {type: thing, name: Alpha}\ncards:\n  - {id: q, question: First letter?, answer: Alpha}\n"
        try deck.write(to: directory.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        let byOption = try RecallProcess.run(["cards", "--deck", "tiny", "--decks-dir", directory.path])
        #expect(byOption.status == 0, "\(byOption.stderr)")
        #expect(byOption.stdout.contains("tiny:card:q  [free]"))
        let byEnvironment = try RecallProcess.run(
            ["cards", "--deck", "tiny"], environment: ["RECALL_DECKS": directory.path])
        #expect(byEnvironment.stdout == byOption.stdout)
    }
}
