import Foundation
import Testing

@testable import RecallCore

/// The fact fields that tune grading: `terms` (text values) and `accept-bare` (numbers).
@Suite struct GradingFieldsTests {
    static func deck(fact: String) -> String {
        """
        deck: {id: t, name: T}
        entities:
          sg: {type: office, name: Secretary General}
        attributes:
          appointed-by: {type: text, typed: true, ask: "Who appoints {subject}?"}
          term: {type: number, ask: "How many years does {subject} serve?"}
          founded: {type: date, ask: "In what year was {subject} created?"}
        facts:
          - \(fact)
        """
    }

    @Test func termsAndAcceptBareAreRead() throws {
        let terms = try DeckLoader().load(
            data: Data(
                Self.deck(
                    fact:
                        "{id: a, subject: sg, attribute: appointed-by, text: the heads of member states, terms: [heads, [member states, members]], source: s}"
                ).utf8), path: "t.yaml")
        #expect(terms.facts[0].terms == [["heads"], ["member states", "members"]])
        let bare = try DeckLoader().load(
            data: Data(
                Self.deck(
                    fact:
                        "{id: b, subject: sg, attribute: term, number: 3, qualifier: more than, accept-bare: true, source: s}"
                ).utf8), path: "t.yaml")
        #expect(bare.facts[0].acceptsBareFigure)
        let checker = AnswerChecker(decks: [bare])
        let card = try #require(QuestionGenerator().cards(for: bare).first { $0.kind == .typed })
        #expect(checker.grade("3", for: card).verdict == .correct)
        #expect(checker.grade("less than 3", for: card).verdict == .wrong)
    }

    @Test func theFieldsApplyOnlyToTheirValues() {
        let misplaced = [
            "{id: c, subject: sg, attribute: founded, date: 2002, terms: [x], source: s}",
            "{id: d, subject: sg, attribute: appointed-by, text: x, accept-bare: true, source: s}",
            "{id: e, subject: sg, attribute: appointed-by, text: x, terms: 3, source: s}",
        ]
        for fact in misplaced {
            let parsed = DeckLoader().parse(data: Data(Self.deck(fact: fact).utf8), path: "t.yaml")
            #expect(parsed.diagnostics.contains { $0.severity == .error }, "\(fact)")
        }
    }
}
