import ArgumentParser
import Foundation
import RecallCore

/// The interactive prompt: `recall csto · 12 due · 5 new ›`, with study, quiz, browsing and help.
final class Repl {
    /// The REPL's commands, each with its line of help.
    static let commands: [(name: String, usage: String, help: String)] = [
        ("study", "study [DECK]", "study today's due and new cards"),
        (
            "quiz", "quiz [-n N] [QUERY | weakest]",
            "practice without touching the schedule, e.g. quiz kind:choice attr:established"
        ),
        ("stats", "stats", "retention, forecast, activity and weak spots"),
        ("decks", "decks", "the decks, with their due and new cards"),
        ("cards", "cards [QUERY]", "browse cards and their state, e.g. cards state:due"),
        ("search", "search TEXT", "cards whose question or answer mentions TEXT"),
        ("export", "export DECK FORMAT FILE", "write a deck as apkg, tsv, csv, md, quiz or json"),
        ("undo", "undo", "take back the last answer of the last study session"),
        ("profile", "profile [NAME]", "show the profile, or switch to another"),
        ("help", "help", "this list"),
        ("quit", "quit", "leave (Ctrl-D too)"),
    ]
    static let aliases = ["exit": "quit", "q": "quit", "?": "help"]

    var context: StudyContext
    let settings: StudySettingsOptions
    let deckOptions: DeckOptions
    let progressOptions: ProgressOptions
    let style = Style.current
    var reader: any LineReader
    var lastSession: StudySession?

    init(context: StudyContext, settings: StudySettingsOptions, decks: DeckOptions, progress: ProgressOptions)
    {
        self.context = context
        self.settings = settings
        self.deckOptions = decks
        self.progressOptions = progress
        self.reader = Terminal.lineReader(
            historyPath: progress.directory.appendingPathComponent(".history").path,
            completion: Self.completion(for: context, progressDirectory: progress.directory))
    }

    func say(_ text: String) { Console.write(text + "\n") }

    /// Reads and runs commands until `quit` or the end of input.
    func run() {
        say("recall \(RecallVersion.current) — type help for commands, quit or Ctrl-D to leave.")
        while true {
            let input = reader.read(prompt: prompt(now: Date()))
            guard case .line(let line) = input else {
                if case .interrupted = input { continue }
                break
            }
            if !Terminal.isInteractive, !line.isEmpty { say("› " + Style.safe(line)) }
            if !execute(line) { break }
        }
        reader.saveHistory()
    }

    /// `recall csto · 12 due · 5 new › `.
    func prompt(now: Date) -> String {
        let session = context.session(deck: nil, options: settings.options, now: now)
        let left = session.remaining(now: now)
        let label = context.decks.count == 1 ? context.decks[0].id : "\(context.decks.count) decks"
        return "recall \(label) · \(left.review + left.learning) due · \(left.new) new › "
    }

    /// Runs one command line; false to leave.
    func execute(_ line: String) -> Bool {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first?.lowercased() else { return true }
        let name = Self.aliases[first] ?? first
        let rest = Array(words.dropFirst())
        switch name {
        case "quit": return false
        case "help": help()
        case "study": study(deck: rest.first)
        case "quiz": quiz(rest.joined(separator: " "))
        case "stats": stats()
        case "export": export(rest)
        case "decks": listDecks()
        case "cards": browse(rest.joined(separator: " "))
        case "search": browse(rest.joined(separator: " "), requireText: true)
        case "undo": undo()
        case "profile": profile(rest.first)
        default:
            let suggestion = Suggestion.closest(to: first, in: Self.commands.map(\.name))
            say(
                "Unknown command '\(Style.safe(first))'."
                    + (suggestion.map { " Did you mean '\($0)'?" } ?? " Type help for the commands."))
        }
        return true
    }

    func help() {
        let width = Self.commands.map(\.usage.count).max() ?? 0
        for command in Self.commands {
            say("  " + command.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.help)
        }
        say(
            "Queries: deck: kind: attr: type: fact: tag: state: wrong:today, -term to exclude, words to search."
        )
    }

    func study(deck: String?) {
        if let deck, !context.decks.contains(where: { $0.id == deck }) {
            say("No deck '\(Style.safe(deck))'. Decks: \(context.decks.map(\.id).joined(separator: ", ")).")
            return
        }
        let session = context.session(deck: deck, options: settings.options, now: Date())
        var loop = StudyLoop(session: session, style: style, reader: reader)
        loop.run()
        reader = loop.reader
        lastSession = session
    }

    /// The statistics of the open profile over the decks studied.
    func report(now: Date) -> StatsReport? {
        let clock = settings.options.clock
        do {
            return try StatsReport(
                profile: context.store.profile, cards: context.cards, now: now,
                calendar: StudyCalendar(timeZone: clock.timeZone, rolloverHour: clock.startHour))
        } catch {
            Console.error(error.localizedDescription)
            return nil
        }
    }

    func stats() {
        let now = Date()
        guard let report = report(now: now) else { return }
        Console.write(StatsView.render(report, width: TerminalSize.columns, style: style))
        if let plan = context.session(deck: nil, options: settings.options, now: now).examPlan(now: now) {
            say(ExamLine.render(plan))
        }
    }

    func export(_ arguments: [String]) {
        guard arguments.count == 3 else {
            say("Usage: export DECK FORMAT FILE (formats: apkg, tsv, csv, md, quiz, json)")
            return
        }
        var command = ["export", arguments[0], "--format", arguments[1], "-o", arguments[2]]
        if let directory = deckOptions.decksDirectory { command += ["--decks-dir", directory] }
        do {
            var parsed = try Recall.parseAsRoot(command)
            try parsed.run()
        } catch let exit as ExitCode where exit == .success {
        } catch {
            if !(error is ExitCode) { say(Recall.message(for: error)) }
        }
    }

    func quiz(_ request: String) {
        // `-n N` sets the number of questions; the rest is the query.
        var words = request.split(separator: " ").map(String.init)
        var count = 10
        if let flag = words.firstIndex(of: "-n"), flag + 1 < words.count, let number = Int(words[flag + 1]),
            number > 0
        {
            count = min(number, 1000)
            words.removeSubrange(flag...(flag + 1))
        }
        var text = words.joined(separator: " ")
        if text.lowercased() == "weakest" {
            guard let query = report(now: Date())?.weakest?.query else {
                say("No weak spot yet: it takes a few reviews of graduated cards to find one.")
                return
            }
            say("Drilling the weakest: \(query)")
            text = query
        }
        guard let matching = cards(matching: text, now: Date(), askable: true) else { return }
        let questions = QuizPlan.select(from: matching, count: count, seed: UInt64.random(in: 0...UInt64.max))
        guard !questions.isEmpty else {
            say("No cards match '\(Style.safe(text))'.")
            return
        }
        var runner = QuizRunner(
            checker: context.checker, style: style, reader: reader)
        runner.run(questions, title: text.isEmpty ? "practice" : "practice: \(text)")
        reader = runner.reader
    }

    /// The cards a query selects, or nil (after saying why) when the query does not read.
    /// The cards the query matches; `askable`: each card in every presentation (for quizzes).
    func cards(matching text: String, now: Date, askable: Bool = false) -> [Card]? {
        do {
            let query = try CardQuery(text)
            let queryContext = context.queryContext(now: now, clock: settings.options.clock)
            let pool = askable ? context.cards.flatMap(\.askable) : context.cards
            return pool.filter { query.matches($0, in: queryContext) }
        } catch {
            say("\(error)")
            return nil
        }
    }

    func listDecks() {
        let now = Date()
        for deck in context.decks {
            let session = context.session(deck: deck.id, options: settings.options, now: now)
            let left = session.remaining(now: now)
            let count = context.cards(inDeck: deck.id).count
            say(
                "  \(deck.id)  \(Style.safe(deck.name)) — \(count) cards, \(left.review + left.learning) due, \(left.new) new"
            )
        }
    }

    func browse(_ text: String, requireText: Bool = false) {
        if requireText, text.isEmpty {
            say("Usage: search TEXT")
            return
        }
        let now = Date()
        guard let matching = cards(matching: text, now: now) else { return }
        let dayEnd = settings.options.clock.endOfDay(containing: now)
        let width = TerminalSize.columns
        for card in matching {
            let words = StudyContext.stateWords(
                profile: context.store.profile, card: card, now: now, dayEnd: dayEnd)
            let state =
                ["suspended", "buried", "leech", "relearning", "learning", "review", "new"].first {
                    words.contains($0)
                } ?? ""
            let due = context.store.profile.states[card.id].map { DateFormatting.day($0.due) } ?? ""
            let line =
                "  "
                + [
                    DisplayWidth.pad(state, to: 10), DisplayWidth.pad(due, to: 10),
                    DisplayWidth.pad(card.kind.rawValue, to: 9), Style.safe(card.prompt),
                ].joined(separator: " ")
            say(DisplayWidth.truncate(line, to: width))
        }
        say("\(matching.count) card\(matching.count == 1 ? "" : "s")")
    }

    func undo() {
        guard let session = lastSession else {
            say("Nothing to undo: no study session yet.")
            return
        }
        do {
            if let card = try session.undo() {
                say("Took back the answer to: \(Style.safe(card.prompt))")
            } else {
                say("Nothing left to undo.")
            }
        } catch {
            Console.error(error.localizedDescription)
        }
    }

    func profile(_ name: String?) {
        guard let name else {
            let profile = context.store.profile
            say(
                "Profile '\(profile.name)': \(profile.reviews.count) answers, \(profile.states.count) cards seen, in \(progressOptions.directory.path)."
            )
            return
        }
        var options = progressOptions
        options.profile = name
        do {
            let store = try ProgressStore.open(profile: name, in: options.directory)
            context.close()
            context = StudyContext(
                decks: context.decks, store: store,
                scheduler: try Scheduler(settings: store.profile.settings), seed: context.seed)
            lastSession = nil
            say("Now studying as '\(name)'.")
        } catch {
            Console.error(error.localizedDescription)
        }
    }

    static func completion(for context: StudyContext, progressDirectory: URL) -> Completion {
        let profiles = ProgressLocation.profileNames(in: progressDirectory)
        let kinds = Card.Kind.allCases.map { "kind:\($0.rawValue)" }
        let attributes = Set(context.cards.map(\.topic)).sorted().map { "attr:\($0)" }
        let states = ["new", "learning", "review", "relearning", "due", "suspended", "buried", "leech"].map {
            "state:\($0)"
        }
        let deckTerms = context.decks.map { "deck:\($0.id)" }
        let types = ValueType.allCases.map { "type:\($0.rawValue)" }
        return Completion(
            commands: commands.map(\.name), decks: context.decks.map(\.id), profiles: profiles,
            queryWords: kinds + attributes + states + deckTerms + types + ["wrong:today"])
    }
}

/// `recall` with no subcommand, or `recall repl`: the interactive prompt.
struct ReplCommand: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl", abstract: "The interactive prompt (what `recall` alone opens).")

    @OptionGroup var decks: DeckOptions
    @OptionGroup var progress: ProgressOptions
    @OptionGroup var study: StudySettingsOptions

    func execute() throws {
        let context = try StudyContext.open(decks: decks, progress: progress, deck: nil, seed: study.seed)
        let repl = Repl(context: context, settings: study, decks: decks, progress: progress)
        repl.run()
        repl.context.close()
    }
}
