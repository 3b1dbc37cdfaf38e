import ArgumentParser
import Foundation
import RecallCore

/// `recall quiz [QUERY | weakest]`: a short practice quiz that touches no schedule. The REPL's
/// `quiz` parses its words with this same command, so both take the same syntax.
struct Quiz: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "A short practice quiz on the decks (does not change any schedule).",
        discussion:
            "QUERY selects the cards as `cards` does (e.g. kind:choice attr:established, state:due); `weakest` drills the weak spot `stats` names."
    )

    @OptionGroup var decks: DeckOptions
    @OptionGroup var progress: ProgressOptions

    @Option(help: ArgumentHelp("Only the deck with this id.", valueName: "id"))
    var deck: String?

    @Option(name: [.customShort("n"), .long], help: "How many questions (1-1000).")
    var count: Int = 10

    @Option(
        help: ArgumentHelp(
            "Only these kinds of card (comma-separated: typed, reverse, choice, truefalse, set, order, cloze, free).",
            valueName: "kinds"))
    var kind: String?

    @Option(help: "Seed for the draw, so a quiz can be repeated (default: a new one each time).")
    var seed: UInt64?

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Which cards: a query (as for `cards`), or `weakest`.", valueName: "query"))
    var query: [String] = []

    func validate() throws {
        try QueryWords.validate(query)
        guard (1...1000).contains(count) else { throw ValidationError("--count must be between 1 and 1000.") }
        if let kind {
            let unknown = kindNames(kind).filter { Card.Kind(rawValue: $0) == nil }
            if let first = unknown.first {
                let known = Card.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("Unknown kind '\(first)'; kinds are \(known).")
            }
        }
    }

    private func kindNames(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    func execute() throws {
        let chosen = try deck.map { [try decks.loadDeck(id: $0)] } ?? decks.loadDecks()
        let drawSeed = seed ?? UInt64.random(in: 0...UInt64.max)
        // A random draw is not cached: its cards would never be read again.
        let cards =
            seed == nil
            ? chosen.flatMap { QuestionGenerator(seed: drawSeed).cards(for: $0) }
            : decks.cards(for: chosen, seed: drawSeed)
        let profile =
            try progress.peekProfile(decks: chosen) ?? Profile(name: progress.profile)
        let selection = try questions(
            from: cards, decks: chosen, profile: profile, clock: profile.settings.studyCalendar(),
            now: RecallClock.now(), seed: drawSeed)
        if let note = selection.note { Console.write(note + "\n") }
        var runner = QuizRunner(
            checker: AnswerChecker(decks: chosen), style: .current, reader: Terminal.lineReader())
        runner.run(selection.cards, title: selection.title)
    }

    /// The questions this quiz asks: every presentation of the cards the query (or the weak spot)
    /// selects, of the kinds asked for, drawn with `seed`.
    func questions(
        from cards: [Card], decks: [Deck], profile: Profile, clock: StudyCalendar, now: Date, seed: UInt64
    ) throws -> (cards: [Card], title: String, note: String?) {
        var text = query.joined(separator: " ")
        var note: String?
        if text.lowercased() == "weakest" {
            guard
                let weakest = try StatsReport(profile: profile, cards: cards, now: now, calendar: clock)
                    .weakest
            else { throw QuizCommandError.noWeakSpot }
            text = weakest.query
            note = "Drilling the weakest: \(Style.safe(text))"
        }
        let parsed = try CardQuery(text)
        let context = StudyContext.queryContext(
            profile: profile, cards: cards, decks: decks, now: now, clock: clock)
        let matching = cards.flatMap(\.askable).filter { parsed.matches($0, in: context) }
        let kinds = kind.map { Set(kindNames($0).compactMap(Card.Kind.init(rawValue:))) }
        let questions = QuizPlan.select(
            from: matching, count: count, seed: seed, kinds: kinds, presented: true)
        guard !questions.isEmpty else { throw QuizCommandError.noCards(kind: kind, query: text) }
        let deckTitle = decks.count == 1 ? decks[0].name : "\(decks.count) decks"
        return (questions, text.isEmpty ? deckTitle : "\(deckTitle): \(text)", note)
    }
}

/// Why `recall quiz` asked nothing.
enum QuizCommandError: LocalizedError, Equatable {
    /// No card of the decks (of the kind and query asked for) can be asked.
    case noCards(kind: String?, query: String)
    /// `quiz weakest` before the learner has a weak spot.
    case noWeakSpot

    var errorDescription: String? {
        switch self {
        case .noCards(let kind, let query):
            "no cards to ask"
                + (kind.map { " of kind '\(Style.safe($0))'" } ?? "")
                + (query.isEmpty ? "" : " matching '\(Style.safe(query))'")
        case .noWeakSpot: "no weak spot yet: it takes a few reviews of graduated cards to find one"
        }
    }
}
