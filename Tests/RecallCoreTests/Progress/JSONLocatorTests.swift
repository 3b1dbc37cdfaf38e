import Foundation
import Testing

@testable import RecallCore

@Suite struct JSONLocatorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var json: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(
            id: "truncated array", json: "{\n\"a\": [1,\n 2", line: 3, column: 3,
            message: "unexpected end of file: the file is truncated"),
        Case(
            id: "double comma", json: "{\"a\": [1,,2]}", line: 1, column: 10,
            message: "expected a value but found ','"),
        Case(
            id: "missing comma", json: "{\"a\": 1\n \"b\": 2}", line: 2, column: 2,
            message: "expected ',' or '}' but found '\"'"),
        Case(
            id: "unterminated string", json: "[\"ab", line: 1, column: 2,
            message: "unterminated string: the file is truncated"),
        Case(id: "bad literal", json: "[tru]", line: 1, column: 5, message: "expected 'true' but found ']'"),
        Case(
            id: "trailing text", json: "{} x", line: 1, column: 4,
            message: "unexpected 'x' after the end of the document"),
        Case(id: "bad number", json: "[1.]", line: 1, column: 2, message: "invalid number '1.'"),
        Case(
            id: "raw newline in string", json: "[\"a\nb\"]", line: 1, column: 4,
            message: "control character in a string (a line break must be written \\n)"),
        Case(
            id: "columns count characters", json: "{\"é\": x}", line: 1, column: 7,
            message: "expected a value but found 'x'"),
    ]

    @Test(arguments: cases)
    func syntaxErrorsAreLocated(_ testCase: Case) throws {
        let bytes = Array(testCase.json.utf8)
        let error = try #require(JSONLocator.firstSyntaxError(in: bytes))
        let (line, column) = JSONLocator.lineColumn(of: error.offset, in: bytes)
        #expect(line == testCase.line)
        #expect(column == testCase.column)
        #expect(error.message == testCase.message)
    }

    @Test func validJSONHasNoSyntaxError() {
        #expect(
            JSONLocator.firstSyntaxError(
                in: Array(#"{"a": [1, -2.5e3, "x\"y", true, null, {}], "b": {}}"#.utf8)) == nil)
    }

    @Test func aCodingPathLeadsToItsValue() throws {
        let json = "{\n\"cards\": {\"x\": 1},\n\"reviews\": [\n{\"rating\": 1},\n{\"rating\": 9}\n]\n}"
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) { self.stringValue = stringValue }
            init(intValue: Int) {
                self.stringValue = "Index \(intValue)"
                self.intValue = intValue
            }
        }
        let bytes = Array(json.utf8)
        let offset = JSONLocator.offset(
            of: [Key(stringValue: "reviews"), Key(intValue: 1), Key(stringValue: "rating")], in: bytes)
        let (line, column) = JSONLocator.lineColumn(of: offset, in: bytes)
        #expect(line == 5)
        #expect(column == 12)
    }
}
