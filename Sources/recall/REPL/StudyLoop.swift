import Foundation
import RecallCore

/// Runs a study session at the terminal: shows each card with what is left, reads the reply and
/// the in-card commands (one handler each), grades, records (durably, before the next card),
/// offers the rating buttons with their intervals, and prints the summary.
struct StudyLoop {
    let session: StudySession
    let style: Style
    var reader: any LineReader
    /// The clock, injectable for tests of the loop; the real one reads `Clock`.
    var now: () -> Date
    /// `:open`: opens the media the card's question names (`MediaOpen.first`); says what it did.
    var openMedia: (Card) -> String = { _ in "no media to open here" }
    /// Whether a write to the profile failed during the session.
    var writeFailed: Bool { failures.count > 0 }
    private let failures = FailureCount()
    /// The last answer, for `:accept` on the next card.
    private var lastAnswer: (card: Card, reply: String, duration: TimeInterval)?
    /// Ctrl-C presses in a row (two quit).
    private var interrupts = 0
    /// The learner rated with one key: an Enter right after it is not an answer to the next card.
    private var swallowEnter = false

    init(session: StudySession, style: Style, reader: any LineReader, now: @escaping () -> Date = RecallClock.now) {
        self.session = session
        self.style = style
        self.reader = reader
        self.now = now
    }

    /// Counted by reference, so that `perform` need not be mutating while its closure reads `self`.
    private final class FailureCount {
        var count = 0
    }

    /// One card on the screen.
    private struct Turn {
        let card: Card
        let shownAt: Date
        var hints = 0
        /// An empty answer was given once: a second Enter gives up.
        var confirmingEmpty = false
    }

    /// What the loop does after a handler.
    private enum Next {
        case stay, nextCard, end
    }

    static let inCardHelp = """
        Type your answer, or a command:
          :hint    reveal a little more (rated Hard at best)
          :reveal  give up and see the answer (rated Again; Enter twice too)
          :skip    ask it later            :bury     not again today
          :open    open the image or sound the question shows
          :undo    take back the last answer, bury or suspension
          :suspend never again (until unsuspended)
          :accept  count my last answer as right and remember it
          :quit    end the session (Ctrl-D too; every answer is already saved)
        After an answer: Enter keeps the suggested rating, 1-4 change it,
        :why shows the fact, :undo takes the answer back.
        """

    static let inCardCommands = [
        "hint", "reveal", "skip", "why", "bury", "suspend", "undo", "accept", "open", "quit", "help",
    ]

    func say(_ text: String) { Console.write(TextWrap.wrap(text, width: TerminalSize.columns) + "\n") }

    /// Studies until nothing is left, or the learner quits. Returns false if input ended.
    @discardableResult
    mutating func run() -> Bool {
        let start = now()
        let counts = session.counts(now: start)
        guard session.next(now: start) != nil else {
            say(DayCountsText.nothingLeft(counts))
            session.heldBackNotes().forEach { say("(\($0).)") }
            printUpcoming()
            return true
        }
        DayCountsText.header(counts, notes: session.heldBackNotes()).forEach(say)
        if let plan = session.examPlan(now: start) { say(ExamLine.render(plan)) }
        cards: while let card = session.next(now: now()) {
            show(card)
            var turn = Turn(card: card, shownAt: now())
            while true {
                switch step(&turn) {
                case .stay: continue
                case .nextCard: continue cards
                case .end: break cards
                }
            }
        }
        printSummary()
        return true
    }

    private func show(_ card: Card) {
        say("")
        if let fact = session.introduction(for: card) {
            say(style.bold("New fact: ") + Style.safe(fact))
            say(style.dim("source: \(Style.safe(card.source))"))
        }
        say(style.dim("[\(session.label(for: card))] ") + CardPrompt.render(card))
        // Measured without colour codes, so printed as it is (it fits in 40 columns).
        Console.write(ReviewScreen.counts(session.remaining(now: now()), style: style) + "\n")
    }

    /// Reads one line on a card and hands it to its handler.
    private mutating func step(_ turn: inout Turn) -> Next {
        switch reader.read(prompt: "› ", remember: false) {
        case .end:
            return .end
        case .interrupted:
            interrupts += 1
            if interrupts >= 2 { return .end }
            say(style.dim("(card put back for later; Ctrl-C again to quit)"))
            session.skip(turn.card)
            return .nextCard
        case .line(let text):
            if !Terminal.isInteractive { say("› " + Style.safe(text)) }
            interrupts = 0
            if swallowEnter {
                swallowEnter = false
                if text.isEmpty { return .stay }
            }
            guard let command = Self.command(in: text) else { return answer(text, &turn) }
            return perform(command, &turn)
        }
    }

    private mutating func perform(_ command: String, _ turn: inout Turn) -> Next {
        switch command {
        case "hint": return hint(&turn)
        case "why": return whyBeforeAnswering()
        case "reveal": return grade("", &turn, givingUp: true)
        case "help": return help()
        case "skip": return skip(turn.card)
        case "quit", "q": return .end
        case "bury": return bury(turn.card)
        case "suspend": return suspend(turn.card)
        case "undo": return undo()
        case "accept": return acceptLastAnswer()
        case "open":
            say(openMedia(turn.card))
            return .stay
        default: return unknown(command)
        }
    }

    // MARK: In-card commands

    private func hint(_ turn: inout Turn) -> Next {
        turn.hints += 1
        say(Hint.reveal(turn.card, level: turn.hints).map { "hint: " + Style.safe($0) } ?? "no more hints")
        return .stay
    }

    private func whyBeforeAnswering() -> Next {
        say("Answer first, or type :reveal to give up and see the answer (rated Again).")
        return .stay
    }

    private func help() -> Next {
        say(Self.inCardHelp)
        return .stay
    }

    private func skip(_ card: Card) -> Next {
        session.skip(card)
        return .nextCard
    }

    private func bury(_ card: Card) -> Next {
        if perform({ try session.bury(card, now: now()) }) != nil {
            say("buried until tomorrow (:undo brings it back)")
        }
        return .nextCard
    }

    private func suspend(_ card: Card) -> Next {
        if perform({ try session.suspend(card) }) != nil { say("suspended (:undo brings it back)") }
        return .nextCard
    }

    private mutating func undo() -> Next {
        switch perform({ try session.takeBack() }) ?? nil {
        case .answer(let card)?:
            lastAnswer = nil
            say("took back the answer to: \(Style.safe(card.prompt))")
        case .flags(let card)?:
            say("back in today's study: \(Style.safe(card.prompt))")
        case nil:
            say("nothing to undo")
        }
        return .nextCard
    }

    private mutating func acceptLastAnswer() -> Next {
        guard let last = lastAnswer else {
            say("nothing to accept yet")
            return .stay
        }
        accept(last.reply, for: last.card, duration: last.duration)
        return .nextCard
    }

    private func unknown(_ command: String) -> Next {
        say(
            "unknown command ':\(Style.safe(command))'"
                + (Suggestion.closest(to: command, in: Self.inCardCommands).map { "; did you mean ':\($0)'?" }
                    ?? "; type :help"))
        return .stay
    }

    // MARK: Answering and rating

    /// An answer; an empty one is asked to be confirmed, then counts as giving up.
    private mutating func answer(_ text: String, _ turn: inout Turn) -> Next {
        guard text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return grade(text, &turn, givingUp: false)
        }
        if turn.confirmingEmpty { return grade("", &turn, givingUp: true) }
        turn.confirmingEmpty = true
        say("No answer typed. Press Enter again to see the answer (rated Again), or type your answer.")
        return .stay
    }

    /// Grades, records at once with the suggested rating (so the answer is on disk whatever
    /// happens next), shows the verdict and asks for the rating.
    private mutating func grade(_ reply: String, _ turn: inout Turn, givingUp: Bool) -> Next {
        let card = turn.card
        let answeredAt = now()
        let duration = answeredAt.timeIntervalSince(turn.shownAt)
        let grade = session.grade(reply, for: card)
        let suggested =
            givingUp
            ? Rating.again
            : session.suggestedRating(for: grade, duration: duration, hintsUsed: turn.hints, card: card)
        guard
            let outcome = perform({
                try session.record(
                    card, reply: reply, grade: grade, rating: suggested, duration: duration,
                    hints: turn.hints,
                    now: answeredAt)
            })
        else {
            say("this answer was not recorded; the answers before it are saved")
            return .end
        }
        say(Feedback.render(grade, for: card, style: style))
        lastAnswer = (card, reply, duration)
        return rate(
            card, reply: reply, grade: grade, suggested: suggested, outcome: outcome, duration: duration)
    }

    /// The rating prompt: Enter keeps the suggestion, 1-4 change it (one journal line), and the
    /// after-answer commands run here; nothing typed here reaches the next card.
    private mutating func rate(
        _ card: Card, reply: String, grade: Grade, suggested: Rating, outcome: StudySession.Outcome,
        duration: TimeInterval
    ) -> Next {
        if let intervals = session.nextIntervals() {
            Console.write(
                ReviewScreen.buttons(
                    intervals, suggested: suggested, style: style, width: TerminalSize.columns)
                    + "\n")
        }
        var outcome = outcome
        var next = Next.nextCard
        reading: while true {
            let input = reader.readKey(
                prompt: "rating: \(Self.name(suggested)) — Enter keeps it, 1-4 change it › ")
            guard case .line(var key) = input else {
                if case .end = input { next = .end }
                break reading
            }
            if !Terminal.isInteractive, !key.isEmpty { say("rating › " + Style.safe(key)) }
            if key == ":", reader.readsSingleKeys {
                guard case .line(let rest) = reader.read(prompt: ":", remember: false) else { break reading }
                key += rest
            }
            let text = key.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { break reading }
            if let number = Int(text), let rating = Rating(rawValue: number) {
                if reader.readsSingleKeys { swallowEnter = true }
                if rating != suggested, let changed = rerate(rating, grade: grade, suggested: suggested) {
                    outcome = changed
                }
                break reading
            }
            switch Self.command(in: text) {
            case "undo":
                return undo()
            case "accept":
                accept(reply, for: card, duration: duration)
                return .nextCard
            case "why":
                say(style.dim("why: \(Style.safe(card.why))\nsource: \(Style.safe(card.source))"))
            case "help":
                say(Self.inCardHelp)
            case "quit", "q":
                next = .end
                break reading
            default:
                say(
                    "Type 1 again, 2 hard, 3 good or 4 easy, Enter to keep \(Self.name(suggested)),"
                        + " or :undo, :accept, :why, :quit.")
            }
        }
        if outcome.becameLeech {
            say(
                style.yellow("leech:")
                    + " this card has lapsed \(session.options.leechThreshold) times; it is suspended. The fact: \(Style.safe(card.why))"
            )
        }
        return next
    }

    /// One journal line replaces the rating: the answer is on disk throughout.
    private func rerate(_ rating: Rating, grade: Grade, suggested: Rating) -> StudySession.Outcome? {
        guard let changed = perform({ try session.rerate(rating: rating) }) ?? nil else {
            say("the answer stays recorded as \(Self.name(suggested))")
            return nil
        }
        if changed.review.overridden {
            say("rated \(Self.name(rating)) — your override; the answer stays marked wrong")
        } else {
            say("rated \(Self.name(rating))")
        }
        return changed
    }

    private mutating func accept(_ reply: String, for card: Card, duration: TimeInterval) {
        if perform({ try session.accept(reply, for: card, rating: .good, duration: duration, now: now()) })
            != nil
        {
            say(style.green("accepted") + " — '\(Style.safe(reply))' now counts for this card")
            lastAnswer = nil
        }
    }

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
