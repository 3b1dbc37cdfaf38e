import Foundation
import RecallCore

/// Deck load (YAML parse + validation) and card generation, for the CSTO deck and for a generated
/// deck of 10,000 facts.
struct DeckBenchmark: Benchmark {
    enum Workload: String {
        case cstoLoad = "deck-csto-load"
        case cstoGenerate = "deck-csto-generate"
        case largeLoad = "deck-10k-load"
        case largeGenerate = "deck-10k-generate"
    }

    let workload: Workload
    private var yaml = Data()
    private var deck: Deck?

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
        }
    }
    var unit: String { "facts" }
    var units: Int { deck?.facts.count ?? 0 }

    mutating func prepare() {
        switch workload {
        case .cstoLoad, .cstoGenerate:
            deck = try? DeckLibrary.bundledDecks().first
            yaml = Data()
        case .largeLoad, .largeGenerate:
            yaml = Data(SyntheticDeck.yaml(facts: 10_000).utf8)
            deck = try? DeckLoader().load(data: yaml, path: "synthetic.yaml")
        }
        if deck == nil { fail("\(name): the deck did not load") }
    }

    func run() -> Double {
        switch workload {
        case .cstoLoad:
            return Double((try? DeckLibrary.bundledDecks().first?.facts.count) ?? -1)
        case .largeLoad:
            return Double((try? DeckLoader().load(data: yaml, path: "synthetic.yaml").facts.count) ?? -1)
        case .cstoGenerate, .largeGenerate:
            guard let deck else { return -1 }
            return Double(QuestionGenerator(seed: 1).cards(for: deck).count)
        }
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
