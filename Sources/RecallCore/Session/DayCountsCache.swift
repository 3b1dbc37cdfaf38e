public import Foundation

/// The day's counts (`StudySession.DayCounts`) of the open decks, or of one deck, kept between
/// prompts: the REPL's prompt and `decks` show them after every command, and building a session
/// for each (O(cards), and a queue) would make every prompt cost as much as opening the profile.
///
/// The counts are exactly a new session's (`StudySession(…).counts(now:)`, the one definition),
/// kept fact by fact (`DayTally`). When the store's profile changed (an answer, an undo, a flag:
/// `ProfileStoring.changeCount`), only the facts of the cards changed are counted again, which
/// the store tells (`ChangeTrackingStore`). Everything is counted again when that store cannot
/// tell which cards changed (new settings replay every card), when the options differ, when the
/// study day rolls over, when a card's burial ends, when the clock goes back, and at every prompt
/// while an exam plan decides the queue (it moves with the clock). A profile switch is another
/// store: another cache.
public final class DayCountsCache {
    private struct Entry {
        /// Nil while an exam plan decides the queue (the counts are then a session's).
        var tally: DayTally?
        var counts: StudySession.DayCounts
        var changeCount: Int
        var options: StudyOptions
        /// The counts hold for `now` in `countedAt..<validUntil`.
        var countedAt: Date
        var validUntil: Date
    }

    private let cards: [Card]
    private let decks: [Deck]
    private let store: ChangeTrackingStore
    private let scheduler: Scheduler
    /// By deck id; nil for every open deck.
    private var entries: [String?: Entry] = [:]
    /// How many times every card was counted, and how many times only the facts changed were
    /// (for the tests: the second path must be the one taken after an answer).
    private(set) var fullCounts = 0
    private(set) var partialCounts = 0

    public init(cards: [Card], decks: [Deck], store: ChangeTrackingStore, scheduler: Scheduler) {
        self.cards = cards
        self.decks = decks
        self.store = store
        self.scheduler = scheduler
    }

    /// The day's counts of `deck`'s cards (nil: every card) at `now`.
    public func counts(deck: String?, options: StudyOptions, now: Date) -> StudySession.DayCounts {
        if var entry = entries[deck], entry.options == options, entry.countedAt <= now, now < entry.validUntil
        {
            if entry.changeCount == store.changeCount { return entry.counts }
            if var tally = entry.tally, let changed = store.cardsChanged(since: entry.changeCount) {
                let changeCount = store.changeCount
                tally.recount(changed: changed, store: store, now: now, days: options.clock)
                entry.counts = tally.counts(progress: progress(options: options, now: now), options: options)
                entry.tally = tally
                entry.changeCount = changeCount
                entry.countedAt = now
                entry.validUntil = min(
                    entry.validUntil, burialEnd(of: changed, after: now) ?? entry.validUntil)
                entries[deck] = entry
                partialCounts += 1
                return entry.counts
            }
        }
        fullCounts += 1
        let changeCount = store.changeCount
        let chosen = deck.map { id in cards.filter { $0.deck == id } } ?? cards
        var entry = Entry(
            tally: nil, counts: StudySession.DayCounts(), changeCount: changeCount, options: options,
            countedAt: now, validUntil: validUntil(options: options, now: now))
        if let exam = options.exam, exam > now {
            entry.counts = StudySession(
                cards: chosen, vocabulary: [], decks: decks, store: store, scheduler: scheduler,
                options: options,
                now: now
            ).counts(now: now)
        } else {
            let tally = DayTally(cards: chosen, store: store, now: now, days: options.clock)
            entry.counts = tally.counts(progress: progress(options: options, now: now), options: options)
            entry.tally = tally
        }
        entries[deck] = entry
        return entry.counts
    }

    /// What was done today, for the daily limits.
    private func progress(options: StudyOptions, now: Date) -> StudySession.DayProgress {
        StudySession.DayProgress(
            store: store, dayStart: options.clock.startOfDay(containing: now),
            dayEnd: options.clock.endOfDay(containing: now))
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

    /// The earliest end of a burial after `now` among these cards.
    private func burialEnd(of cards: Set<String>, after now: Date) -> Date? {
        let profile = store.profile
        return cards.compactMap { profile.flags(of: $0).buriedUntil }.filter { $0 > now }.min()
    }
}
