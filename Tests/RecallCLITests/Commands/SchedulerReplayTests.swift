import Foundation
import Testing

/// `recall scheduler replay` end to end: JSON in through stdin, JSON or an error out.
@Suite struct SchedulerReplayTests {
    static let oneCard = """
        {"cards": [{"id": "c1", "reviews": [
          {"time": "2026-01-01T09:00:00Z", "rating": 3},
          {"time": "2026-01-01T09:10:00Z", "rating": 3},
          {"time": "2026-01-03T09:10:00Z", "rating": 1}
        ]}]}
        """

    static func results(_ stdout: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let cards = try #require(object["cards"] as? [[String: Any]])
        return try cards.flatMap { try #require($0["results"] as? [[String: Any]]) }
    }

    @Test func replaysACardThroughLearningReviewAndRelearning() throws {
        let output = try RecallProcess.run(["scheduler", "replay"], input: Self.oneCard)
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
        let results = try Self.results(output.stdout)
        #expect(results.map { $0["state"] as? String } == ["Learning", "Review", "Relearning"])
        #expect(
            results.map { $0["due"] as? String } == [
                "2026-01-01T09:10:00Z", "2026-01-03T09:10:00Z", "2026-01-03T09:20:00Z",
            ])
        #expect(results[0]["retrievability"] as? Double == 0)
        #expect(results[1]["step"] is NSNull)
        #expect(results[0]["stability"] as? Double == 2.3065)
    }

    @Test func fuzzIsOffByDefaultAndReproducibleWhenOn() throws {
        let reviews = (0..<12).map { day in
            #"{"time": "2026-\#(day < 9 ? "0" : "")\#(day + 1)-01T09:00:00Z", "rating": 3}"#
        }
        let cards = (1...8).map {
            #"{"id": "card-\#($0)", "reviews": [\#(reviews.joined(separator: ", "))]}"#
        }
        let body = #""cards": [\#(cards.joined(separator: ", "))]"#
        let off = try RecallProcess.run(["scheduler", "replay"], input: "{\(body)}")
        let explicitOff = try RecallProcess.run(
            ["scheduler", "replay"], input: #"{"enable_fuzzing": false, \#(body)}"#)
        let on = try RecallProcess.run(
            ["scheduler", "replay"], input: #"{"enable_fuzzing": true, \#(body)}"#)
        let again = try RecallProcess.run(
            ["scheduler", "replay"], input: #"{"enable_fuzzing": true, \#(body)}"#)
        #expect([off.status, explicitOff.status, on.status, again.status] == [0, 0, 0, 0])
        #expect(off.stdout == explicitOff.stdout)
        #expect(on.stdout == again.stdout)
        let dues = { (stdout: String) in try Self.results(stdout).map { $0["due"] as? String } }
        #expect(try dues(on.stdout) != dues(off.stdout))
        // Fuzz moves due dates only.
        let memory = { (stdout: String) in try Self.results(stdout).map { $0["stability"] as? Double } }
        #expect(try memory(on.stdout) == memory(off.stdout))
    }

    @Test func emptyCardListGivesEmptyAnswer() throws {
        let output = try RecallProcess.run(["scheduler", "replay"], input: #"{"cards": []}"#)
        #expect(output.status == 0)
        #expect(try Self.results(output.stdout).isEmpty)
    }

    @Test func helpDocumentsTheFormat() throws {
        let output = try RecallProcess.run(["scheduler", "replay", "--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("enable_fuzzing"))
    }

    /// `recall scheduler replay` alone skips ArgumentParser; with anything more it is parsed as
    /// usual, so a stray option is still a usage error.
    @Test func anExtraArgumentIsStillAUsageError() throws {
        let output = try RecallProcess.run(["scheduler", "replay", "--fuzz"], input: #"{"cards": []}"#)
        #expect(output.status == 64)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("Unknown option '--fuzz'"), "\(output.stderr)")
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let stdin: String
        let message: String
    }

    static let badInputs: [BadInput] = [
        BadInput(
            testDescription: "rating 5",
            stdin:
                #"{"cards": [{"id": "c1", "reviews": [{"time": "2026-01-01T09:00:00Z", "rating": 3}, {"time": "2026-01-02T09:00:00Z", "rating": 3}, {"time": "2026-01-03T09:00:00Z", "rating": 5}]}]}"#,
            message: "error: card 'c1', review 3: rating 5 is not 1–4"),
        BadInput(
            testDescription: "rating as text",
            stdin:
                #"{"cards": [{"id": "c1", "reviews": [{"time": "2026-01-01T09:00:00Z", "rating": "good"}]}]}"#,
            message: "error: card 'c1', review 1: rating 'good' is not 1–4"),
        BadInput(
            testDescription: "bad time",
            stdin: #"{"cards": [{"id": "c1", "reviews": [{"time": "yesterday", "rating": 3}]}]}"#,
            message: "error: card 'c1', review 1: time 'yesterday' is not an ISO 8601 date-time"),
        BadInput(
            testDescription: "times out of order",
            stdin:
                #"{"cards": [{"id": "a", "reviews": []}, {"id": "b", "reviews": [{"time": "2026-01-02T09:00:00Z", "rating": 3}, {"time": "2026-01-01T09:00:00Z", "rating": 3}]}]}"#,
            message: "error: card 'b', review 2: time '2026-01-01T09:00:00Z' is earlier than"),
        BadInput(
            testDescription: "unknown top-level field",
            stdin: #"{"retention": 0.9, "cards": []}"#,
            message: "error: unknown field 'retention'"),
        BadInput(
            testDescription: "unknown review field",
            stdin:
                #"{"cards": [{"id": "c1", "reviews": [{"time": "2026-01-01T09:00:00Z", "rating": 3, "grade": 3}]}]}"#,
            message: "error: card 'c1', review 1: unknown field 'grade'"),
        BadInput(
            testDescription: "card without id",
            stdin: #"{"cards": [{"id": "c1", "reviews": []}, {"reviews": []}]}"#,
            message: "error: card 2: missing field 'id'"),
        BadInput(testDescription: "no cards", stdin: "{}", message: "error: missing field 'cards'"),
        BadInput(
            testDescription: "truncated JSON", stdin: #"{"cards": [{"#,
            message: "error: the input is not valid JSON"),
        BadInput(testDescription: "empty input", stdin: "", message: "error: the input is empty"),
        BadInput(
            testDescription: "bad retention",
            stdin: #"{"desired_retention": 1.2, "cards": []}"#,
            message: "error: invalid settings: desired retention 1.2"),
        BadInput(
            testDescription: "parameter out of bounds",
            stdin:
                #"{"parameters": [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.9], "cards": []}"#,
            message: "error: invalid settings: parameter w20 = 0.9 is out of bounds"),
        BadInput(
            testDescription: "steps not numbers",
            stdin: #"{"learning_steps_minutes": ["1m"], "cards": []}"#,
            message: "error: 'learning_steps_minutes' must be an array of numbers, not '1m'"),
    ]

    @Test(arguments: badInputs)
    func rejectsBadInputClearly(_ bad: BadInput) throws {
        let output = try RecallProcess.run(["scheduler", "replay"], input: bad.stdin)
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.hasPrefix(bad.message), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "one line, no trace")
    }
}
