import Foundation
import RecallCore
import Testing

@Suite struct JSONValueTests {
    static func parse(_ text: String) throws -> JSONValue {
        try JSONValue.parse(Data(text.utf8))
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try Self.parse(
            #" {"a": [1, -2.5e3, 0.125], "b": {"c": null}, "d": true, "e": false, "f": ""} "#)
        #expect(
            value
                == .object([
                    "a": .array([.number(1), .number(-2500), .number(0.125)]),
                    "b": .object(["c": .null]), "d": .bool(true), "e": .bool(false), "f": .string(""),
                ]))
    }

    @Test func decodesEscapesAndUnicode() throws {
        #expect(try Self.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00é""#) == .string("a\"b\\c/d\n\té😀é"))
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let text: String
        let line: Int
        let column: Int
        let problem: String
    }

    static let bad: [Bad] = [
        Bad(
            testDescription: "trailing comma", text: "[1, 2,]", line: 1, column: 7,
            problem: "unexpected character"),
        Bad(
            testDescription: "trailing comma in object", text: #"{"a": 1,}"#, line: 1, column: 9,
            problem: "expected a key"),
        Bad(
            testDescription: "duplicate key", text: "{\"a\": 1,\n \"a\": 2}", line: 2, column: 2,
            problem: "duplicate key 'a'"),
        Bad(testDescription: "missing colon", text: #"{"a" 1}"#, line: 1, column: 6, problem: "expected ':'"),
        Bad(testDescription: "leading zero", text: "01", line: 1, column: 2, problem: "unexpected text"),
        Bad(testDescription: "bare word", text: "tru", line: 1, column: 1, problem: "unexpected character"),
        Bad(
            testDescription: "unterminated string", text: #"["abc"#, line: 1, column: 6,
            problem: "unterminated"),
        Bad(
            testDescription: "raw newline in string", text: "\"a\nb\"", line: 1, column: 3,
            problem: "control character"),
        Bad(testDescription: "lone surrogate", text: #""\ud800x""#, line: 1, column: 8, problem: "unpaired"),
        Bad(testDescription: "bad escape", text: #""\q""#, line: 1, column: 3, problem: "unknown escape"),
        Bad(testDescription: "huge number", text: "1e400", line: 1, column: 1, problem: "out of range"),
        Bad(testDescription: "two values", text: "{} {}", line: 1, column: 4, problem: "unexpected text"),
        Bad(
            testDescription: "column counts characters", text: #"{"é": 1 2}"#, line: 1, column: 9,
            problem: "expected ',' or '}'"),
    ]

    @Test(arguments: bad)
    func rejectsWithPosition(_ bad: Bad) {
        #expect {
            try Self.parse(bad.text)
        } throws: { error in
            guard let error = error as? JSONValue.SyntaxError else { return false }
            return error.line == bad.line && error.column == bad.column && error.problem.contains(bad.problem)
        }
    }

    @Test func refusesDeepNestingInsteadOfOverflowingTheStack() {
        #expect(throws: JSONValue.SyntaxError.self) {
            try JSONValue.parse(Data(String(repeating: "[", count: 100_000).utf8))
        }
        #expect(throws: Never.self) {
            try JSONValue.parse(
                Data((String(repeating: "[", count: 500) + String(repeating: "]", count: 500)).utf8))
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Data([0x22, 0xFF, 0x22])) }
    }

    @Test func formatsNumbersAndQuotesStrings() {
        #expect(JSONValue.format(3) == "3")
        #expect(JSONValue.format(2.3065) == "2.3065")
        #expect(JSONValue.format(.infinity) == "null")
        #expect(JSONValue.quote("a\"b\u{01}") == #""a\"b\u0001""#)
    }
}
