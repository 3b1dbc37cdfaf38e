import Foundation
import RecallCore
import RecallTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Whole study sessions through the real binary: answered from a script through a pipe, killed
/// with SIGKILL mid-session, and driven at a pseudo-terminal.
@Suite struct StudyCLITests {
    /// Removed with the suite instance after each test.
    let scratch: TemporaryFolder
    let folder: URL

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-study")
        folder = scratch.url
    }

    /// The right reply to each CSTO card, from `recall cards --json`.
    func answers() throws -> [String: String] {
        let listing = try RecallProcess.run(["cards", "--json"])
        let cards = try #require(
            try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        var replies: [String: String] = [:]
        for card in cards {
            guard let id = card["id"] as? String, let kind = card["kind"] as? String else { continue }
            switch kind {
            case "set":
                replies[id] = (card["items"] as? [[String]])?.compactMap(\.first).joined(separator: ", ")
            case "choice": replies[id] = (card["answer_index"] as? Int).map { String($0 + 1) }
            case "order":
                replies[id] = (card["order"] as? [Int])?.map { String($0 + 1) }.joined(separator: " ")
            default: replies[id] = card["answer"] as? String
            }
        }
        return replies
    }

    func profile() throws -> Profile {
        try ProgressStore.readProfile(at: folder.appendingPathComponent("default.json"))
    }

    @Test func aWholeSessionAnsweredFromAScript() throws {
        // New cards come in deck order, one per fact; asked as typed recall (--recall-only), an
        // instant right answer suggests Good (never Easy), so a new card goes on to its next step.
        let order = [
            "csto:csto-nature:forward", "csto:csto-members:forward", "csto:csto-established:forward",
            "csto:csto-purpose:forward", "csto:csto-protection:cloze.c1",
        ]
        let replies = try answers()
        var script = ""
        for id in order { script += try #require(replies[id]) + "\n\n" }
        let result = try RecallProcess.run(
            ["study", "--new", "5", "--recall-only", "--progress-dir", folder.path], input: script)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "✓ correct").count == 6, "\(result.stdout)")
        #expect(result.stdout.contains("Session done. 5 answers, 100% correct, 5 new"))
        let profile = try profile()
        #expect(profile.reviews.map(\.cardID) == order)
        #expect(profile.reviews.allSatisfy { $0.rating == .good && $0.verdict == .correct })
        #expect(profile.reviews.map(\.answer) == order.compactMap { replies[$0] })
        let scheduler = try ReplayScheduler.make(settings: profile.settings)
        #expect(
            profile.cardsDifferingFromReplay(using: scheduler).isEmpty,
            "states are what the scheduler computes")
        #expect(profile.states.values.allSatisfy { $0.phase == .learning })
    }

    @Test func aWrongAnswerIsShownWithWhyAndTheRatingCanBeChanged() throws {
        let script = "1990\n\n" + "Minsk\n4\n" + ":quit\n"
        let result = try RecallProcess.run(
            ["study", "--new", "3", "--recall-only", "--progress-dir", folder.path], input: script)
        #expect(result.status == 0)
        #expect(result.stdout.contains("✗ wrong — the answer is Russia, Armenia"), "\(result.stdout)")
        #expect(result.stdout.contains("not in the set: Minsk"))
        #expect(result.stdout.contains("why: The members of the CSTO are"))
        #expect(result.stdout.contains("rated Easy"))
        let profile = try profile()
        #expect(profile.reviews.map(\.rating) == [.again, .easy])
        #expect(profile.reviews.map(\.verdict) == [.wrong, .wrong])
    }

    @Test func everyAnswerBeforeASigkillIsKept() throws {
        let session = try InteractiveProcess(
            ["study", "--new", "5", "--recall-only", "--progress-dir", folder.path], terminal: false,
            currentDirectory: folder)
        let replies = try answers()
        var seen = try session.waitFor("[new · recall] What kind of organization")
        session.send("a military alliance\n\n")
        seen = try session.waitFor("[new · recall] Name the six member states", after: seen)
        session.send(try #require(replies["csto:csto-members:forward"]) + "\n\n")
        seen = try session.waitFor("[new · recall] In what year was the CSTO established?", after: seen)
        session.send("wrong on purpose\n")
        try session.waitFor("✗ wrong", after: seen)
        // The third answer is graded and shown: it is on disk before the rating key is read.
        kill(session.process.processIdentifier, SIGKILL)
        _ = try session.waitForExit()
        let store = try ProgressStore.open(profile: "default", in: folder)
        defer { store.close() }
        #expect(
            store.profile.reviews.map(\.cardID) == [
                "csto:csto-nature:forward", "csto:csto-members:forward", "csto:csto-established:forward",
            ])
        #expect(store.profile.reviews.last?.answer == "wrong on purpose")
    }

    @Test func theREPLAtATerminal() throws {
        let repl = try InteractiveProcess(
            ["--progress-dir", folder.path], terminal: true, currentDirectory: folder)
        var seen = try repl.waitFor("recall csto · 0 due · 20 new › ")
        // Tab completes a command, and lists the choices when there are several.
        repl.send("he\t")
        seen = try repl.waitFor("help", after: seen)
        repl.send("\r")
        seen = try repl.waitFor("study [DECK]", after: seen)
        seen = try repl.waitFor("› ", after: seen)
        repl.send("cards kind:ch\t")
        seen = try repl.waitFor("kind:choice", after: seen)
        repl.send("\r")
        seen = try repl.waitFor("14 cards", after: seen)
        seen = try repl.waitFor("› ", after: seen)
        // Ctrl-C drops the line being typed, and the REPL goes on.
        repl.send("stud")
        seen = try repl.waitFor("stud", after: seen)
        repl.send("\u{03}")
        seen = try repl.waitFor("new › ", after: seen)
        // Up recalls the history; an unknown command gets a suggestion.
        repl.send("\u{1B}[A")
        seen = try repl.waitFor("cards kind:choice", after: seen)
        repl.send("\u{15}stdy\r")
        seen = try repl.waitFor("Did you mean 'study'?", after: seen)
        seen = try repl.waitFor("› ", after: seen)
        // Ctrl-D on an empty line leaves; the history is kept for the next run.
        repl.send("\u{04}")
        #expect(try repl.waitForExit() == 0)
        let history = try String(
            contentsOf: folder.appendingPathComponent(".default.history"), encoding: .utf8)
        #expect(history.contains("cards kind:choice"))
        #expect(history.contains("help"))
        #expect(!history.contains("stud\n"), "a line dropped by Ctrl-C is not in the history")
    }

    @Test func aStudySessionAtATerminalTakesOneKeyForTheRating() throws {
        let session = try InteractiveProcess(
            ["study", "--new", "2", "--recall-only", "--progress-dir", folder.path], terminal: true,
            currentDirectory: folder)
        var seen = try session.waitFor("What kind of organization is the CSTO?")
        session.send("a treaty\r")
        seen = try session.waitFor("rating: Again", after: seen)
        session.send("2")
        seen = try session.waitFor("rated Hard", after: seen)
        seen = try session.waitFor("Name the six member states", after: seen)
        session.send(":hint\r")
        seen = try session.waitFor("hint: ", after: seen)
        seen = try session.waitFor("› ", after: seen)
        // Ctrl-C puts the card back; twice quits, and the answer given is kept.
        session.send("\u{03}")
        seen = try session.waitFor("card put back for later", after: seen)
        seen = try session.waitFor("› ", after: seen)
        session.send("\u{03}")
        seen = try session.waitFor("Session done. 1 answer", after: seen)
        #expect(try session.waitForExit() == 0)
        let store = try ProgressStore.open(profile: "default", in: folder)
        defer { store.close() }
        #expect(store.profile.reviews.map(\.rating) == [.hard])
    }

    @Test func studyForAnExamShowsThePrediction() throws {
        let result = try RecallProcess.run(
            ["study", "--exam", "2099-01-01", "--progress-dir", folder.path], input: ":quit\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Exam on 2099-01-01 ("), "\(result.stdout)")
        #expect(result.stdout.contains("predicted retention"))
        let bad = try RecallProcess.run(["study", "--exam", "soon", "--progress-dir", folder.path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("Invalid exam date 'soon'"))
    }
}
