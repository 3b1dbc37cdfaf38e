import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// Two weeks away with 90 cards due: the next day's session serves the daily review limit, and
/// the prompt, `decks`, the study header, `stats` and `cards state:due` count the same cards
/// (one definition in the core, `CardStatus`). The clock is injected with `--now`.
@Suite struct BreakCLITests {
    /// Sunday 2026-11-29 10:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_946_400)
    static let environment = ["TZ": "UTC"]
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    let cards: [Card]

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-break")
        let decks = try DeckLibrary(directory: RecallProcess.repositoryRoot.appendingPathComponent("Decks"))
            .loadAll()
        cards = decks.flatMap { QuestionGenerator().cards(for: $0) }
    }

    /// 90 cards answered Easy 22 days ago (intervals of about a week), so all 90 are due today.
    func writeBacklog() throws -> [Card] {
        let studied = Array(cards.prefix(90))
        try #require(studied.count == 90)
        let store = try ProgressStore.open(in: folder)
        defer { store.close() }
        let scheduler = try Scheduler()
        for (number, card) in studied.enumerated() {
            try store.record(
                Review(
                    id: "r\(number)", cardID: card.id,
                    reviewedAt: Self.now - 22 * 86_400 + Double(number), rating: .easy, answer: "x",
                    verdict: .correct, duration: 4),
                using: scheduler)
        }
        try store.save()
        return studied
    }

    var clock: [String] { ["--now", String(Self.now.timeIntervalSince1970), "--progress-dir", folder.path] }

    @Test func afterATwoWeekBreakEveryViewAgreesAndTheSessionServesTheLimit() throws {
        let studied = try writeBacklog()
        // The REPL: its prompt, `decks` and `cards state:due`.
        let repl = try RecallProcess.run(
            ["repl", "--limit", "50", "--new", "0"] + clock, input: "decks\ncards state:due\nquit\n",
            environment: Self.environment)
        #expect(repl.status == 0, "\(repl.stderr)")
        // The prompt, at a terminal.
        let terminal = try InteractiveProcess(
            ["repl", "--limit", "50", "--new", "0"] + clock, terminal: true, environment: Self.environment,
            currentDirectory: folder)
        _ = try terminal.waitFor("recall csto · 90 due · 0 new ›")
        terminal.send("quit\r")
        #expect(try terminal.waitForExit() == 0)
        #expect(repl.stdout.contains("101 cards, 90 due (50 today), 0 new"), "\(repl.stdout)")
        #expect(repl.stdout.contains("\n90 cards\n"), "\(repl.stdout)")
        // `stats`: 90 due today, all of them in today's forecast.
        let stats = try RecallProcess.run(
            ["stats", "--json"] + clock, environment: Self.environment)
        let report = try JSONDecoder().decode(StatsReport.self, from: Data(stats.stdout.utf8))
        #expect(report.cards.due == 90)
        #expect(report.forecast.days.first?.count == 90)
        let text = try RecallProcess.run(["stats"] + clock, environment: Self.environment)
        #expect(text.stdout.contains("due today 90"), "\(text.stdout)")

        // The session: announced as 50 of the 90, and 50 served (each rated Good by the learner).
        let session = try RecallProcess.run(
            ["study", "--limit", "50", "--new", "0"] + clock,
            input: String(repeating: "x\n3\n", count: 70), environment: Self.environment)
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("Studying: 50 of 90 due, 0 new."), "\(session.stdout)")
        // The 40 left out, and why: a card of the same fact comes first, or the daily limit.
        #expect(
            session.stdout.contains("(33 due cards held back until tomorrow: another card of the same fact"))
        #expect(
            session.stdout.contains("(7 due cards wait for the next days: the daily limit is 50 reviews.)"))
        #expect(session.stdout.contains("Session done. 50 answers"), "\(session.stdout)")
        let profile = try ProgressStore.readProfile(at: folder.appendingPathComponent("default.json"))
        let today = profile.reviews.filter { $0.reviewedAt >= Self.now }
        #expect(today.count == 50)
        let keys = Dictionary(uniqueKeysWithValues: studied.map { ($0.id, $0.siblingKey) })
        #expect(Set(today.compactMap { keys[$0.cardID] }).count == 50, "one card per fact")
        // What is left is what every view says: 40 still due or held back until tomorrow.
        let after = try RecallProcess.run(
            ["repl", "--limit", "50", "--new", "0", "--now", String(Self.now.timeIntervalSince1970 + 3600)]
                + ["--progress-dir", folder.path],
            input: "decks\ncards state:due\ncards state:buried\nquit\n",
            environment: Self.environment)
        let board = CardStatusBoard(
            profile: profile, cards: cards, now: Self.now + 3600, days: StudyCalendar(timeZone: .gmt))
        let counts = board.counts(of: cards)
        #expect(counts.due + counts.buried == 40)
        #expect(
            after.stdout.contains(
                "101 cards, \(counts.due) due (0 today, the limit is reached), 0 new, \(counts.buried) buried"
            ), "\(after.stdout)")
        #expect(after.stdout.contains("\n\(counts.due) cards\n"), "\(after.stdout)")
        #expect(after.stdout.contains("\n\(counts.buried) cards\n"), "\(after.stdout)")
        // Tomorrow: the 40 still due today, buried siblings included (the 50 answered are a week or more away).
        #expect(session.stdout.contains("Due tomorrow: 40;"), "\(session.stdout)")
    }
}
