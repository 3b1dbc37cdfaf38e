import Foundation
import Testing

@testable import RecallCore

/// Thousands of seeded mutations of valid decks: the loader never crashes, always answers
/// quickly, and whatever it accepts generates and lints.
@Suite struct DeckLoaderFuzzTests {
    static let seeds: [(name: String, text: String)] = [
        ("scaffold", DeckScaffold.yaml(id: "fuzz")),
        (
            "readme-style",
            """
            deck: {id: r, name: Rivers, source: Handout}
            entities:
              danube: {type: river, name: Danube, aliases: [Donau]}
              vienna: {type: city, name: Vienna}
              budapest: {type: city, name: Budapest}
            attributes:
              flows-through: {type: entity, of: city, ask: "Which capital does the {subject} reach first?"}
              length: {type: number, ask: How long is the {subject}?}
            facts:
              - {id: f1, subject: danube, attribute: flows-through, entity: vienna, source: p1}
              - {id: f2, subject: danube, attribute: length, number: 2850, unit: km, source: p1}
            cards:
              - {id: c1, question: Who wrote the waltz?, answer: Strauss, choices: [Strauss, Liszt]}
              - {id: c2, cloze: "The Danube ends in the {{c1::Black Sea}}."}
            """
        ),
    ]

    @Test(arguments: 0..<seeds.count)
    func mutatedDecksNeverCrashTheLoader(_ seedIndex: Int) throws {
        let seed = Self.seeds[seedIndex]
        let original = Array(seed.text.utf8)
        var mutator = Mutator(seed: 2026, purpose: seed.name)
        var accepted = 0
        let clock = ContinuousClock()
        for round in 0..<1500 {
            let input = mutator.mutate(original)
            let started = clock.now
            let report = DeckLinter().lint(data: Data(input), path: "fuzz.yaml")
            let elapsed = clock.now - started
            #expect(elapsed < .seconds(1), "round \(round) took \(elapsed)")
            if report.deck != nil, !report.hasErrors {
                accepted += 1
                for diagnostic in report.diagnostics {
                    #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
                }
            } else {
                #expect(report.hasErrors, "a rejected deck says why (round \(round))")
            }
        }
        #expect(accepted > 0, "some mutations keep the deck valid, so generation is exercised too")
    }
}
