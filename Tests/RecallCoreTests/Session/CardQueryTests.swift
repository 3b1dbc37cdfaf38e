import Foundation
import Testing

@testable import RecallCore

@Suite struct CardQueryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let query: String
        let expected: Set<String>
        var testDescription: String { "'\(query)'" }
    }

    static let cards: [Card] = [
        Card(
            id: CardID(stored: "csto:csto-established:typed"), deck: "csto", kind: .typed,
            prompt: "In what year was the CSTO established?",
            answer: "2002", facts: ["csto-established"], source: "Article § Summary", why: "",
            topic: "established", siblingKey: "a"),
        Card(
            id: CardID(stored: "csto:csto-established:choice"), deck: "csto", kind: .choice,
            prompt: "In what year was the CSTO established?",
            answer: "2002", choices: ["2001", "2002", "2003", "2004"], answerIndex: 1,
            facts: ["csto-established"],
            source: "Article § Summary", why: "", topic: "established", siblingKey: "a"),
        Card(
            id: CardID(stored: "csto:csto-headquarters:typed"), deck: "csto", kind: .typed,
            prompt: "Where is the CSTO headquartered?",
            answer: "Moscow", facts: ["csto-headquarters"], source: "Article § Summary", why: "",
            topic: "headquarters", siblingKey: "b"),
        Card(
            id: CardID(stored: "geo:fr:truefalse"), deck: "geo", kind: .trueFalse,
            prompt: "The capital of France is Chișinău.",
            answer: "false", facts: ["fr"], source: "Atlas § Europe", why: "", topic: "capital",
            siblingKey: "c"),
    ]

    static let context = CardQuery.Context(
        valueType: { ["csto-established": "date", "csto-headquarters": "entity", "fr": "entity"][$0] },
        states: { $0.id.hasSuffix(":typed") ? ["review", "due"] : ["new"] },
        daysSinceWrong: { $0.id == "csto:csto-headquarters:typed" ? 0 : ($0.deck == "geo" ? 3 : nil) })

    static let cases: [Case] = [
        Case(
            query: "",
            expected: [
                "csto:csto-established:typed", "csto:csto-established:choice", "csto:csto-headquarters:typed",
                "geo:fr:truefalse",
            ]),
        Case(query: "kind:choice", expected: ["csto:csto-established:choice"]),
        Case(
            query: "KIND:Typed deck:csto",
            expected: ["csto:csto-established:typed", "csto:csto-headquarters:typed"]),
        Case(query: "kind:tf", expected: ["geo:fr:truefalse"]),
        Case(query: "attr:established -kind:choice", expected: ["csto:csto-established:typed"]),
        Case(query: "type:entity", expected: ["csto:csto-headquarters:typed", "geo:fr:truefalse"]),
        Case(query: "state:due", expected: ["csto:csto-established:typed", "csto:csto-headquarters:typed"]),
        Case(query: "state:new", expected: ["csto:csto-established:choice", "geo:fr:truefalse"]),
        Case(query: "wrong:today", expected: ["csto:csto-headquarters:typed"]),
        Case(query: "wrong:7", expected: ["csto:csto-headquarters:typed", "geo:fr:truefalse"]),
        Case(query: "tag:europe", expected: ["geo:fr:truefalse"]),
        Case(query: "tag:date", expected: ["csto:csto-established:typed", "csto:csto-established:choice"]),
        Case(query: "moscow", expected: ["csto:csto-headquarters:typed"]),
        Case(query: "chisinau", expected: ["geo:fr:truefalse"]),
        Case(
            query: "fact:csto",
            expected: [
                "csto:csto-established:typed", "csto:csto-established:choice", "csto:csto-headquarters:typed",
            ]),
        Case(query: "-deck:csto", expected: ["geo:fr:truefalse"]),
        Case(query: "kind:set", expected: []),
    ]

    @Test(arguments: cases)
    func selects(_ testCase: Case) throws {
        let query = try CardQuery(testCase.query)
        let selected = Set(Self.cards.filter { query.matches($0, in: Self.context) }.map(\.id))
        #expect(selected == testCase.expected)
    }

    @Test func unknownKeyAndEmptyValueAreErrors() {
        #expect(throws: CardQuery.ParseError.unknownKey("knd", suggestion: "kind")) {
            try CardQuery("knd:choice")
        }
        #expect(throws: CardQuery.ParseError.emptyValue("kind")) { try CardQuery("kind:") }
        #expect(
            "\(CardQuery.ParseError.unknownKey("knd", suggestion: "kind"))"
                == "unknown filter 'knd:'; did you mean 'kind:'?")
    }
}
