import Foundation
import Testing

@testable import RecallCore

/// `recall deck lint` warns about what a reader of the cards would catch, as file:line:column.
@Suite struct CardLintTests {
    static let base = """
        deck: {id: t, name: T}
        entities:
          a: {type: org, name: Alpha}
          b: {type: org, name: Beta}
          x: {type: country, name: Xland}
          y: {type: country, name: Yland}
          z: {type: country, name: Zland}
        attributes:
          role: {type: text, typed: true, ask: "What does {subject} do?", statement: "{Subject} {value}."}
          began: {type: date, ask: "In what year did {subject} begin?", statement: "{Subject} began in {value}."}
          plain: {type: text, typed: true, choice: false, ask: "What is {subject}?"}
          members: {type: set, of: country, ask: "Name the members of {subject}.", statement: "{Value}."}
          text: {type: passage}
        facts:
        """

    func warnings(_ facts: String) throws -> [String] {
        let report = DeckLinter().lint(data: Data((Self.base + facts).utf8), path: "t.yaml")
        return report.diagnostics.filter { $0.severity == .warning }.map(\.formatted)
    }

    @Test func aPromptThatShowsAnotherCardsAnswer() throws {
        let found = try warnings(
            """

              - {id: a-role, subject: a, attribute: role, text: keeps the peace, source: S}
              - {id: b-text, subject: b, attribute: text, passage: "Beta helps Alpha, which keeps the peace, to {{c1::plan}}.", source: S}
            """)
        #expect(
            found.contains {
                $0.hasPrefix("t.yaml:")
                    && $0.contains(
                        "warning: card 't:b-text:cloze.c1': its recall presentation shows 'keeps the peace', the answer of card 't:a-role:forward'"
                    )
            }, "\(found)")
    }

    @Test func aPromptThatNamesAWholeSet() throws {
        let found = try warnings(
            """

              - {id: a-members, subject: a, attribute: members, set: [x, y], source: S}
              - {id: b-text, subject: b, attribute: text, passage: "Beta works with Xland and Yland to {{c1::plan}}.", source: S}
            """)
        #expect(
            found.contains {
                $0.contains("shows 'Xland and Yland', the answer of card 't:a-members:forward'")
            })
    }

    @Test func aYearQuestionOnAMonthDate() throws {
        let found = try warnings(
            "\n  - {id: a-began, subject: a, attribute: began, date: 2022-01, source: S}")
        #expect(
            found.contains {
                $0.hasPrefix("t.yaml:") && $0.contains("asks for a year, but the fact's date has a month")
            })
    }

    @Test func aFactWithoutAStatement() throws {
        let found = try warnings("\n  - {id: a-plain, subject: a, attribute: plain, text: an org, source: S}")
        #expect(
            found.contains {
                $0.contains(
                    "card 't:a-plain:forward': its fact has no 'statement', so the why line reads 'Alpha: an org.'"
                )
            })
    }

    @Test func anUnfilledPlaceholder() throws {
        let deck = Deck(id: "t", name: "T", path: "t.yaml")
        let card = Card(
            id: .free(deck: "t", card: "q"), deck: "t", kind: .free, prompt: "What is {subjct}?", answer: "x",
            facts: [], source: "S", why: "x", topic: "card", siblingKey: "t:card:q")
        let found = CardLint.warnings(deck: deck, cards: [card]).map(\.formatted)
        #expect(
            found == [
                "t.yaml:1:1: warning: card 't:card:q': 'What is {subjct}?' has a placeholder the template did not fill"
            ])
    }

    @Test func aYearThatIsAlwaysTheLatestOption() throws {
        let deck = try DeckLoader().load(
            data: Data(
                (Self.base + "\n  - {id: a-began, subject: a, attribute: began, date: 2020, source: S}").utf8),
            path: "t.yaml")
        var late = deck
        late.asOf = DeckDate(year: 2020)
        let found = CardLint.extremeYearAnswers(deck: late).map(\.formatted)
        #expect(
            found.contains {
                $0.contains("card 't:a-began:forward': the right year is the latest option at every seed")
            })
        #expect(CardLint.extremeYearAnswers(deck: deck).isEmpty, "with room after it, the answer moves")
    }

    @Test func theBundledDeckLintsClean() throws {
        let deck = try CSTO.deck()
        #expect(
            CardLint.warnings(deck: deck, cards: QuestionGenerator().cards(for: deck)).map(\.formatted) == [])
    }
}
