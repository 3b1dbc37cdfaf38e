import Foundation
import RecallCore

/// Deck load (YAML parse + validation) and card generation, for the CSTO deck and for a generated
/// deck of 10,000 facts; and the same through the deck cache (`DeckCache`), cold (the cache
/// folder removed before each run, so the run parses, generates and writes the entry) and warm
/// (the entry read back).
struct DeckBenchmark: Benchmark {
    enum Workload: String, CaseIterable {
        case cstoLoad = "deck-csto-load"
        case cstoGenerate = "deck-csto-generate"
        case largeLoad = "deck-10k-load"
        case largeGenerate = "deck-10k-generate"
        case cstoLoadWarm = "deck-csto-load-warm"
        case cstoGenerateWarm = "deck-csto-generate-warm"
        case largeLoadCold = "deck-10k-load-cold"
        case largeLoadWarm = "deck-10k-load-warm"
        case largeGenerateCold = "deck-10k-generate-cold"
        case largeGenerateWarm = "deck-10k-generate-warm"

        var isCSTO: Bool { [.cstoLoad, .cstoGenerate, .cstoLoadWarm, .cstoGenerateWarm].contains(self) }
        var isCold: Bool { [.largeLoadCold, .largeGenerateCold].contains(self) }
        var isCached: Bool { ![.cstoLoad, .cstoGenerate, .largeLoad, .largeGenerate].contains(self) }
        var isGenerate: Bool {
            [.cstoGenerate, .largeGenerate, .cstoGenerateWarm, .largeGenerateCold, .largeGenerateWarm]
                .contains(self)
        }
    }

    let workload: Workload
    private var yaml = Data()
    private var deck: Deck?
    /// One folder per workload, emptied before use (a run that stops early leaves only it).
    private var folder: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("recall-bench-\(workload.rawValue)")
    }
    private var cache: DeckCache { DeckCache(directory: folder) }

    init(_ workload: Workload) {
        self.workload = workload
    }

    var name: String { workload.rawValue }
    var summary: String {
        switch workload {
        case .cstoLoad: "parse and validate the bundled CSTO deck"
        case .cstoGenerate: "generate every card of the CSTO deck"
        case .largeLoad: "parse and validate a generated 10,000-fact deck"
        case .largeGenerate: "generate every card of a generated 10,000-fact deck"
        case .cstoLoadWarm: "the CSTO deck read from the deck cache"
        case .cstoGenerateWarm: "the CSTO deck's cards read from the deck cache"
        case .largeLoadCold:
            "the 10,000-fact deck through an empty deck cache: parse, validate, write the entry"
        case .largeLoadWarm: "the 10,000-fact deck read from the deck cache"
        case .largeGenerateCold: "its cards through an empty cache entry: generate and write them"
        case .largeGenerateWarm: "its cards read from the deck cache"
        }
    }
    var unit: String { "facts" }
    var units: Int { deck?.facts.count ?? 0 }

    mutating func prepare() {
        yaml =
            workload.isCSTO
            ? Data((DeckLibrary.bundledSource(id: "csto") ?? "").utf8)
            : Data(SyntheticDeck.yaml(facts: 10_000).utf8)
        try? FileManager.default.removeItem(at: folder)
        if workload.isCached {
            deck = try? cache.deck(data: yaml, path: "deck.yaml")
            if let deck { _ = cache.cards(for: deck, seed: 1) }
        } else {
            deck = try? DeckLoader().load(data: yaml, path: "deck.yaml")
        }
        if deck == nil { fail("\(name): the deck did not load") }
    }

    func run() -> Double {
        if workload.isCold { try? FileManager.default.removeItem(at: folder) }
        if workload.isGenerate {
            // The deck came through the cache in `prepare`, so it names its file's digest: with
            // the folder emptied, its cards are generated and written.
            guard let deck else { return -1 }
            let cards =
                workload.isCached
                ? cache.cards(for: deck, seed: 1) : QuestionGenerator(seed: 1).cards(for: deck)
            return Double(cards.count)
        }
        let loaded =
            workload.isCached
            ? try? cache.deck(data: yaml, path: "deck.yaml")
            : try? DeckLoader().load(data: yaml, path: "deck.yaml")
        return Double(loaded?.facts.count ?? -1)
    }
}

/// A deck of `facts` facts over countries, cities and years, shaped like a real one: entity,
/// date, number, text and set facts with templates, so every card kind is generated.
enum SyntheticDeck {
    static func yaml(facts: Int) -> String {
        let countries = facts / 5
        var lines = ["deck: {id: synthetic, name: Synthetic, source: Generated}", "entities:"]
        for i in 0..<countries {
            lines.append("  country-\(i): {type: country, name: Country \(i), aliases: [C\(i)]}")
            lines.append("  city-\(i): {type: city, name: City \(i)}")
        }
        lines.append("  bloc: {type: bloc, name: The Bloc}")
        lines += [
            "attributes:",
            "  capital: {type: entity, of: city, ask: 'What is the capital of {subject}?', reverse: 'Which country has {value} as its capital?', statement: 'The capital of {subject} is {value}.'}",
            "  founded: {type: date, ask: 'When was {subject} founded?', statement: '{Subject} was founded in {value}.', event: '{Subject} is founded'}",
            "  population: {type: number, ask: 'How many people live in {subject}?', statement: '{Subject} has {value}.'}",
            "  motto: {type: text, ask: 'What is the motto of {subject}?', reverse: 'Whose motto is {value}?', statement: 'The motto of {subject} is {value}.'}",
            "  members: {type: set, of: country, ask: 'Name the members of {subject}.', element: '{Element} belongs to {subject}.', choose: 'Which belongs to {subject}?', choose-not: 'Which does not belong to {subject}?'}",
            "facts:",
        ]
        var count = 0
        var i = 0
        while count < facts - 1 {
            let c = i % countries
            switch i / countries {
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
                    "  - {id: population-\(c), subject: country-\(c), attribute: population, number: \(1000 * (c + 1)), unit: people, source: People}"
                )
            case 3:
                lines.append(
                    "  - {id: motto-\(c), subject: country-\(c), attribute: motto, text: Motto number \(c), source: Mottos}"
                )
            default:
                lines.append(
                    "  - {id: city-founded-\(c), subject: city-\(c), attribute: founded, date: \(1100 + c % 900), source: History}"
                )
            }
            count += 1
            i += 1
        }
        let members = (0..<min(30, countries)).map { "country-\($0 * 3)" }.joined(separator: ", ")
        lines.append(
            "  - {id: bloc-members, subject: bloc, attribute: members, set: [\(members)], complete: true, source: Blocs}"
        )
        return lines.joined(separator: "\n") + "\n"
    }
}
