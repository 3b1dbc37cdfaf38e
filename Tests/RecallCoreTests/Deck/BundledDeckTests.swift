import Foundation
import Testing

@testable import RecallCore

@Suite struct BundledDeckTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func builtInDecksAreNamedByTheirIds() throws {
        for file in BundledDecks.files {
            let deck = try DeckLibrary.bundledDeck(file)
            #expect(deck.id == file.id, "the id listed for \(file.name) is the deck's own")
        }
    }

    @Test func builtInDeckIsTheFileInDecks() throws {
        let file = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent("Decks/csto.yaml"), encoding: .utf8)
        #expect(
            BundledDecks.csto + "\n" == file || BundledDecks.csto == file,
            "the EmbedDecks plugin builds Decks/csto.yaml into the program")
    }

    @Test func cstoDeckLintsWithoutWarnings() throws {
        let report = DeckLinter().lint(
            contentsOf: Self.repositoryRoot.appendingPathComponent("Decks/csto.yaml"),
            displayPath: "Decks/csto.yaml")
        #expect(report.diagnostics.map(\.formatted) == [])
        #expect(report.deck?.id == "csto")
    }

    /// Spot checks of facts the article states, read back from the model.
    @Test(arguments: [
        ("csto-established", "2002"), ("csto-founded-in", "Chișinău"), ("chisinau-country", "Moldova"),
        ("csto-headquarters", "Moscow"), ("cst-signed", "1992"), ("cst-signed-in", "Tashkent"),
        ("tashkent-country", "Uzbekistan"), ("cst-renewal-period", "every 5 years"),
        ("csto-un-observer", "2004"),
        ("uzbekistan-rejoined", "2006"), ("uzbekistan-withdrew", "2012"),
        ("secretary-general-term", "3 years"),
        ("secretary-general-recommended-by", "Council of Ministers of Foreign Affairs"),
        ("kazakhstan-mission-date", "January 2022"), ("kazakhstan-mission-troops", "more than 2,000 troops"),
        ("kazakhstan-mission-requested-by", "Kassym-Jomart Tokayev"), ("karabakh-war-year", "2020"),
        ("armenia-invoked-article-4", "2022"), ("armenia-announced-withdrawal", "2024"),
        ("cst-article-4-mirrors", "Article 5"), ("soviet-union-dissolved", "1991"),
        ("charter-adopted", "2002"),
        ("cst-joined-1993", "Azerbaijan, Belarus and Georgia"),
        ("cst-not-renewed-1999", "Azerbaijan, Georgia and Uzbekistan"),
        ("csto-members", "Russia, Armenia, Kazakhstan, Kyrgyzstan, Tajikistan and Belarus"),
        ("cst-signatories", "Armenia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan and Uzbekistan"),
    ])
    func deckStatesTheArticlesFacts(_ factID: String, _ expected: String) throws {
        let deck = try CSTO.deck()
        let fact = try #require(deck.facts.first { $0.id == factID })
        #expect(DeckIndex(deck).display(fact.value) == expected)
    }

    @Test func everyOrganHasItsRole() throws {
        let deck = try CSTO.deck()
        let organs = deck.entities.filter { $0.type == "organ" }.map(\.id)
        #expect(organs.count == 7)
        for organ in organs {
            #expect(deck.facts.contains { $0.subject == organ && $0.attribute == "role" }, "\(organ)")
        }
    }

    @Test func libraryPrefersTheFolderAndFallsBackToBuiltIn() throws {
        let none = DeckLibrary(directory: nil)
        #expect(try none.loadAll().map(\.id) == ["csto"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try SampleDeck.valid.write(
            to: directory.appendingPathComponent("sample.yaml"), atomically: true, encoding: .utf8)
        #expect(try DeckLibrary(directory: directory).loadAll().map(\.id) == ["sample", "csto"])
        #expect(throws: DeckError.unknownDeck("nope", available: ["sample", "csto"])) {
            try DeckLibrary(directory: directory).deck(id: "nope")
        }
        try "deck: [".write(
            to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: DeckError.self) { try DeckLibrary(directory: directory).loadAll() }
    }

    @Test func decksDirectoryResolution() {
        let cwd = URL(fileURLWithPath: "/tmp/nowhere-\(UUID().uuidString)")
        #expect(
            DeckLibrary.resolveDirectory(
                option: "/x", environment: ["RECALL_DECKS": "/y"], currentDirectory: cwd)?.path == "/x")
        #expect(
            DeckLibrary.resolveDirectory(
                option: nil, environment: ["RECALL_DECKS": "/y"], currentDirectory: cwd)?.path == "/y")
        #expect(DeckLibrary.resolveDirectory(option: nil, environment: [:], currentDirectory: cwd) == nil)
    }
}

@Suite struct DeckGuideTests {
    /// The worked example in Decks/README.md is a real deck: it must lint clean.
    @Test func workedExampleLintsClean() throws {
        let guide = try String(
            contentsOf: BundledDeckTests.repositoryRoot.appendingPathComponent("Decks/README.md"),
            encoding: .utf8)
        let start = try #require(guide.range(of: "```yaml\n"))
        let end = try #require(guide.range(of: "```\n", range: start.upperBound..<guide.endIndex))
        let yaml = String(guide[start.upperBound..<end.lowerBound])
        let report = DeckLinter().lint(data: Data(yaml.utf8), path: "Decks/README.md example")
        #expect(report.diagnostics.map(\.formatted) == [])
        #expect(report.cards.count >= 9)
    }
}
