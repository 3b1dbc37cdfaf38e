import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// The REPL's commands, driven through a pipe as a script would.
@Suite struct ReplCLITests {
    /// Removed with the suite instance after each test.
    let scratch: TemporaryFolder
    let folder: URL

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-repl")
        folder = scratch.url
    }

    func repl(_ script: String) throws -> RecallProcess.Result {
        try RecallProcess.run(
            ["--progress-dir", folder.path], input: script, environment: ["COLUMNS": "80"],
            currentDirectory: folder)
    }

    @Test func commandsHelpAndSuggestions() throws {
        let result = try repl("help\nstdy\nexpor\ndecks\nquit\n")
        #expect(result.status == 0)
        for command in [
            "study", "quiz", "stats", "decks", "cards", "search", "export", "undo", "help", "quit",
        ] {
            #expect(result.stdout.contains("\n  \(command)"), "help lists \(command)")
        }
        #expect(result.stdout.contains("Unknown command 'stdy'. Did you mean 'study'?"))
        #expect(result.stdout.contains("Unknown command 'expor'. Did you mean 'export'?"))
        #expect(
            result.stdout.contains("csto  Collective Security Treaty Organization — 101 cards, 0 due, 20 new")
        )
    }

    @Test func browseQuizStatsAndExport() throws {
        let result = try repl(
            "cards attr:headquarters\nsearch Tashkent\ncards knd:x\nquiz -n 3 kind:truefalse\ntrue\nfalse\n\n\nstats\nexport csto md deck.md\nquit\n"
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Where is the CSTO headquartered?"))
        #expect(result.stdout.contains("1 card\n"), "\(result.stdout)")
        #expect(result.stdout.contains("In which country is Tashkent?"))
        #expect(result.stdout.contains("unknown filter 'knd:'; did you mean 'kind:'?"))
        #expect(result.stdout.contains("True or false?"))
        #expect(result.stdout.contains("Score: "))
        #expect(result.stdout.contains("Cards by state"))
        let long = result.stdout.split(separator: "\n").filter { $0.count > 80 && !$0.hasPrefix("› ") }
        #expect(long.isEmpty, "every line fits the width: \(long)")
        let markdown = try String(contentsOf: folder.appendingPathComponent("deck.md"), encoding: .utf8)
        #expect(markdown.contains("Q: In what year was the CSTO established?"))
        // A quiz never touches the schedule.
        let snapshot = folder.appendingPathComponent("default.json")
        if FileManager.default.fileExists(atPath: snapshot.path) {
            #expect(try ProgressStore.readProfile(at: snapshot).reviews.isEmpty)
        }
    }

    @Test func studyThenUndoFromThePrompt() throws {
        let result = try repl("study\n:quit\nstudy\nwrong\n\n:quit\nundo\nundo\nquit\n")
        #expect(result.status == 0)
        #expect(
            result.stdout.contains("Took back the answer to: What kind of organization is the CSTO?"),
            "\(result.stdout)")
        #expect(result.stdout.contains("Nothing left to undo."))
        let profile = try ProgressStore.readProfile(at: folder.appendingPathComponent("default.json"))
        #expect(profile.reviews.isEmpty && profile.states.isEmpty, "the answer was taken back for good")
    }
}
