import ArgumentParser
import Foundation
import RecallCore

/// The decks, cards and the learner's open profile that study, quiz and the REPL work on.
final class StudyContext {
    var decks: [Deck]
    /// The open profile, noting which cards each change touches (so the prompt's counts follow
    /// an answer by counting its fact again, see `DayCountsCache`).
    let store: ChangeTrackingStore
    let scheduler: Scheduler
    let seed: UInt64
    private(set) var cards: [Card]
    /// Grades against every open deck's names and facts; made at the first answer, not at start
    /// (normalising every name of the decks was a tenth of the time to the first prompt).
    private(set) lazy var checker = AnswerChecker(decks: decks)

    /// - Parameter cards: the cards `QuestionGenerator(seed: seed)` makes of `decks`.
    init(decks: [Deck], cards: [Card], store: ProgressStore, scheduler: Scheduler, seed: UInt64) {
        self.decks = decks
        self.store = ChangeTrackingStore(store)
        self.scheduler = scheduler
        self.seed = seed
        self.cards = cards
    }

    /// Opens the decks and the profile, or prints why not and exits 1.
    /// `--day-starts`, when given, is saved in the profile for every later command.
    static func open(
        decks deckOptions: DeckOptions, progress: ProgressOptions, deck: String?, seed: UInt64 = 0,
        dayStarts: Int? = nil
    ) throws -> StudyContext {
        let decks = try deck.map { [try deckOptions.loadDeck(id: $0)] } ?? deckOptions.loadDecks()
        let cards = deckOptions.library.cards(for: decks, seed: seed)
        let store = try progress.openStore(decks: decks, cards: cards, tailOnly: true)
        if let hour = dayStarts, store.profile.settings.dayStarts != hour {
            var settings = store.profile.settings
            settings.dayStarts = hour
            try store.updateSettings(settings)
        }
        let scheduler = try Scheduler(settings: store.profile.settings)
        return StudyContext(decks: decks, cards: cards, store: store, scheduler: scheduler, seed: seed)
    }

    /// The profile with its whole log: the context's store holds the log's tail only (what a
    /// session needs) until something reads further back (statistics, a card's history).
    func wholeProfile() throws -> Profile {
        try store.loadWholeLog()
        return store.profile
    }

    /// The learner's study calendar: the profile's `--day-starts` in the local time zone.
    var calendar: StudyCalendar {
        store.profile.settings.studyCalendar()
    }

    /// The cards of one deck, or of all.
    func cards(inDeck id: String?) -> [Card] {
        guard let id else { return cards }
        return cards.filter { $0.deck == id }
    }

    /// The day's counts the prompt and `decks` show, kept until the profile or the day changes.
    private(set) lazy var dayCounts = DayCountsCache(
        cards: cards, decks: decks, store: store, scheduler: scheduler)

    func session(deck: String?, options: StudyOptions, now: Date) -> StudySession {
        StudySession(
            cards: cards(inDeck: deck), vocabulary: [], decks: decks, store: store, scheduler: scheduler,
            options: options, now: now)
    }

    /// Every card's status for the learner at `now` (the core's one definition of each state).
    func statusBoard(now: Date, clock: StudyCalendar) -> CardStatusBoard {
        CardStatusBoard(store: store, cards: cards, now: now, days: clock)
    }

    /// What the query language needs to know about the learner's cards.
    func queryContext(now: Date, clock: StudyCalendar) -> CardQuery.Context {
        CardQuery.Context(board: statusBoard(now: now, clock: clock), decks: decks)
    }

    /// The same for a profile read without opening it (`recall cards`, `recall quiz`).
    static func queryContext(profile: Profile, cards: [Card], decks: [Deck], now: Date, clock: StudyCalendar)
        -> CardQuery.Context
    {
        CardQuery.Context(
            board: CardStatusBoard(profile: profile, cards: cards, now: now, days: clock), decks: decks)
    }

    /// Releases the profile (`ProgressStore.finish`: every answer is already on disk, so nothing
    /// is rewritten). Returns false if a write failed (every answer is still in the journal).
    @discardableResult
    func close() -> Bool {
        do {
            try store.finish()
            return true
        } catch {
            Console.error(
                error.localizedDescription + " (every answer is kept in the journal; nothing was lost)")
            return false
        }
    }
}
