public import Foundation

/// The day's counts (`StudySession.DayCounts`) of the open decks, or of one deck, kept between
/// prompts: the REPL's prompt and `decks` show them after every command, and building a session
/// for each (O(cards), and a queue) would make every prompt cost as much as opening the profile.
///
/// The counts are exactly a new session's (`StudySession(…).counts(now:)`, the one definition):
/// they are recounted when the store's profile changed (an answer, an undo, a flag, the
/// settings: `ProfileStoring.changeCount`), when the options differ, when the study day rolls
/// over, when a card's burial ends, when the clock goes back, and at every prompt while an exam
/// plan decides the queue (it moves with the clock). A profile switch is another store: another cache.
public final class DayCountsCache {
    private struct Entry {
        var counts: StudySession.DayCounts
        var changeCount: Int
        var options: StudyOptions
        /// The counts hold for `now` in `countedAt..<validUntil`.
        var countedAt: Date
        var validUntil: Date
    }

    private let cards: [Card]
    private let decks: [Deck]
    private let store: any ProfileStoring
    private let scheduler: Scheduler
    /// By deck id; nil for every open deck.
    private var entries: [String?: Entry] = [:]

    public init(cards: [Card], decks: [Deck], store: any ProfileStoring, scheduler: Scheduler) {
        self.cards = cards
        self.decks = decks
        self.store = store
        self.scheduler = scheduler
    }

    /// The day's counts of `deck`'s cards (nil: every card) at `now`.
    public func counts(deck: String?, options: StudyOptions, now: Date) -> StudySession.DayCounts {
        if let entry = entries[deck], entry.changeCount == store.changeCount, entry.options == options,
            entry.countedAt <= now, now < entry.validUntil
        {
            return entry.counts
        }
        let changeCount = store.changeCount
        let chosen = deck.map { id in cards.filter { $0.deck == id } } ?? cards
        let session = StudySession(
            cards: chosen, vocabulary: [], decks: decks, store: store, scheduler: scheduler, options: options,
            now: now)
        let counts = session.counts(now: now)
        entries[deck] = Entry(
            counts: counts, changeCount: changeCount, options: options, countedAt: now,
            validUntil: validUntil(options: options, now: now))
        return counts
    }

    /// The first moment after `now` at which the same profile may count differently: the end of
    /// the study day, or the end of a burial, or (with an exam ahead) any later moment.
    private func validUntil(options: StudyOptions, now: Date) -> Date {
        if let exam = options.exam, exam > now { return now }
        var until = options.clock.endOfDay(containing: now)
        for flags in store.profile.flags.values {
            if let buried = flags.buriedUntil, buried > now, buried < until { until = buried }
        }
        return until
    }
}
