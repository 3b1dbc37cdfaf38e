import ArgumentParser
import Foundation
import RecallCore

/// The decks, cards and the learner's open profile that study, quiz and the REPL work on.
final class StudyContext {
    var decks: [Deck]
    let store: ProgressStore
    let scheduler: Scheduler
    let seed: UInt64
    private(set) var cards: [Card]
    /// Grades against every open deck's names and facts.
    private(set) var checker: AnswerChecker

    init(decks: [Deck], store: ProgressStore, scheduler: Scheduler, seed: UInt64) {
        self.decks = decks
        self.store = store
        self.scheduler = scheduler
        self.seed = seed
        let generator = QuestionGenerator(seed: seed)
        cards = decks.flatMap { generator.cards(for: $0) }
        checker = AnswerChecker(decks: decks)
    }

    /// Opens the decks and the profile, or prints why not and exits 1.
    static func open(decks deckOptions: DeckOptions, progress: ProgressOptions, deck: String?, seed: UInt64)
        throws -> StudyContext
    {
        let decks = try deck.map { [try deckOptions.loadDeck(id: $0)] } ?? deckOptions.loadDecks()
        let store = try ProgressStore.open(profile: progress.profile, in: progress.directory)
        for issue in store.issues { Console.writeError(issue.description + "\n") }
        let scheduler = try Scheduler(settings: store.profile.settings)
        let context = StudyContext(decks: decks, store: store, scheduler: scheduler, seed: seed)
        if let note = try store.migrateCardIDs(decks: decks, cards: context.cards, using: scheduler) {
            Console.writeError(note.description + "\n")
        }
        return context
    }

    /// The cards of one deck, or of all.
    func cards(inDeck id: String?) -> [Card] {
        guard let id else { return cards }
        return cards.filter { $0.deck == id }
    }

    func session(deck: String?, options: StudyOptions, now: Date) -> StudySession {
        StudySession(
            cards: cards(inDeck: deck), vocabulary: [], decks: decks, store: store, scheduler: scheduler,
            options: options, now: now)
    }

    /// What the query language needs to know about the learner's cards.
    func queryContext(now: Date, clock: DayClock) -> CardQuery.Context {
        let profile = store.profile
        let types = Dictionary(
            decks.flatMap { deck in deck.facts.map { ($0.id, $0.value.type.rawValue) } },
            uniquingKeysWith: { first, _ in first })
        let dayStart = clock.startOfDay(containing: now)
        var wrongAnswers: [String: Date] = [:]
        for review in profile.reviews where review.verdict == .wrong {
            wrongAnswers[review.cardID] = review.reviewedAt
        }
        let lastWrong = wrongAnswers
        let dayEnd = clock.endOfDay(containing: now)
        return CardQuery.Context(
            valueType: { types[$0] },
            states: { card in Self.stateWords(profile: profile, card: card, now: now, dayEnd: dayEnd) },
            daysSinceWrong: { card in
                lastWrong[card.id].map { $0 >= dayStart ? 0 : clock.days(from: $0, to: now) }
            })
    }

    static func stateWords(profile: Profile, card: Card, now: Date, dayEnd: Date) -> Set<String> {
        var words: Set<String> = []
        let flags = profile.flags(of: card.id)
        if flags.isSuspended { words.insert("suspended") }
        if flags.isLeech { words.insert("leech") }
        if let buried = flags.buriedUntil, buried > now { words.insert("buried") }
        guard let state = profile.states[card.id] else {
            words.insert("new")
            return words
        }
        words.insert(state.phase.rawValue.lowercased())
        if state.due < dayEnd { words.insert("due") }
        return words
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
