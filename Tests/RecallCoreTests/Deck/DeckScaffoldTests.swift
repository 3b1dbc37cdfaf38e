import Foundation
import Testing

@testable import RecallCore

@Suite struct DeckScaffoldTests {
    @Test func newDeckLintsWithoutErrorsOrWarnings() throws {
        let report = DeckLinter().lint(
            data: Data(DeckScaffold.yaml(id: "demo").utf8), path: "Decks/demo.yaml")
        #expect(report.diagnostics.map(\.formatted) == [])
        #expect(report.deck?.id == "demo")
    }

    @Test func newDeckShowsEveryConstruct() throws {
        let deck = try DeckLoader().load(data: Data(DeckScaffold.yaml(id: "demo").utf8), path: "demo.yaml")
        #expect(deck.entities.contains { !$0.aliases.isEmpty })
        #expect(Set(deck.facts.map(\.value.type)).isSuperset(of: [.entity, .number, .date, .set, .passage]))
        #expect(deck.facts.contains { $0.ask != nil }, "a question template written for one fact")
        #expect(deck.freeCards.count >= 2)
        let kinds = Set(
            QuestionGenerator().cards(for: deck).flatMap { card in
                card.styles.compactMap { card.presented(as: $0)?.kind }
            })
        #expect(
            kinds == Set(Card.Kind.allCases), "missing kinds: \(Set(Card.Kind.allCases).subtracting(kinds))")
    }

    @Test func statisticsCountCardsByKind() throws {
        let deck = try DeckLoader().load(data: Data(DeckScaffold.yaml(id: "demo").utf8), path: "demo.yaml")
        let cards = QuestionGenerator().cards(for: deck)
        let stats = DeckStatistics(deck: deck, cards: cards)
        #expect(stats.facts == deck.facts.count)
        #expect(stats.cardsByKind.map(\.count).reduce(0, +) == cards.count)
        #expect(stats.cardsByKind.count == Card.Kind.allCases.count)
    }

    @Test(arguments: [("demo", true), ("my-deck_2.v1", true), ("", false), ("../x", false), ("a b", false)])
    func deckIdentifiers(_ text: String, _ valid: Bool) {
        #expect(DeckIdentifier.isValid(text) == valid)
    }
}
