import Foundation
import RecallCore
import Testing

/// Parsing and running replay requests in process; `SchedulerReplayTests` covers the binary.
@Suite struct ReplayTests {
    static let time = "2026-01-01T09:00:00Z"

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let json: String
        let error: ReplayError
    }

    static let review1 = ReplayError.Location(card: 1, cardID: "c1", review: 1)

    static let cases: [Case] = [
        Case(
            testDescription: "rating 0",
            json: #"{"cards":[{"id":"c1","reviews":[{"time":"\#(time)","rating":0}]}]}"#,
            error: .invalidRating("0", at: review1)),
        Case(
            testDescription: "fractional rating",
            json: #"{"cards":[{"id":"c1","reviews":[{"time":"\#(time)","rating":2.5}]}]}"#,
            error: .invalidRating("2.5", at: review1)),
        Case(
            testDescription: "missing rating",
            json: #"{"cards":[{"id":"c1","reviews":[{"time":"\#(time)"}]}]}"#,
            error: .missingField("rating", at: review1)),
        Case(
            testDescription: "time without zone",
            json: #"{"cards":[{"id":"c1","reviews":[{"time":"2026-01-01T09:00:00","rating":3}]}]}"#,
            error: .invalidTime("'2026-01-01T09:00:00'", at: review1)),
        Case(
            testDescription: "reviews not an array", json: #"{"cards":[{"id":"c1","reviews":{}}]}"#,
            error: .wrongType(
                field: "reviews", at: .init(card: 1, cardID: "c1"), expected: "an array",
                found: "an object")),
        Case(
            testDescription: "numeric id", json: #"{"cards":[{"id":7,"reviews":[]}]}"#,
            error: .wrongType(field: "id", at: .init(card: 1), expected: "a string", found: "a number")),
        Case(
            testDescription: "unknown card field", json: #"{"cards":[{"id":"c1","reviews":[],"deck":"x"}]}"#,
            error: .unknownField("deck", at: .init(card: 1, cardID: "c1"), expected: ["id", "reviews"])),
        Case(
            testDescription: "maximum interval 0", json: #"{"maximum_interval":0,"cards":[]}"#,
            error: .invalidSettings(.maximumIntervalTooShort(0))),
        Case(
            testDescription: "negative step", json: #"{"relearning_steps_minutes":[-1],"cards":[]}"#,
            error: .invalidSettings(.invalidRelearningStep(-60))),
    ]

    @Test(arguments: cases)
    func rejects(_ testCase: Case) {
        #expect(throws: testCase.error) { try Replay.run(json: Data(testCase.json.utf8)) }
    }

    @Test func messageNamesCardAndReview() {
        let error = ReplayError.invalidRating("5", at: .init(card: 1, cardID: "c1", review: 3))
        #expect(error.errorDescription?.hasPrefix("card 'c1', review 3: rating 5 is not 1–4") == true)
    }

    @Test func settingsDefaultAsPyFSRSButWithoutFuzz() throws {
        let request = try ReplayRequest(json: Data(#"{"cards":[], "learning_steps_minutes": [2.5]}"#.utf8))
        #expect(request.settings == SchedulerSettings(learningSteps: [150], enableFuzzing: false))
        let nulls = try ReplayRequest(
            json: Data(#"{"cards":[], "parameters": null, "enable_fuzzing": null}"#.utf8))
        #expect(nulls.settings == SchedulerSettings(enableFuzzing: false))
    }

    @Test func equalTimesAreInOrderAndOffsetsAreConverted() throws {
        let json = #"""
            {"cards":[{"id":"x","reviews":[{"time":"2026-01-01T10:00:00+01:00","rating":3},
                                           {"time":"2026-01-01T09:00:00Z","rating":3}]}]}
            """#
        let output = String(decoding: try Replay.run(json: Data(json.utf8)), as: UTF8.self)
        #expect(output.contains(#""time": "2026-01-01T09:00:00Z", "rating": 3, "retrievability": 0,"#))
        #expect(output.contains(#""retrievability": 1, "state": "Review""#))
    }

    @Test func idsAreEscapedInTheOutput() throws {
        let output = String(
            decoding: try Replay.run(json: Data(#"{"cards":[{"id":"a\"b\\c\n","reviews":[]}]}"#.utf8)),
            as: UTF8.self)
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let cards = try #require(object?["cards"] as? [[String: Any]])
        #expect(cards.first?["id"] as? String == "a\"b\\c\n")
    }
}
