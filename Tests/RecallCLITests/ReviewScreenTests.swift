import Foundation
import RecallCore
import RecallTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The study screen a daily learner relies on (issue 11), through the real binary with the
/// clock injected by `RECALL_NOW`: rating buttons with their intervals, counts under each card,
/// default grades, overrides, rating input that never leaks, `:why`/`:hint`/`:reveal`, undoing
/// buries and suspensions, unsuspend/unbury/card, per-profile history, undo after a restart,
/// and quiz's commands and syntax.
@Suite struct ReviewScreenTests {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    static let clock = ["RECALL_NOW": "2026-12-01T10:00:00Z", "COLUMNS": "60"]

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-screen")
    }

    func study(_ script: String, _ extra: [String] = []) throws -> RecallProcess.Result {
        try RecallProcess.run(
            ["study", "--new", "3", "--recall-only", "--progress-dir", folder.path] + extra, input: script,
            environment: Self.clock)
    }

    func profile() throws -> Profile {
        try #require(try ProgressStore.peekProfile(named: "default", in: folder))
    }

    @Test func theButtonsShowTheIntervalThatIsSaved() throws {
        // Rated Easy: the interval the button showed is the one the card gets.
        let result = try study("a military alliance\n4\n:quit\n")
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(
            result.stdout.split(separator: "\n").first {
                $0.hasPrefix("1 again <1m · 2 hard 6m · 3 good 10m · 4 easy ")
            },
            "\(result.stdout)")
        let shown = try #require(Int(line.split(separator: " ").last!.dropLast()), "\(line)")
        let review = try #require(try profile().reviews.first)
        let state = try #require(try profile().states[review.cardID])
        #expect(review.rating == .easy)
        #expect(Int((state.due.timeIntervalSince(review.reviewedAt) / 86_400).rounded()) == shown)
    }

    @Test func countsUnderEachCardFitSixtyColumns() throws {
        let result = try study("a military alliance\n\n:quit\n")
        #expect(result.stdout.contains("\n3 new · 0 learning · 0 review\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\n2 new · 1 learning · 0 review\n"))
        for line in result.stdout.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= 60, "\(line)")
        }
    }

    @Test func aRightAnswerSuggestsGoodAndAHintHard() throws {
        // Fast and right: Good, not Easy. Two hints: Hard, and the log keeps the count.
        let members = "Russia, Armenia, Kazakhstan, Kyrgyzstan, Tajikistan, Belarus"
        let result = try study("a military alliance\n\n:hint\n:hint\n\(members)\n\n:quit\n")
        #expect(result.status == 0)
        let reviews = try profile().reviews
        #expect(reviews.map(\.rating) == [.good, .hard])
        #expect(reviews.map(\.hints) == [0, 2])
        #expect(result.stdout.contains("rating › ") == false, "Enter keeps the rating silently")
    }

    @Test func overridingAWrongVerdictIsMarkedAndNotCountedCorrect() throws {
        let result = try study("a treaty\n3\n:quit\n")
        #expect(result.stdout.contains("rated Good — your override; the answer stays marked wrong"))
        #expect(result.stdout.contains("1 answer, 0% correct"), "\(result.stdout)")
        let review = try #require(try profile().reviews.first)
        #expect(review.verdict == .wrong)
        #expect(review.rating == .good)
        #expect(review.overridden)
        // The answer's line in the log (the journal, sealed as a segment by the first snapshot).
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        let log = try files.filter { $0.hasSuffix(".jsonl") }.map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        #expect(log.contains("\"verdict\":\"wrong\",\"seconds\":"))
        #expect(log.contains("\"overridden\":true"))
    }

    @Test func aRatingChangeIsOneJournalLine() throws {
        // Killed right after the change, before any save: the journal shows what the session wrote.
        let session = try InteractiveProcess(
            ["study", "--new", "3", "--recall-only", "--progress-dir", folder.path], terminal: false,
            environment: Self.clock, currentDirectory: folder)
        var seen = try session.waitFor("What kind of organization")
        session.send("a military alliance\n2\n")
        seen = try session.waitFor("rated Hard", after: seen)
        _ = try session.waitFor("Name the six member states", after: seen)
        kill(session.process.processIdentifier, SIGKILL)
        _ = try session.waitForExit()
        let journal = try String(
            contentsOf: folder.appendingPathComponent("default.journal.jsonl"), encoding: .utf8)
        let lines = journal.split(separator: "\n")
        #expect(lines.count == 2, "the answer, then one line replacing its rating: \(journal)")
        #expect(lines.last?.contains("\"replace\":") == true)
        #expect(try profile().reviews.map(\.rating) == [.hard])
    }

    @Test func acceptAtTheRatingPromptRegradesThisAnswer() throws {
        let result = try study("a security pact\n:accept\n:quit\n")
        #expect(
            result.stdout.contains("accepted — 'a security pact' now counts for this card"),
            "\(result.stdout)")
        let profile = try profile()
        #expect(profile.reviews.map(\.verdict) == [.correct])
        #expect(profile.reviews.first?.overridden == false)
        #expect(profile.flags(of: "csto:csto-nature:forward").aliases == ["a security pact"])
    }

    @Test func nothingTypedAtTheRatingPromptReachesTheNextCard() throws {
        // `:why`, a stray word and a command at the rating prompt stay there.
        let result = try study("a military alliance\n:why\nhello\n:help\n2\n:quit\n")
        #expect(result.stdout.contains("why: The CSTO is a military alliance"), "\(result.stdout)")
        #expect(result.stdout.contains("Type 1 again, 2 hard, 3 good or 4 easy"))
        #expect(result.stdout.contains("rated Hard"))
        let reviews = try profile().reviews
        #expect(reviews.count == 1)
        #expect(reviews.first?.rating == .hard)
    }

    @Test func anEmptyAnswerGradesAgainOnlyAfterAConfirmingEnter() throws {
        let result = try study("\n:quit\n")
        #expect(result.stdout.contains("No answer typed. Press Enter again"), "\(result.stdout)")
        #expect(try ProgressStore.peekProfile(named: "default", in: folder)?.reviews.isEmpty ?? true)
        let confirmed = try study("\n\n\n:quit\n")
        #expect(
            confirmed.stdout.contains("✗ wrong — the answer is a military alliance"), "\(confirmed.stdout)")
        #expect(try profile().reviews.map(\.rating) == [.again])
    }

    @Test func whyBeforeAnsweringIsRefusedAndRevealGivesUp() throws {
        let result = try study(":why\n:reveal\n\n:quit\n")
        #expect(result.stdout.contains("Answer first, or type :reveal"), "\(result.stdout)")
        #expect(!result.stdout.contains("✓ correct"))
        let review = try #require(try profile().reviews.first)
        #expect(review.rating == .again)
        #expect(review.verdict == .wrong)
    }

    @Test(arguments: [":bury", ":suspend"])
    func undoAfterBuryOrSuspendBringsTheCardBack(command: String) throws {
        let result = try study("\(command)\n:undo\n:quit\n")
        #expect(
            result.stdout.contains("back in today's study: What kind of organization"), "\(result.stdout)")
        let prompts =
            result.stdout.components(separatedBy: "What kind of organization is the CSTO?").count - 1
        #expect(prompts == 2, "the card is asked again")
        #expect(try profile().flags(of: "csto:csto-nature:forward").isEmpty)
    }

    @Test func unsuspendUnburyAndCardOnTheCommandLine() throws {
        _ = try study(":suspend\n:bury\n:quit\n")
        let env = Self.clock
        let suspended = try RecallProcess.run(
            ["cards", "state:suspended", "--progress-dir", folder.path], environment: env)
        #expect(suspended.stdout.contains("suspended"), "\(suspended.stdout)")
        #expect(suspended.stdout.hasSuffix("1 card\n"))
        let buried = try RecallProcess.run(
            ["cards", "state:buried", "--progress-dir", folder.path], environment: env)
        #expect(buried.stdout.contains("Name the six member"), "\(buried.stdout)")
        let detail = try RecallProcess.run(
            ["card", "csto:csto-nature:forward", "--progress-dir", folder.path], environment: env)
        #expect(detail.stdout.contains("Q: What kind of organization is the CSTO?"), "\(detail.stdout)")
        #expect(detail.stdout.contains("A: a military alliance"))
        #expect(detail.stdout.contains("state: suspended"))
        let unknown = try RecallProcess.run([
            "card", "csto:csto-natur:forward", "--progress-dir", folder.path,
        ])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'csto:csto-nature:forward'?"))
        let unsuspend = try RecallProcess.run(
            ["unsuspend", "state:suspended", "--progress-dir", folder.path], environment: env)
        #expect(unsuspend.stdout == "Unsuspended 1 card (of 1 matching).\n", "\(unsuspend.stderr)")
        let unbury = try RecallProcess.run(
            ["unbury", "state:buried", "--progress-dir", folder.path], environment: env)
        #expect(unbury.stdout == "Unburied 1 card (of 1 matching).\n")
        #expect(try profile().flags.values.allSatisfy { !$0.isSuspended && $0.buriedUntil == nil })
    }

    @Test func theREPLTakesTheSameCommandsAndShowsOneCardInFull() throws {
        let script =
            "study\n:suspend\na treaty\n\n:quit\n" + "cards state:suspended\n"
            + "card csto:csto-members:forward\n"
            + "unsuspend state:suspended\n" + "cards state:suspended\n"
        let result = try RecallProcess.run(
            ["--progress-dir", folder.path, "--recall-only"], input: script, environment: Self.clock)
        #expect(result.stdout.contains("1 card\n"), "\(result.stdout)")
        #expect(result.stdout.contains("history: 1 answer"))
        #expect(result.stdout.contains("2026-12-01 · again · wrong — 'a treaty'"))
        #expect(result.stdout.contains("Unsuspended 1 card (of 1 matching)."))
        #expect(result.stdout.hasSuffix("0 cards\n"))
    }

    @Test func undoInTheREPLAfterARestartTakesBackTheLastAnswer() throws {
        _ = try study("a military alliance\n\na treaty\n\n:quit\n")
        #expect(try profile().reviews.count == 2)
        // A study started and left without an answer does not stand in the way.
        let result = try RecallProcess.run(
            ["--progress-dir", folder.path], input: "study\n:quit\nundo\nundo\n", environment: Self.clock)
        #expect(
            result.stdout.contains("Took back the last answer of the last session, to: Name the six member"),
            "\(result.stdout)")
        #expect(result.stdout.contains("Nothing left to undo."))
        let left = try profile()
        #expect(left.reviews.map(\.answer) == ["a military alliance"])
        #expect(left.states["csto:csto-members:forward"] == nil)
    }

    @Test func quizTakesTheInCardCommandsAndTheSameSyntaxEverywhere() throws {
        let cli = try RecallProcess.run(
            ["quiz", "kind:typed", "-n", "2", "--seed", "3", "--progress-dir", folder.path],
            input: ":hint\n:why\n:skip\n:help\n:quit\n", environment: Self.clock)
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("kind:typed: 2 questions"), "\(cli.stdout)")
        #expect(cli.stdout.contains("hint: "))
        #expect(cli.stdout.contains("Answer first, or type :reveal"))
        #expect(cli.stdout.contains("question 1 of 2 · 0 right so far"))
        #expect(cli.stdout.contains("No answers given."), ":quit and the commands are not answers")
        let weakest = try RecallProcess.run(["quiz", "weakest", "--progress-dir", folder.path])
        #expect(weakest.status == 1)
        #expect(
            weakest.stderr
                == "error: no weak spot yet: it takes a few reviews of graduated cards to find one\n")
        let repl = try RecallProcess.run(
            ["--progress-dir", folder.path],
            input: "quiz kind:typed -n 2 --seed 3\n:quit\nquiz weakest\nquiz -n 0\n",
            environment: Self.clock)
        #expect(repl.stdout.contains("kind:typed: 2 questions"), "\(repl.stdout)")
        #expect(repl.stdout.contains("no weak spot yet"))
        #expect(repl.stdout.contains("--count must be between 1 and 1000."))
    }

    @Test func answersNeverGoIntoTheHistoryAndEachProfileHasItsOwn() throws {
        let repl = try InteractiveProcess(
            ["--progress-dir", folder.path, "--recall-only"], terminal: true, environment: Self.clock,
            currentDirectory: folder)
        var seen = try repl.waitFor("new › ")
        repl.send("study\r")
        seen = try repl.waitFor("What kind of organization", after: seen)
        repl.send("secret answer\r")
        seen = try repl.waitFor("rating: Again", after: seen)
        // `3⏎`: the rating, and the Enter with it does not reach the next card.
        repl.send("3\r")
        seen = try repl.waitFor("Name the six member states", after: seen)
        seen = try repl.waitFor("› ", after: seen)
        repl.send("Russia\r")
        seen = try repl.waitFor("rating: Again", after: seen)
        // A command at the rating prompt: `:` opens a line for it.
        repl.send(":why\r")
        seen = try repl.waitFor("why: The members of the CSTO are", after: seen)
        seen = try repl.waitFor("rating: Again", after: seen)
        // `2`, then the Enter only once the next card is on screen: still not an answer.
        repl.send("2")
        seen = try repl.waitFor("In what year was the CSTO established?", after: seen)
        seen = try repl.waitFor("› ", after: seen)
        repl.send("\r")
        repl.send(":quit\r")
        seen = try repl.waitFor("Session done. 2 answers", after: seen)
        seen = try repl.waitFor("new › ", after: seen)
        repl.send("\u{04}")
        #expect(try repl.waitForExit() == 0)
        #expect(!repl.transcript.contains("No answer typed"), "the Enters after 3 and 2 were not answers")
        let history = try String(
            contentsOf: folder.appendingPathComponent(".default.history"), encoding: .utf8)
        #expect(history.contains("study"))
        #expect(!history.contains("secret answer"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".history").path))
        #expect(try profile().reviews.map(\.rating) == [.good, .hard])
    }
}
