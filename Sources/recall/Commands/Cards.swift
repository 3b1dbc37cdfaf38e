import ArgumentParser
import Foundation
import RecallCore

/// `recall cards [QUERY]`: list the cards the generator derives from the decks; with a query,
/// the learner's cards it selects, with their state and due day.
struct Cards: RecallCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every card derived from the decks, or those a query selects.",
        discussion:
            "Cards are derived from each deck's facts; their ids stay the same when unrelated facts change. A query (e.g. state:suspended, state:buried, kind:choice attr:established) lists the matching cards of --profile with their state and due day."
    )

    @OptionGroup var decks: DeckOptions
    @OptionGroup var progress: ProgressOptions

    @Option(help: ArgumentHelp("Only the deck with this id.", valueName: "id"))
    var deck: String?

    @Flag(help: "Print a JSON list of cards instead of text.")
    var json = false

    @Option(help: "Seed for distractors and option order.")
    var seed: UInt64 = 0

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Which cards (see `recall --help`).", valueName: "query"))
    var query: [String] = []

    func validate() throws { try QueryWords.validate(query) }

    func execute() throws {
        let chosen = try deck.map { [try decks.loadDeck(id: $0)] } ?? decks.loadDecks()
        let everyCard = decks.cards(for: chosen, seed: seed)
        var cards = everyCard
        let now = RecallClock.now()
        var profile = Profile(name: progress.profile)
        if !query.isEmpty { profile = try progress.peekProfile(decks: chosen) ?? profile }
        let clock = profile.settings.studyCalendar()
        if !query.isEmpty {
            let parsed = try CardQuery(query.joined(separator: " "))
            let context = StudyContext.queryContext(
                profile: profile, cards: everyCard, decks: chosen, now: now, clock: clock)
            cards = cards.filter { parsed.matches($0, in: context) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(cards)
            Console.write(String(decoding: data, as: UTF8.self) + "\n")
        } else if query.isEmpty {
            Console.write(
                cards.map(CardText.render).joined(separator: "\n")
                    + "\n\(Format.count(cards.count, "card"))\n")
        } else {
            let width = TerminalSize.columns
            let board = CardStatusBoard(profile: profile, cards: everyCard, now: now, days: clock)
            for card in cards {
                Console.write(
                    CardListing.row(card, profile: profile, board: board, width: width)
                        + "\n")
            }
            Console.write(Format.count(cards.count, "card") + "\n")
        }
    }
}

/// `recall card ID`: one card in full, with the learner's state and history of it.
struct CardCommand: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "card", abstract: "Show one card in full: prompt, answer, state, due day and history.")

    @OptionGroup var decks: DeckOptions
    @OptionGroup var progress: ProgressOptions

    @Option(help: "Seed for distractors and option order.")
    var seed: UInt64 = 0

    @Argument(help: ArgumentHelp("The card's id, as `cards` lists it.", valueName: "id"))
    var id: String

    func execute() throws {
        let chosen = try decks.loadDecks()
        let cards = decks.cards(for: chosen, seed: seed)
        let profile =
            try progress.peekProfile(decks: chosen) ?? Profile(name: progress.profile)
        let card = try CardLookup.find(id, in: cards)
        let now = RecallClock.now()
        let board = CardStatusBoard(
            profile: profile, cards: cards, now: now, days: profile.settings.studyCalendar())
        Console.write(CardListing.detail(card, profile: profile, board: board) + "\n")
    }
}

/// Finding a card by its id, with a suggestion when it is mistyped.
enum CardLookup: LocalizedError, Equatable {
    case unknown(String, suggestion: String?)

    static func find(_ id: String, in cards: [Card]) throws(CardLookup) -> Card {
        let wanted = id.trimmingCharacters(in: .whitespaces)
        if let card = cards.first(where: { $0.id == wanted }) { return card }
        throw .unknown(wanted, suggestion: Suggestion.closest(to: wanted, in: cards.map(\.id)))
    }

    var errorDescription: String? {
        switch self {
        case .unknown(let id, let suggestion):
            "no card '\(Style.safe(id))'"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "; `cards` lists them")
        }
    }
}

/// What `recall unsuspend` and `recall unbury` take: the decks, the profile and a query.
struct FlagRestoreArguments: ParsableArguments {
    @OptionGroup var decks: DeckOptions
    @OptionGroup var progress: ProgressOptions

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Which cards.", valueName: "query"))
    var query: [String] = []

    func validate() throws { try QueryWords.validate(query) }

    /// Opens the profile (which must exist: a mistyped name creates nothing), applies `change` to
    /// the cards the query selects and prints what it did.
    func run(_ change: (String, StudyContext, Date) throws -> String) throws {
        _ = try ProfileLookup.existing(progress, decks: [])
        let context = try StudyContext.open(decks: decks, progress: progress, deck: nil)
        defer { context.close() }
        Console.write(try change(query.joined(separator: " "), context, RecallClock.now()) + "\n")
    }
}

/// `recall unsuspend QUERY` and `recall unbury QUERY`: bring cards back into study.
struct Unsuspend: RecallCommand {
    static let configuration = CommandConfiguration(
        abstract: "Unsuspend the cards a query selects (e.g. state:suspended, or a card's words).")

    @OptionGroup var arguments: FlagRestoreArguments

    func execute() throws { try arguments.run(FlagRestore.unsuspend) }
}

struct Unbury: RecallCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring back today the buried cards a query selects (e.g. state:buried).")

    @OptionGroup var arguments: FlagRestoreArguments

    func execute() throws { try arguments.run(FlagRestore.unbury) }
}

/// Unsuspending and unburying by query, for the command line and the REPL alike.
enum FlagRestore {
    static func unsuspend(_ query: String, in context: StudyContext, now: Date) throws -> String {
        let cards = try matching(query, in: context, now: now)
        let count = try context.store.unsuspend(cards.map(\.id))
        return "Unsuspended \(Format.count(count, "card")) (of \(cards.count) matching)."
    }

    static func unbury(_ query: String, in context: StudyContext, now: Date) throws -> String {
        let cards = try matching(query, in: context, now: now)
        let count = try context.store.unbury(cards.map(\.id), now: now)
        return "Unburied \(Format.count(count, "card")) (of \(cards.count) matching)."
    }

    private static func matching(_ text: String, in context: StudyContext, now: Date) throws -> [Card] {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw FlagRestoreError.noQuery }
        let query = try CardQuery(text)
        let queryContext = context.queryContext(
            now: now, clock: context.store.profile.settings.studyCalendar())
        return context.cards.filter { query.matches($0, in: queryContext) }
    }
}

enum FlagRestoreError: LocalizedError, Equatable {
    case noQuery

    var errorDescription: String? {
        "say which cards, e.g. 'state:suspended' for every suspended card, or words of the card"
    }
}

/// The words of a query taken after a command's options: a query excludes with one dash
/// (`-kind:choice`), so a word with two is a mistyped option, a usage error.
enum QueryWords {
    static func validate(_ words: [String]) throws {
        if let option = words.first(where: { $0.hasPrefix("--") }) {
            throw ValidationError("Unknown option '\(option)'.")
        }
    }
}
