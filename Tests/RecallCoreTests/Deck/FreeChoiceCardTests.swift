import Foundation
import Testing

@testable import RecallCore

/// Free-form multiple-choice cards: `choices:` on a question card.
@Suite struct FreeChoiceCardTests {
    static func deck(_ card: String) -> String {
        "deck: {id: t, name: T}\ncards:\n  - id: q\n    question: Which city is the capital of France?\n"
            + card
    }

    @Test func choicesMakeAMultipleChoiceCard() throws {
        let deck = try DeckLoader().load(
            data: Data(Self.deck("    answer: paris\n    choices: [Lyon, Paris, Nice]\n").utf8),
            path: "t.yaml")
        let card = try #require(QuestionGenerator().cards(for: deck).first)
        #expect(card.kind == .choice)
        #expect(card.choices == ["Lyon", "Paris", "Nice"])
        #expect(card.answerIndex == 1)
        #expect(card.answer == "Paris")
        #expect(card.id == "t:card:q")
    }

    @Test(arguments: [
        (
            "    answer: Rome\n    choices: [Lyon, Paris]\n",
            "the answer 'Rome' of card 'q' is not one of its choices"
        ),
        ("    answer: Paris\n    choices: [Paris]\n", "card 'q' needs at least two choices"),
        ("    answer: Paris\n    choices: [Paris, paris]\n", "card 'q' has two choices that read the same"),
    ])
    func badChoicesAreErrors(_ yaml: String, _ message: String) throws {
        let parsed = DeckLoader().parse(data: Data(Self.deck(yaml).utf8), path: "t.yaml")
        #expect(parsed.diagnostics.map(\.message).contains(message), "\(parsed.diagnostics.map(\.formatted))")
    }
}
