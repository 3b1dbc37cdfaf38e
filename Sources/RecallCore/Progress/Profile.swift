public import Foundation

/// One learner's progress: settings, per-card states and flags, and the append-only review log.
///
/// The log is the truth; `states` is a cache of replaying it (`replayed(using:)`). States are keyed
/// by card id and never deleted, so a card that leaves a deck keeps its history and gets it back
/// if it returns.
public struct Profile: Sendable, Hashable {
    /// The schema version this recall writes.
    public static let schemaVersion = 2

    public var name: String
    public var settings: SchedulerSettings
    /// Card id → scheduling state, for every card ever reviewed.
    public internal(set) var states: [String: CardState]
    /// Card id → flags, for cards with any set.
    public internal(set) var flags: [String: CardFlags]
    /// Every review, in the order recorded.
    public internal(set) var reviews: [Review]
    /// Due dates set by hand (Anki's "Set due date"), replayed with the answers; empty for most
    /// profiles, and then absent from the files.
    public internal(set) var dueChanges: [DueChange] = []

    public init(
        name: String = "default", settings: SchedulerSettings = SchedulerSettings(),
        states: [String: CardState] = [:], flags: [String: CardFlags] = [:], reviews: [Review] = [],
        dueChanges: [DueChange] = []
    ) {
        self.init(
            name: name, settings: settings, storableStates: states.mapValues(\.storable),
            flags: flags.filter { !$0.value.isEmpty }, reviews: reviews)
        self.dueChanges = dueChanges
    }

    /// For readers whose dates are already storable and flags non-empty (no copy of 100,000 states).
    init(
        name: String, settings: SchedulerSettings, storableStates: [String: CardState],
        flags: [String: CardFlags], reviews: [Review]
    ) {
        self.name = name
        self.settings = settings
        self.states = storableStates
        self.flags = flags
        self.reviews = reviews
    }

    /// The card's state, or a new card due at `now` if it was never reviewed.
    public func state(of cardID: String, at now: Date) -> CardState {
        states[cardID] ?? .new(at: now)
    }

    /// The card's flags (all unset if none were recorded).
    public func flags(of cardID: String) -> CardFlags {
        flags[cardID] ?? CardFlags()
    }

    /// Adds `review` to the log and stores `newState` as the card's state.
    ///
    /// - Throws: `ProgressError.reviewOutOfOrder` if the review is dated before the card's last review.
    public mutating func record(_ review: Review, newState: CardState) throws(ProgressError) {
        try checkOrder(of: review)
        recordUnchecked(review, newState: newState)
    }

    /// Throws `ProgressError.reviewOutOfOrder` if `review` is dated before the card's last review.
    func checkOrder(of review: Review) throws(ProgressError) {
        if let last = states[review.cardID]?.lastReview, review.reviewedAt < last {
            throw .reviewOutOfOrder(cardID: review.cardID, reviewedAt: review.reviewedAt, lastReview: last)
        }
    }

    /// Records without the time-order check: for reviews read back from files, which are kept as
    /// they are (replay orders each card's reviews by time).
    mutating func recordUnchecked(_ review: Review, newState: CardState) {
        var log = takeReviews()
        record(review, newState: newState, in: &log)
        reviews = log
    }

    /// Adds a due change to the log and stores `newState` as the card's state (nil: the card has
    /// none, and keeps what it has). The caller drops changes whose id the log already holds.
    mutating func recordUnchecked(_ change: DueChange, newState: CardState?) {
        dueChanges.append(change)
        if let newState { states[change.cardID] = newState.storable }
    }

    /// Takes back review `reviewID`: it leaves the log, the card returns to `previous`, and a lapse
    /// it counted is uncounted. Returns false when the log has no such review.
    @discardableResult
    mutating func undoUnchecked(_ reviewID: String, restoring previous: CardState?) -> Bool {
        var log = takeReviews()
        defer { reviews = log }
        return undo(reviewID, restoring: previous, in: &log)
    }

    /// Replaces the review with `review.id` by `review` in place (appending it if the log has no
    /// such review, so the answer is never dropped), and stores the card's new state and its
    /// complete flags, lapse count included.
    mutating func replaceUnchecked(_ review: Review, newState: CardState, flags newFlags: CardFlags) {
        var log = takeReviews()
        replace(review, newState: newState, flags: newFlags, in: &log)
        reviews = log
    }

    /// The last review of a card in the log, if any.
    public func lastReview(of cardID: String) -> Review? {
        reviews.last { $0.cardID == cardID }
    }

    /// Sets a card's flags. The lapse count is kept: it is counted from the log, not set.
    public mutating func setFlags(_ newFlags: CardFlags, for cardID: String) {
        var updated = newFlags
        updated.lapses = flags[cardID]?.lapses ?? 0
        storeFlags(updated, for: cardID)
    }

    /// Sets a card's flags as given, dropping the entry when nothing is set.
    mutating func storeFlags(_ newFlags: CardFlags, for cardID: String) {
        flags[cardID] = newFlags.isEmpty ? nil : newFlags
    }

    /// Ids of reviewed cards that are not in `deckCardIDs`: history kept for cards that left the deck.
    public func orphanedCardIDs(notIn deckCardIDs: Set<String>) -> [String] {
        states.keys.filter { !deckCardIDs.contains($0) }.sorted()
    }

    /// Whether forgetting with `rating` from `state` counts as a lapse (forgetting a graduated card).
    static func isLapse(before state: CardState?, rating: Rating) -> Bool {
        rating == .again && state?.phase == .review
    }
}
