import Foundation
import RecallCore

/// Runs a study session at the terminal: shows each card, reads the reply and the in-card
/// commands, grades, records (durably, before the next card), and prints the summary.
struct StudyLoop {
    let session: StudySession
    let style: Style
    var reader: any LineReader
    /// The clock, injectable for tests of the loop; the real one reads the system time.
    var now: () -> Date = Date.init
    /// `:open`: opens the media the card's question names (`MediaOpen.first`); says what it did.
    var openMedia: (Card) -> String = { _ in "no media to open here" }
    /// Whether a write to the profile failed during the session.
    var writeFailed: Bool { failures.count > 0 }
    private let failures = FailureCount()

    /// Counted by reference, so that `perform` need not be mutating while its closure reads `self`.
    private final class FailureCount {
        var count = 0
    }

    static let inCardHelp = """
        Type your answer, or a command:
          :hint  reveal a little more      :skip     ask it later
          :why   the fact behind the card  :bury     not again today
          :undo  take back the last answer :suspend  never again (until unsuspended)
          :accept  count my last answer as right and remember it
          :quit  end the session (Ctrl-D too; every answer is already saved)
        """

    func say(_ text: String) { Console.write(TextWrap.wrap(text, width: TerminalSize.columns) + "\n") }

    /// Studies until nothing is left, or the learner quits. Returns false if input ended.
    @discardableResult
    mutating func run() -> Bool {
        let start = now()
        let remaining = session.remaining(now: start)
        guard session.next(now: start) != nil else {
            say("Nothing to study now: no card is due and today's new cards are done.")
            printUpcoming()
            return true
        }
        say(
            "Studying: \(remaining.review) due, \(remaining.new) new, \(remaining.learning) learning. Type :help for commands."
        )
        if let plan = session.examPlan(now: start) { say(ExamLine.render(plan)) }
        var interrupts = 0
        var lastAnswer: (card: Card, reply: String, duration: TimeInterval)?
        cards: while let card = session.next(now: now()) {
            say("")
            if let fact = session.introduction(for: card) {
                say(style.bold("New fact: ") + Style.safe(fact))
                say(style.dim("source: \(Style.safe(card.source))"))
            }
            say(header(for: card) + CardPrompt.render(card))
            var hints = 0
            let shownAt = now()
            while true {
                let input = reader.read(prompt: "› ")
                var reply: String
                switch input {
                case .end:
                    break cards
                case .interrupted:
                    interrupts += 1
                    if interrupts >= 2 { break cards }
                    say(style.dim("(card put back for later; Ctrl-C again to quit)"))
                    session.skip(card)
                    continue cards
                case .line(let text):
                    reply = text
                    if !Terminal.isInteractive { say("› " + Style.safe(text)) }
                }
                interrupts = 0
                switch Self.command(in: reply) {
                case "hint":
                    hints += 1
                    say(Hint.reveal(card, level: hints).map { "hint: " + Style.safe($0) } ?? "no more hints")
                    continue
                case "why":
                    say(style.dim("why: \(Style.safe(card.why))\nsource: \(Style.safe(card.source))"))
                    continue
                case "help":
                    say(Self.inCardHelp)
                    continue
                case "open":
                    say(openMedia(card))
                    continue
                case "skip":
                    session.skip(card)
                    continue cards
                case "quit", "q":
                    break cards
                case "bury":
                    perform { try session.bury(card, now: now()) }
                    say("buried until tomorrow")
                    continue cards
                case "suspend":
                    perform { try session.suspend(card) }
                    say("suspended")
                    continue cards
                case "undo":
                    if perform({ try session.undo() }) != nil {
                        say("took back the last answer")
                    } else {
                        say("nothing to undo")
                    }
                    continue cards
                case "accept":
                    guard let last = lastAnswer else {
                        say("nothing to accept yet")
                        continue
                    }
                    if perform({
                        try session.accept(
                            last.reply, for: last.card, rating: .good, duration: last.duration, now: now())
                    }) != nil {
                        say(
                            style.green("accepted")
                                + " — '\(Style.safe(last.reply))' now counts for this card")
                        lastAnswer = nil
                    }
                    continue cards
                case .some(let unknown):
                    say(
                        "unknown command ':\(unknown)'"
                            + (Suggestion.closest(to: unknown, in: Self.inCardCommands).map {
                                "; did you mean ':\($0)'?"
                            } ?? "; type :help"))
                    continue
                case nil:
                    break
                }
                let duration = now().timeIntervalSince(shownAt)
                let grade = session.grade(reply, for: card)
                let suggested = session.suggestedRating(
                    for: grade, duration: duration, hintsUsed: hints, card: card)
                // Recorded at once with the suggested rating, so the answer is on disk whatever
                // happens next; changing the rating replaces it in one journal entry.
                guard
                    var outcome = perform({
                        try session.record(
                            card, reply: reply, grade: grade, rating: suggested, duration: duration,
                            now: now())
                    })
                else {
                    say("this answer was not recorded; the answers before it are saved")
                    break cards
                }
                say(Feedback.render(grade, for: card, style: style))
                let choice = reader.readKey(
                    prompt:
                        "rating: \(Self.name(suggested)) — Enter to keep, 1 again, 2 hard, 3 good, 4 easy › ")
                if !Terminal.isInteractive, case .line(let key) = choice, !key.isEmpty {
                    say("rating › " + Style.safe(key))
                }
                if case .line(let key) = choice, let number = Int(key.trimmingCharacters(in: .whitespaces)),
                    let rating = Rating(rawValue: number), rating != suggested
                {
                    // One journal entry replaces the rating: the answer is on disk throughout.
                    if let again = perform({ try session.rerate(rating: rating) }) ?? nil {
                        outcome = again
                        say("rated \(Self.name(rating))")
                    } else {
                        say("the answer stays recorded as \(Self.name(suggested))")
                    }
                }
                if outcome.becameLeech {
                    say(
                        style.yellow("leech:")
                            + " this card has lapsed \(session.options.leechThreshold) times; it is suspended. The fact: \(Style.safe(card.why))"
                    )
                }
                lastAnswer = (card, reply, duration)
                if case .end = choice { break cards }
                continue cards
            }
        }
        printSummary()
        return true
    }

    static let inCardCommands = ["hint", "skip", "why", "bury", "suspend", "undo", "accept", "quit", "help"]

    /// `hint` for `:hint`; nil for an answer.
    static func command(in reply: String) -> String? {
        let text = reply.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix(":"), text.count > 1 else { return nil }
        return String(text.dropFirst()).lowercased()
    }

    static func name(_ rating: Rating) -> String {
        switch rating {
        case .again: "Again"
        case .hard: "Hard"
        case .good: "Good"
        case .easy: "Easy"
        }
    }

    private func header(for card: Card) -> String {
        style.dim("[\(session.label(for: card))] ")
    }

    /// Runs a store operation; on failure says why and remembers that a write failed (the
    /// command then exits 1). What was on disk before stays intact.
    @discardableResult
    private func perform<T>(_ operation: () throws -> T) -> T? {
        do {
            return try operation()
        } catch {
            Console.error(error.localizedDescription)
            failures.count += 1
            return nil
        }
    }

    private func printUpcoming() {
        let upcoming = session.upcoming(now: now())
        say("Due tomorrow: \(upcoming.tomorrow); in the next 7 days: \(upcoming.week).")
    }

    private func printSummary() {
        let summary = session.summary
        let end = now()
        say("")
        guard summary.answered > 0 else {
            say("No answers this session.")
            printUpcoming()
            return
        }
        let minutes = Int((end.timeIntervalSince(summary.startedAt) / 60).rounded())
        let percent = Int((summary.correctShare * 100).rounded())
        say(
            style.bold("Session done.")
                + " \(summary.answered) answer\(summary.answered == 1 ? "" : "s"), \(percent)% correct, \(summary.newLearned) new, \(minutes) min."
        )
        let streak = session.streak(now: end)
        say("Streak: \(streak) day\(streak == 1 ? "" : "s").")
        printUpcoming()
    }
}

/// One line on the coming exam: predicted retention on the day, with and without the plan.
enum ExamLine {
    static func render(_ plan: ExamPlanner.Plan) -> String {
        let percent = { (value: Double) in "\(Int((value * 100).rounded()))%" }
        return
            "Exam on \(DateFormatting.day(plan.exam)) (\(plan.days.count) day\(plan.days.count == 1 ? "" : "s") away):"
            + " predicted retention \(percent(plan.predictedRetention)) with the plan,"
            + " \(percent(plan.retentionWithoutStudy)) without more study."
    }
}
