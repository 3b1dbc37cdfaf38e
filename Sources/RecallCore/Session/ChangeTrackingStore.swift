public import Foundation

/// A profile store seen through a note of which cards each change touched, so that counts made
/// before some changes (`DayCountsCache`) can be brought up to date by counting those cards again
/// instead of every card.
///
/// Every call goes to `base`, the one writer; this only watches. A change made to `base` directly,
/// behind this store's back, is not noted: `cardsChanged(since:)` then says it cannot tell, and a
/// cache counts everything again (slower, never wrong).
public final class ChangeTrackingStore: ProfileStoring {
    /// One change: the store's change count before and after it, and the cards it touched (nil:
    /// possibly every card, as when new settings replay the log).
    private struct Change {
        var before: Int
        var after: Int
        var cards: [String]?
    }

    public let base: any ProfileStoring
    private var changes: [Change] = []
    /// Changes kept; a count older than these is answered with "cannot tell".
    private static let kept = 2048

    public init(_ base: any ProfileStoring) {
        self.base = base
    }

    public var profile: Profile { base.profile }
    public var changeCount: Int { base.changeCount }

    /// The cards changed since the store's `changeCount` was `count` (empty when it still is),
    /// or nil when that cannot be told: a change that may touch every card (the settings), one
    /// made behind this store's back, or one older than the changes kept.
    public func cardsChanged(since count: Int) -> Set<String>? {
        var reached = base.changeCount
        var cards: Set<String> = []
        var index = changes.endIndex
        while reached != count {
            guard index > changes.startIndex else { return nil }
            index -= 1
            let change = changes[index]
            guard change.after == reached, let touched = change.cards else { return nil }
            cards.formUnion(touched)
            reached = change.before
        }
        return cards
    }

    /// Runs `change` on the base store and notes the cards it touched, whether it succeeds or not
    /// (a failed write may still have changed the profile).
    private func noting<Result>(
        _ cards: [String]?, _ change: () throws(ProgressError) -> Result
    ) throws(ProgressError) -> Result {
        let before = base.changeCount
        defer {
            let after = base.changeCount
            if after != before {
                changes.append(Change(before: before, after: after, cards: cards))
                if changes.count > Self.kept { changes.removeFirst(changes.count - Self.kept / 2) }
            }
        }
        return try change()
    }

    @discardableResult
    public func record(_ review: Review, using scheduler: some CardScheduling) throws(ProgressError)
        -> CardState
    {
        try noting([review.cardID]) { () throws(ProgressError) in try base.record(review, using: scheduler) }
    }

    public func undo(_ reviewID: String, restoring previous: CardState?) throws(ProgressError) {
        // The card answered: the review is the card's last, so near the log's end.
        let card = base.profile.reviews.last { $0.id == reviewID }?.cardID
        try noting(card.map { [$0] }) { () throws(ProgressError) in
            try base.undo(reviewID, restoring: previous)
        }
    }

    public func replaceLastReview(with review: Review, newState: CardState, flags: CardFlags)
        throws(ProgressError)
    {
        try noting([review.cardID]) { () throws(ProgressError) in
            try base.replaceLastReview(with: review, newState: newState, flags: flags)
        }
    }

    public func setFlags(_ flags: CardFlags, for cardID: String) throws(ProgressError) {
        try noting([cardID]) { () throws(ProgressError) in try base.setFlags(flags, for: cardID) }
    }

    public func updateSettings(_ settings: SchedulerSettings) throws(ProgressError) {
        try noting(nil) { () throws(ProgressError) in try base.updateSettings(settings) }
    }

    public func reviews(from start: Date, to end: Date) -> [Review] {
        base.reviews(from: start, to: end)
    }

    public func firstReviewDate(of cardID: String) -> Date? {
        base.firstReviewDate(of: cardID)
    }

    public func lastWrongAnswerTimes() -> [String: Date] {
        base.lastWrongAnswerTimes()
    }

    public func activeDays(calendar: StudyCalendar) -> Set<Int> {
        base.activeDays(calendar: calendar)
    }

    /// Touches no card's state: only what the profile holds of the log.
    public func loadWholeLog() throws(ProgressError) {
        try noting([]) { () throws(ProgressError) in try base.loadWholeLog() }
    }

    public func finish() throws(ProgressError) {
        try base.finish()
    }

    public func close() {
        base.close()
    }
}
