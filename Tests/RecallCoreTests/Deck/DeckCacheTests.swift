import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// Parsed decks and generated cards kept on disk (`DeckCache`): what comes out of the cache is
/// what parsing and generating make, any change of the inputs misses, and a damaged or foreign
/// entry is rebuilt, never believed.
@Suite struct DeckCacheTests {
    let scratch: TemporaryFolder
    var cache: DeckCache { DeckCache(directory: scratch.url.appendingPathComponent("decks")) }

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-deck-cache")
    }

    static var bundled: Data { Data(BundledDecks.csto.utf8) }

    /// The cache's entry files.
    func entries() -> [URL] {
        let folder = cache.directory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    // MARK: - Cached equals fresh

    struct Source: Sendable, CustomTestStringConvertible {
        let id: String
        let yaml: @Sendable () -> Data
        var testDescription: String { id }
    }

    static let sources: [Source] = [
        Source(id: "bundled CSTO deck") { bundled },
        Source(id: "synthetic deck of 2,000 facts") { Data(SyntheticDeck.yaml(facts: 2_000).utf8) },
    ]

    @Test(arguments: sources) func cachedDeckAndCardsEqualFreshOnes(_ source: Source) throws {
        let data = source.yaml()
        let fresh = try DeckLoader().load(data: data, path: "deck.yaml")
        let cold = try cache.deck(data: data, path: "deck.yaml")
        let warm = try cache.deck(data: data, path: "deck.yaml")
        #expect(cold == fresh)
        #expect(warm == fresh)
        #expect(warm.facts.count == fresh.facts.count && !fresh.facts.isEmpty)
        for seed: UInt64 in [0, 3] {
            let generated = QuestionGenerator(seed: seed).cards(for: fresh)
            #expect(cache.cards(for: cold, seed: seed) == generated, "written, seed \(seed)")
            #expect(cache.cards(for: warm, seed: seed) == generated, "read back, seed \(seed)")
        }
        // One entry for the deck and one per seed's cards, each read back whole.
        #expect(entries().count == 3)
        let digest = DeckCache.digest(of: data)
        let read = cache.read("deck \(digest)") { reader throws(CacheByteReader.Damaged) in
            try reader.deck(path: "deck.yaml")
        }
        #expect(read == fresh)
    }

    @Test func cardsOfADeckReadBackTakeTheirNewPath() throws {
        _ = try cache.deck(data: Self.bundled, path: "one/csto.yaml")
        let moved = try cache.deck(data: Self.bundled, path: "two/csto.yaml")
        #expect(moved.path == "two/csto.yaml")
    }

    @Test func aLibraryWithACacheLoadsWhatOneWithoutLoads() throws {
        let decks = scratch.url.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: decks, withIntermediateDirectories: true)
        try Data(SyntheticDeck.yaml(facts: 300).utf8).write(
            to: decks.appendingPathComponent("synthetic.yaml"))
        let plain = DeckLibrary(directory: decks)
        let cached = DeckLibrary(directory: decks, cache: cache)
        let expected = try plain.loadAll()
        for _ in 0..<2 {
            let decks = try cached.loadAll()
            #expect(decks == expected)
            #expect(cached.cards(for: decks, seed: 1) == plain.cards(for: expected, seed: 1))
        }
        #expect(expected.map(\.id) == ["synthetic", "csto"])
    }

    // MARK: - Invalidation

    @Test func anEditedFileIsParsedAgain() throws {
        let original = try cache.deck(data: Self.bundled, path: "csto.yaml")
        let edited = Data(
            BundledDecks.csto.replacingOccurrences(of: "as-of: 2025-12", with: "as-of: 2024-12").utf8)
        let reloaded = try cache.deck(data: edited, path: "csto.yaml")
        #expect(reloaded.asOf == DeckDate(year: 2024, month: 12))
        #expect(original.asOf == DeckDate(year: 2025, month: 12))
        #expect(reloaded == (try DeckLoader().load(data: edited, path: "csto.yaml")))
    }

    @Test func aDeckChangedInMemoryIsGeneratedAfresh() throws {
        var deck = try cache.deck(data: Self.bundled, path: "csto.yaml")
        let all = cache.cards(for: deck, seed: 0)
        deck.facts.removeAll { $0.attribute == "members" }
        let cards = cache.cards(for: deck, seed: 0)
        #expect(cards == QuestionGenerator().cards(for: deck))
        #expect(cards.count < all.count)
    }

    @Test func theKeyNamesTheFormatTheVersionAndTheBuild() {
        let key = DeckCache.fullKey("cards x seed 4")
        #expect(key.contains("format \(DeckCache.formatVersion)"))
        #expect(key.contains("recall \(RecallVersion.current)"))
        #expect(key.contains("build \(DeckCache.buildIdentity)"))
        #expect(!DeckCache.buildIdentity.hasPrefix("process-"), "the program's file was examined")
        #expect(cache.file(for: "cards x seed 4") != cache.file(for: "cards x seed 5"))
    }

    @Test func aDeckWithErrorsIsNotKept() throws {
        let broken = Data(
            "deck: {id: b, name: B}\nfacts:\n  - {id: f, subject: nobody, attribute: none}\n".utf8)
        #expect(throws: DeckError.self) { try cache.deck(data: broken, path: "b.yaml") }
        #expect(entries().isEmpty)
    }

    // MARK: - Damaged entries

    struct Damage: Sendable, CustomTestStringConvertible {
        let id: String
        let change: @Sendable (Data) -> Data
        var testDescription: String { id }
    }

    static let damages: [Damage] = [
        Damage(id: "empty file") { _ in Data() },
        Damage(id: "truncated by half") { $0.prefix($0.count / 2) },
        Damage(id: "last byte missing") { $0.dropLast() },
        Damage(id: "a byte appended") { $0 + [0] },
        Damage(id: "a payload byte flipped") { data in
            var data = data
            data[data.count - 10] ^= 0x20
            return data
        },
        Damage(id: "a header byte flipped") { data in
            var data = data
            data[3] ^= 0x01
            return data
        },
        Damage(id: "random bytes") { data in
            var random = SplitMix64(seed: 14)
            return Data((0..<data.count).map { _ in UInt8.random(in: 0...255, using: &random) })
        },
        Damage(id: "a YAML file in its place") { _ in Data("deck: {id: x, name: X}\n".utf8) },
    ]

    @Test(arguments: damages) func aDamagedEntryIsRebuilt(_ damage: Damage) throws {
        let fresh = try DeckLoader().load(data: Self.bundled, path: "csto.yaml")
        let deck = try cache.deck(data: Self.bundled, path: "csto.yaml")
        let cards = cache.cards(for: deck, seed: 0)
        let files = entries()
        #expect(files.count == 2)
        var originals: [URL: Data] = [:]
        for file in files {
            let data = try Data(contentsOf: file)
            originals[file] = data
            try damage.change(data).write(to: file)
        }
        let again = try cache.deck(data: Self.bundled, path: "csto.yaml")
        #expect(again == fresh)
        #expect(cache.cards(for: again, seed: 0) == cards)
        // Rebuilt in place, whole.
        for file in files {
            #expect(try Data(contentsOf: file) == originals[file], "\(file.lastPathComponent) rewritten")
        }
    }

    @Test func anotherEntryUnderThisNameIsIgnored() throws {
        // A foreign file: a valid entry of another deck, copied over this deck's entry.
        let other = Data(SyntheticDeck.yaml(facts: 50).utf8)
        _ = try cache.deck(data: other, path: "other.yaml")
        let otherFile = try #require(entries().first)
        let ownFile = cache.file(for: "deck \(DeckCache.digest(of: Self.bundled))")
        try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: otherFile, to: ownFile)
        let deck = try cache.deck(data: Self.bundled, path: "csto.yaml")
        #expect(deck == (try DeckLoader().load(data: Self.bundled, path: "csto.yaml")))
    }

    @Test func anEntryWhoseKeyMatchesIsBelieved() throws {
        // The other side of the two tests above: an intact entry is what the deck becomes, so a
        // warm start really reads the cache rather than parsing again.
        var writer = CacheByteWriter()
        writer.deck(Deck(id: "stand-in", name: "Stand-in"))
        cache.write("deck \(DeckCache.digest(of: Self.bundled))", writer.bytes)
        let deck = try cache.deck(data: Self.bundled, path: "csto.yaml")
        #expect(deck.id == "stand-in")
    }

    @Test func aCacheThatCannotBeWrittenCostsNothingButSpeed() throws {
        // A folder below a regular file can never be created (whoever runs the tests).
        try Data("not a folder".utf8).write(to: scratch.file("file"))
        let blocked = DeckCache(directory: scratch.file("file").appendingPathComponent("decks"))
        let fresh = try DeckLoader().load(data: Self.bundled, path: "csto.yaml")
        for _ in 0..<2 {
            let deck = try blocked.deck(data: Self.bundled, path: "csto.yaml")
            #expect(deck == fresh)
            #expect(blocked.cards(for: deck, seed: 2) == QuestionGenerator(seed: 2).cards(for: fresh))
        }
    }

    @Test func theFolderKeepsABoundedNumberOfEntries() throws {
        let deck = try cache.deck(data: Self.bundled, path: "csto.yaml")
        for seed in 0..<UInt64(DeckCache.maximumEntries + 5) {
            var writer = CacheByteWriter()
            writer.array([Card]()) { $0.card($1) }
            cache.write("cards \(seed)", writer.bytes)
        }
        #expect(entries().count == DeckCache.maximumEntries)
        #expect(cache.cards(for: deck, seed: 0) == QuestionGenerator().cards(for: deck))
    }

    // MARK: - The format covers every property

    struct Shape: Sendable, CustomTestStringConvertible {
        let id: String
        let value: any Sendable
        let storedProperties: Int
        var testDescription: String { id }
    }

    /// A new stored property must be written by `DeckCache+Deck.swift` or `DeckCache+Cards.swift`
    /// (and this count raised), or cached decks and cards would silently lose it.
    static let shapes: [Shape] = [
        Shape(id: "Deck", value: Deck(id: "d", name: "D"), storedProperties: 12),
        Shape(id: "Entity", value: Entity(id: "e", type: "t", name: "E"), storedProperties: 6),
        Shape(id: "Attribute", value: Attribute(id: "a", type: .text), storedProperties: 13),
        Shape(
            id: "Fact", value: Fact(id: "f", subject: "s", attribute: "a", value: .passage("p")),
            storedProperties: 15),
        Shape(id: "FreeCard", value: FreeCard(id: "c", content: .cloze("x")), storedProperties: 8),
        Shape(id: "DeckDate", value: DeckDate(year: 1), storedProperties: 2),
        Shape(id: "SourceLocation", value: SourceLocation(line: 1, column: 1), storedProperties: 2),
        Shape(
            id: "Card",
            value: Card(
                id: .free(deck: "d", card: "c"), deck: "d", kind: .free, prompt: "p", answer: "a", facts: [],
                source: "", why: "", topic: "", siblingKey: ""),
            storedProperties: 14),
        Shape(
            id: "Card.Presentation",
            value: Card.Presentation(style: .recall, prompt: "p", answer: "a", body: .free(accepted: [])),
            storedProperties: 4),
    ]

    @Test(arguments: shapes) func theFormatWritesEveryStoredProperty(_ shape: Shape) {
        #expect(Mirror(reflecting: shape.value).children.count == shape.storedProperties)
    }
}

/// A deck of `facts` facts over countries and cities with every value type, free cards (a
/// question with choices, a cloze), distractors and an as-of date.
enum SyntheticDeck {
    static func yaml(facts: Int) -> String {
        let countries = max(facts / 5, 8)
        var lines = [
            "deck: {id: synthetic, name: Synthetic, source: Generated, as-of: 2020-06}",
            "entities:",
        ]
        for i in 0..<countries {
            lines.append(
                "  country-\(i): {type: country, name: Country \(i), aliases: [C\(i)], mention: the C\(i)}")
            lines.append("  city-\(i): {type: city, name: City \(i)}")
        }
        lines += [
            "  bloc: {type: bloc, name: The Bloc}",
            "distractors:",
            "  city: [Elsewhere, Nowhere, Somewhere]",
            "attributes:",
            "  capital: {type: entity, of: city, ask: 'What is the capital of {subject}?', reverse: 'Which country has {value} as its capital?', statement: 'The capital of {subject} is {value}.'}",
            "  founded: {type: date, ask: 'When was {subject} founded?', statement: '{Subject} was founded in {value}.', event: '{Subject} is founded'}",
            "  population: {type: number, ask: 'How many people live in {subject}?', statement: '{Subject} has {value}.'}",
            "  motto: {type: text, typed: true, ask: 'What is the motto of {subject}?', reverse: 'Whose motto is {value}?', statement: 'The motto of {subject} is {value}.'}",
            "  members: {type: set, of: country, ask: 'Name the members of {subject}.', element: '{Element} belongs to {subject}.', choose: 'Which belongs to {subject}?', choose-not: 'Which does not belong to {subject}?'}",
            "  story: {type: passage}",
            "facts:",
        ]
        for i in 0..<(facts - 3) {
            let c = i % countries
            switch (i / countries) % 5 {
            case 0:
                lines.append(
                    "  - {id: capital-\(c), subject: country-\(c), attribute: capital, entity: city-\(c), source: Capitals}"
                )
            case 1:
                lines.append(
                    "  - {id: founded-\(c), subject: country-\(c), attribute: founded, date: \(1000 + c % 1000), source: History}"
                )
            case 2:
                lines.append(
                    "  - {id: population-\(c), subject: country-\(c), attribute: population, number: \(1000 * (c + 1)), unit: people, qualifier: more than, source: People}"
                )
            case 3:
                lines.append(
                    "  - {id: motto-\(c), subject: country-\(c), attribute: motto, text: Motto number \(c), aliases: [Motto \(c)], note: Said often., source: Mottos}"
                )
            default:
                lines.append(
                    "  - {id: city-founded-\(c), subject: city-\(c), attribute: founded, date: \(1100 + c % 900)-\(c % 12 + 1), source: History}"
                )
            }
        }
        let members = (0..<min(30, countries)).map { "country-\($0 * 3 % countries)" }
        lines += [
            "  - {id: bloc-members, subject: bloc, attribute: members, set: [\(Array(Set(members)).sorted().joined(separator: ", "))], complete: true, source: Blocs}",
            "  - {id: bloc-story, subject: bloc, attribute: story, passage: 'The Bloc was formed by {{c1::Country 0}} and {{c2::Country 3}}.', source: Blocs}",
            "cards:",
            "  - {id: q1, question: Which city is the oldest?, answer: City 0, choices: [City 0, City 1, City 2], source: Quiz}",
            "  - {id: z1, cloze: 'The first city is {{c1::City 0}}.', tags: [cities]}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
