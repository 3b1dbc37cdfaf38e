import Foundation
import Testing

@testable import RecallCore

/// Anki's tags and deck tree arrive as tags of the imported cards, written in the deck file and
/// chosen with `tag:` in the card query language (a deck path matched by each leading part).
@Suite struct ImportedTagsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var tag: String
        var query: String
        var matches: Bool
        var testDescription: String { "'\(query)' on \(tag)" }
    }

    @Test(arguments: [
        Case(tag: "Lang::Spanish::Vocab", query: "lang::spanish::vocab", matches: true),
        Case(tag: "Lang::Spanish::Vocab", query: "lang::spanish", matches: true),
        Case(tag: "Lang::Spanish::Vocab", query: "lang", matches: true),
        Case(tag: "Lang::Spanish::Vocab", query: "spanish", matches: false),
        Case(tag: "Lang::Spanish::Vocab", query: "lang::span", matches: false),
        Case(tag: "Lang::Spanish::Vocab", query: "lang::spanish::vocab::more", matches: false),
        Case(tag: "Géographie", query: "geographie", matches: true),
        Case(tag: "geo", query: "geography", matches: false),
    ])
    func aTagIsMatchedByItselfAndItsLeadingParts(_ item: Case) {
        #expect(CardQuery.tag(item.tag, matches: item.query) == item.matches)
    }

    /// A deck file with tags loads, its cards carry them, and `tag:` chooses by them.
    @Test func tagsInADeckFileReachTheQuery() throws {
        let yaml = DeckYAMLWriter.newDeck(
            id: "t", name: "T", source: "t.apkg",
            cards: [
                FreeCard(
                    id: "perro", content: .question("perro", answer: "dog", aliases: []),
                    tags: ["Lang::Spanish::Vocab", "animals"]),
                FreeCard(
                    id: "danube", content: .cloze("The {{c1::Danube}} flows east."), tags: ["Geography"]),
                FreeCard(id: "plain", content: .question("2 + 2?", answer: "4", aliases: [])),
            ])
        #expect(yaml.contains("    tags: [\"Lang::Spanish::Vocab\", \"animals\"]"))
        let deck = try DeckLoader().load(data: Data(yaml.utf8), path: "t.yaml")
        #expect(deck.freeCards.map(\.tags) == [["Lang::Spanish::Vocab", "animals"], ["Geography"], []])
        let cards = QuestionGenerator().cards(for: deck)
        func chosen(_ text: String) throws -> [String] {
            let query = try CardQuery(text)
            return cards.filter { query.matches($0, in: CardQuery.Context()) }.map(\.id).sorted()
        }
        #expect(try chosen("tag:lang::spanish") == ["t:card:perro"])
        #expect(try chosen("tag:animals") == ["t:card:perro"])
        #expect(try chosen("tag:geography") == ["t:card:danube.c1"])
        #expect(try chosen("-tag:lang") == ["t:card:danube.c1", "t:card:plain"])
    }

    /// The studied collection written by the `anki` library: each card has its deck path and its
    /// note's tags.
    @Test func anAnkiPackagesTagsAndDeckTreeBecomeTags() throws {
        let result = try AnkiPackageReader(path: "current.apkg").read(FixtureFile.url("Anki/current.apkg"))
        let tags = Dictionary(result.cards.map { ($0.front, $0.tags) }, uniquingKeysWith: { a, _ in a })
        #expect(tags["Capital of France?"] == ["Geography", "europe", "geo"], "Anki keeps tags sorted")
        #expect(tags["perro"] == ["Lang::Spanish::Vocab", "es"])
        #expect(tags["dog"] == ["Lang::Spanish::Vocab", "es"], "the reverse card too")
        #expect(tags["cat"] == ["Lang::Spanish::Vocab", "flag::blue"], "Anki's blue flag")
        #expect(tags["Capital of Peru?"]?.contains("flag::red") == true, "Anki's red flag")
        #expect(result.cards.filter { $0.tags.contains { $0.hasPrefix("flag::") } }.count == 2)
        let cloze = try #require(result.cards.first { $0.isCloze && $0.front.contains("Danube") })
        #expect(cloze.tags == ["Geography"])
        #expect(
            result.cards.allSatisfy { !$0.tags.contains("Cram") }, "a filtered deck's name is never a tag")
    }

    @Test func anAnkiTextFilesTagsColumnAndHeaderBecomeTags() throws {
        let text = """
            #separator:tab
            #html:false
            #tags:imported
            #deck column:3
            #tags column:4
            perro\tdog\tLang::Spanish\tanimals es
            mesa\ttable\tLang::Spanish\t

            """
        let result = try DelimitedTextReader(path: "a.txt").read(text)
        #expect(
            result.cards.map(\.tags) == [
                ["imported", "Lang::Spanish", "animals", "es"], ["imported", "Lang::Spanish"],
            ])
    }

    /// A card buried in Anki stays out of study until the learner's next day; one flagged in Anki
    /// is found with `tag:flag` (any colour) or `tag:flag::red`.
    @Test func anAnkiBuriedCardIsBuriedUntilTheNextDay() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let utc = try #require(TimeZone(identifier: "UTC"))
        let importer = DeckImporter()
        let plan = try importer.plan(
            FixtureFile.url("Anki/current.apkg"), displayPath: "current.apkg", deckID: "geo", folder: folder,
            timeZone: utc, now: now)
        let endOfDay = StudyCalendar(timeZone: utc, rolloverHour: 4).endOfDay(containing: now)
        #expect(plan.flags.values.filter { $0.buriedUntil != nil }.map(\.buriedUntil) == [endOfDay])
        #expect(plan.flags.values.filter(\.isSuspended).count == 1)
        try importer.apply(plan)
        let store = try ProgressStore.open(profile: "ana", in: folder.appendingPathComponent("Progress"))
        defer { store.close() }
        _ = try importer.recordReviews(of: plan, in: store)
        let buried = try #require(plan.flags.first { $0.value.buriedUntil != nil }?.key)
        #expect(store.profile.flags(of: buried).buriedUntil == endOfDay)
    }

    /// A card's own tags go to Anki with it, and come back.
    @Test func tagsAreExportedToAnkiAndBack() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = DeckYAMLWriter.newDeck(
            id: "t", name: "T", source: "t.apkg",
            cards: [
                FreeCard(
                    id: "perro", content: .question("perro", answer: "dog", aliases: []),
                    tags: ["Lang::Spanish::Vocab", "animals"])
            ])
        let deck = try DeckLoader().load(data: Data(yaml.utf8), path: "t.yaml")
        let package = folder.appendingPathComponent("t.apkg")
        try AnkiPackageWriter().write(
            ExportInput(deck: deck, cards: QuestionGenerator().cards(for: deck)), to: package)
        let back = try AnkiPackageReader(path: "t.apkg").read(package)
        let tags = try #require(back.cards.first?.tags)
        #expect(tags.contains("Lang::Spanish::Vocab") && tags.contains("animals"), "\(tags)")
    }
}
