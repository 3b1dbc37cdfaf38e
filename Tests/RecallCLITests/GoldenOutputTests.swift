import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// The screens a user reads, compared whole with the files in `Golden/` (see `Golden`).
@Suite struct GoldenOutputTests {
    static let environment = ["NO_COLOR": "1", "TZ": "UTC"]

    @Test func topLevelHelp() throws {
        let result = try RecallProcess.run(["--help"], environment: Self.environment)
        #expect(result.status == 0)
        try Golden.expect(result.stdout, matches: "recall-help.txt")
    }

    @Test func helpForStudy() throws {
        let result = try RecallProcess.run(["help", "study"], environment: Self.environment)
        #expect(result.status == 0)
        try Golden.expect(result.stdout, matches: "recall-help-study.txt")
    }

    @Test(arguments: [60, 100])
    func replHelp(columns: Int) throws {
        let scratch = try TemporaryFolder(prefix: "recall-golden")
        var environment = Self.environment
        environment["COLUMNS"] = String(columns)
        let result = try RecallProcess.run(
            ["repl", "--progress-dir", scratch.url.path], input: "help\nquit\n", environment: environment)
        #expect(result.status == 0)
        try Golden.expect(result.stdout, matches: "repl-help-\(columns).txt")
    }

    @Test(arguments: [60, 100])
    func statsScreen(columns: Int) throws {
        let scratch = try TemporaryFolder(prefix: "recall-golden")
        try ClassFixture.write(learners: [("default", 0.8)], cards: 30, in: scratch.url)
        var environment = Self.environment
        environment["COLUMNS"] = String(columns)
        let moment = ClassFixture.start.addingTimeInterval(40 * 86_400)
        let result = try RecallProcess.run(
            [
                "stats", "--progress-dir", scratch.url.path, "--now",
                String(Int(moment.timeIntervalSince1970)),
            ], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        try Golden.expect(result.stdout, matches: "stats-\(columns).txt")
    }

    @Test func deckLintReport() throws {
        let scratch = try TemporaryFolder(prefix: "recall-golden")
        let deck = """
            deck: {id: sample, name: Sample}
            entities:
              france: {type: country, name: France}
              paris: {type: city, name: Paris}
            attributes:
              capital:
                type: entity
                of: city
                ask: What is the capital of {subject}?
                statement: The capital of {subject} is {value}.
            facts:
              - {id: capital, subject: france, attribute: capital, entity: paris, source: Atlas}
              - {id: lost, subject: atlantis, attribute: capital, entity: paris}
              - {id: founded, subject: paris, attribute: founded, date: 52 BC}

            """
        try Data(deck.utf8).write(to: scratch.url.appendingPathComponent("sample.yaml"))
        let result = try RecallProcess.run(
            ["deck", "lint", "sample.yaml"], environment: Self.environment, currentDirectory: scratch.url)
        #expect(result.status == 1)
        try Golden.expect(result.stdout + result.stderr, matches: "deck-lint.txt")
    }
}
