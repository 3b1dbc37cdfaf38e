import ArgumentParser
import Foundation
import RecallCore

/// The interactive prompt: `recall csto · 12 due · 5 new ›`, with study, quiz, browsing and help.
final class Repl {
    /// The REPL's commands, each with its line of help.
    static let commands: [(name: String, usage: String, help: String)] = [
        ("study", "study [DECK]", "study today's due and new cards"),
        (
            "quiz", "quiz [QUERY|weakest] [-n N]",
            "practice without touching the schedule, e.g. quiz kind:choice -n 5 (options as for recall quiz)"
        ),
        ("stats", "stats", "retention, forecast, activity and weak spots"),
        ("decks", "decks", "the decks, with their due and new cards"),
        ("cards", "cards [QUERY]", "browse cards and their state, e.g. cards state:suspended"),
        ("card", "card ID", "one card in full: prompt, answer, state, due day, history"),
        ("unsuspend", "unsuspend QUERY", "bring suspended cards back, e.g. unsuspend state:suspended"),
        ("unbury", "unbury QUERY", "bring buried cards back today, e.g. unbury state:buried"),
        ("search", "search TEXT", "cards whose question or answer mentions TEXT"),
        ("export", "export DECK FORMAT FILE", "write a deck as apkg, tsv, csv, md, quiz or json"),
        ("undo", "undo", "take back the last answer of the last study session (also after a restart)"),
        ("profile", "profile [NAME]", "the profile and folders, or switch (asks first)"),
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
    /// The time: the system's, or running on from `--now` (for tests).
    let clock: () -> Date
    /// `undo` has taken back the last answer of an earlier run (it does so once, and not after a
    /// session of this run answered).
    var undidLoggedAnswer = false

    init(context: StudyContext, settings: StudySettingsOptions, decks: DeckOptions, progress: ProgressOptions)
    {
        self.context = context
        self.settings = settings
        self.deckOptions = decks
        self.progressOptions = progress
        self.clock = settings.makeClock()
        self.reader = Terminal.lineReader(
            historyPath: Self.historyPath(profile: progress.profile, in: progress.directory),
            completion: Self.completion(for: context, progressDirectory: progress.directory))
    }

    /// Each profile's own command history (answers never go in it), so the next learner on a
    /// shared machine does not scroll through the last one's commands.
    static func historyPath(profile: String, in directory: URL) -> String {
        directory.appendingPathComponent(".\(profile).history").path
    }

    func say(_ text: String) { Console.write(text + "\n") }

    /// The session options in the open profile's calendar.
    var options: StudyOptions { settings.options(for: context) }

    /// Reads and runs commands until `quit` or the end of input.
    func run() {
        say(
            TextWrap.wrap(
                "recall \(RecallVersion.current) — type help for commands, quit or Ctrl-D to leave.",
                width: TerminalSize.columns))
        while true {
            let input = reader.read(prompt: prompt(now: clock()))
            guard case .line(let line) = input else {
                if case .interrupted = input { continue }
                break
            }
            if !Terminal.isInteractive, !line.isEmpty { say("› " + Style.safe(line)) }
            if !execute(line) { break }
        }
        reader.saveHistory()
    }

    /// `recall csto · 12 due · 5 new › `, with the profile's name first when it is not `default`.
    func prompt(now: Date) -> String {
        let counts = context.dayCounts.counts(deck: nil, options: options, now: now)
        let label = context.decks.count == 1 ? context.decks[0].id : "\(context.decks.count) decks"
        let name = context.store.profile.name
        let profile = name == ProgressLocation.defaultProfile ? "" : "\(Style.safe(name, oneLine: true)) · "
        return "recall \(profile)\(label) · \(DayCountsText.short(counts)) › "
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
        case "quiz": quiz(rest)
        case "stats": stats()
        case "export": export(rest)
        case "decks": listDecks()
        case "cards": browse(rest.joined(separator: " "))
        case "card": showCard(rest.joined(separator: " "))
        case "unsuspend": restore(rest.joined(separator: " "), with: FlagRestore.unsuspend)
        case "unbury": restore(rest.joined(separator: " "), with: FlagRestore.unbury)
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
        let columns = TerminalSize.columns
        let indent = String(repeating: " ", count: width + 4)
        for command in Self.commands {
            let usage = "  " + command.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            // The help in its own column, wrapped at words under itself.
            var lines: [String] = []
            for word in command.help.split(separator: " ") {
                if let last = lines.last, DisplayWidth.of(indent + last + " " + word) <= columns {
                    lines[lines.count - 1] = last + " " + word
                } else {
                    lines.append(String(word))
                }
            }
            say(usage + lines.joined(separator: "\n" + indent))
        }
        say(
            TextWrap.wrap(
                "Queries: deck: kind: attr: type: fact: tag: state: wrong:today, -term to exclude, words to search.",
                width: columns))
    }

    func study(deck: String?) {
        if let deck, !context.decks.contains(where: { $0.id == deck }) {
            say("No deck '\(Style.safe(deck))'. Decks: \(context.decks.map(\.id).joined(separator: ", ")).")
            return
        }
        let session = context.session(deck: deck, options: options, now: clock())
        var loop = StudyLoop(session: session, style: style, reader: reader, now: clock)
        loop.openMedia = { [deckOptions] card in MediaOpen.first(in: card, decks: deckOptions) }
        loop.run()
        reader = loop.reader
        lastSession = session
        // After a session with answers, `undo` stops at its first: earlier runs are not reached.
        if session.summary.answered > 0 { undidLoggedAnswer = true }
    }

    /// The statistics of the open profile over the decks studied, from its files as `recall
    /// stats` reads them (every answer is on disk): streamed, so the session keeps only the log's
    /// tail in memory.
    func report(now: Date) -> StatsReport? {
        do {
            let name = context.store.profile.name
            let profile =
                try ReviewLogReader.peek(named: name, in: progressOptions.directory, decks: context.decks)
                ?? StreamedProfile(Profile(name: name))
            return try StatsReport(profile: profile, cards: context.cards, now: now, calendar: options.clock)
        } catch {
            Console.error(error.localizedDescription)
            return nil
        }
    }

    func stats() {
        let now = clock()
        guard let report = report(now: now) else { return }
        Console.write(StatsView.render(report, width: TerminalSize.columns, style: style))
        if let plan = context.session(deck: nil, options: options, now: now).examPlan(now: now) {
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

    /// The open progress folder's options for another profile.
    private func other(_ profile: String) -> ProgressOptions {
        var options = progressOptions
        options.profile = profile
        return options
    }

    /// `quiz …`, parsed by `recall quiz`'s own parser, run on the open decks and profile.
    func quiz(_ arguments: [String]) {
        let parsed: Quiz
        do {
            parsed = try Quiz.parse(arguments)
        } catch {
            say(Quiz.message(for: error).split(separator: "\n").first.map(String.init) ?? "")
            return
        }
        let now = clock()
        do {
            let decks = parsed.deck.map { id in context.decks.filter { $0.id == id } } ?? context.decks
            // `--profile` reads another learner's states for the query; the open one by default.
            let profile =
                arguments.contains("--profile") && parsed.progress.profile != context.store.profile.name
                ? try other(parsed.progress.profile).peekProfile(decks: context.decks)
                    ?? Profile(name: parsed.progress.profile)
                : try context.wholeProfile()
            let selection = try parsed.questions(
                from: context.cards(inDeck: parsed.deck), decks: decks.isEmpty ? context.decks : decks,
                profile: profile, clock: options.clock, now: now,
                seed: parsed.seed ?? UInt64.random(in: 0...UInt64.max))
            if let note = selection.note { say(note) }
            var runner = QuizRunner(checker: context.checker, style: style, reader: reader)
            runner.run(selection.cards, title: selection.title)
            reader = runner.reader
        } catch {
            say(Recall.message(for: error))
        }
    }

    /// The cards a query selects, or nil (after saying why) when the query does not read.
    /// The cards the query matches; `askable`: each card in every presentation (for quizzes).
    func cards(matching text: String, now: Date, askable: Bool = false) -> [Card]? {
        do {
            let query = try CardQuery(text)
            let queryContext = context.queryContext(now: now, clock: options.clock)
            let pool = askable ? context.cards.flatMap(\.askable) : context.cards
            return pool.filter { query.matches($0, in: queryContext) }
        } catch {
            say("\(error)")
            return nil
        }
    }

    func listDecks() {
        let now = clock()
        for deck in context.decks {
            let counts = context.dayCounts.counts(deck: deck.id, options: options, now: now)
            let count = context.cards(inDeck: deck.id).count
            say(
                "  \(deck.id)  \(Style.safe(deck.name)) — \(count) cards, \(DayCountsText.deckLine(counts))"
            )
        }
    }

    func browse(_ text: String, requireText: Bool = false) {
        if requireText, text.isEmpty {
            say("Usage: search TEXT")
            return
        }
        let now = clock()
        guard let matching = cards(matching: text, now: now) else { return }
        let board = context.statusBoard(now: now, clock: options.clock)
        for card in matching {
            say(
                CardListing.row(
                    card, profile: context.store.profile, board: board, width: TerminalSize.columns))
        }
        say(Format.count(matching.count, "card"))
    }

    func showCard(_ id: String) {
        guard !id.isEmpty else {
            say("Usage: card ID (cards lists the ids; cards QUERY finds one)")
            return
        }
        do {
            let card = try CardLookup.find(id, in: context.cards)
            let now = clock()
            let board = context.statusBoard(now: now, clock: options.clock)
            say(CardListing.detail(card, profile: try context.wholeProfile(), board: board))
        } catch {
            say(error.localizedDescription)
        }
    }

    func restore(_ query: String, with change: (String, StudyContext, Date) throws -> String) {
        do {
            say(try change(query, context, clock()))
        } catch {
            say(Recall.message(for: error))
        }
    }

    /// Takes back the last thing done in the last study session; after a restart, the last
    /// answer in the log (once: what came before it belongs to earlier sessions).
    func undo() {
        do {
            if let session = lastSession {
                switch try session.takeBack() {
                case .answer(let card)?:
                    say("Took back the answer to: \(Style.safe(card.prompt))")
                    return
                case .flags(let card)?:
                    say("Back in today's study: \(Style.safe(card.prompt))")
                    return
                case nil:
                    // A session that answered nothing leaves the log's last answer to take back.
                    break
                }
            }
            guard !undidLoggedAnswer else {
                say("Nothing left to undo.")
                return
            }
            let now = clock()
            let session = context.session(deck: nil, options: options, now: now)
            lastSession = session
            undidLoggedAnswer = true
            if let card = try session.undoLastLogged(now: now) {
                say("Took back the last answer of the last session, to: \(Style.safe(card.prompt))")
            } else {
                say("Nothing to undo: no answer yet.")
            }
        } catch {
            Console.error(error.localizedDescription)
        }
    }

    func profile(_ name: String?) {
        let current = context.store.profile
        guard let name else {
            do {
                say(ProfileView.summary(try context.wholeProfile(), folder: progressOptions.directory))
            } catch {
                Console.error(error.localizedDescription)
            }
            say(ProfileView.folders(progress: progressOptions, decks: deckOptions, current: current.name))
            return
        }
        guard name != current.name else {
            say("Already studying as '\(Style.safe(name, oneLine: true))'.")
            return
        }
        let folder = progressOptions.directory
        do {
            try ProgressLocation.validate(profile: name)
            // A name with no files is created only when the learner says so: a typo makes nothing.
            if ProgressLocation.profiles(in: folder).contains(name) == false {
                let question =
                    "No profile '\(Style.safe(name, oneLine: true))' in \(Style.safe(folder.path)). Create it? [y/N] "
                // Piped input shows no prompt: say the question there.
                if !Terminal.isInteractive { say(question) }
                let answer = reader.read(prompt: question)
                guard case .line(let line) = answer,
                    ["y", "yes"].contains(line.trimmingCharacters(in: .whitespaces).lowercased())
                else {
                    let others = ProgressLocation.profiles(in: folder)
                    say(
                        "Still studying as '\(Style.safe(current.name, oneLine: true))'."
                            + (Suggestion.closest(to: name, in: others).map { " Did you mean '\($0)'?" } ?? "")
                    )
                    return
                }
            }
            let store = try other(name).openStore(decks: context.decks, cards: context.cards, tailOnly: true)
            context.close()
            context = StudyContext(
                decks: context.decks, cards: context.cards, store: store,
                scheduler: try Scheduler(settings: store.profile.settings), seed: context.seed)
            lastSession = nil
            undidLoggedAnswer = false
            reader.useHistory(at: Self.historyPath(profile: name, in: progressOptions.directory))
            say("Now studying as '\(Style.safe(name, oneLine: true))'.")
        } catch {
            Console.error(error.localizedDescription)
        }
    }

    static func completion(for context: StudyContext, progressDirectory: URL) -> Completion {
        let profiles = ProgressLocation.profiles(in: progressDirectory)
        let kinds = Card.Kind.allCases.map { "kind:\($0.rawValue)" }
        let attributes = Set(context.cards.map(\.topic)).sorted().map { "attr:\($0)" }
        let states = CardStatus.stateWords.map { "state:\($0)" }
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
        let context = try StudyContext.open(
            decks: decks, progress: progress, deck: nil, seed: study.seed, dayStarts: study.day.hour)
        let repl = Repl(context: context, settings: study, decks: decks, progress: progress)
        repl.run()
        repl.context.close()
    }
}
