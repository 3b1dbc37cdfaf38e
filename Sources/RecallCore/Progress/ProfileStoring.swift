public import Foundation

/// What a study session (and the commands around it) needs of a learner's stored progress: the
/// profile as of the last change, durable changes one at a time, the log questions a queue asks,
/// and an end. `ProgressStore` keeps it in files; `InMemoryProfileStore` in memory, for tests.
///
/// Each change is durable when the call returns (for `ProgressStore`, an fsynced journal line).
/// How the profile is laid out in files, and when the journal is folded into a snapshot, is the
/// conformer's business.
public protocol ProfileStoring: AnyObject {
    /// The profile as of the last change.
    var profile: Profile { get }
    /// A number that changes whenever the profile does (an answer, an undo, a flag, the
    /// settings): what caches of the profile's counts compare (see `DayCountsCache`).
    var changeCount: Int { get }
    /// Rates a card from its stored state with `scheduler`, records the answer, and returns the new state.
    @discardableResult
    func record(_ review: Review, using scheduler: some CardScheduling) throws(ProgressError) -> CardState
    /// Takes back a card's last review: the card returns to `previous` (nil: never reviewed).
    func undo(_ reviewID: String, restoring previous: CardState?) throws(ProgressError)
    /// Replaces the card's last review (same id) in one change, with the card's new state and flags.
    func replaceLastReview(with review: Review, newState: CardState, flags: CardFlags) throws(ProgressError)
    /// Changes a card's flags.
    func setFlags(_ flags: CardFlags, for cardID: String) throws(ProgressError)
    /// Changes the scheduling settings; states are rebuilt by replaying the log with them.
    func updateSettings(_ settings: SchedulerSettings) throws(ProgressError)
    /// The reviews dated in `start..<end`, in log order.
    func reviews(from start: Date, to end: Date) -> [Review]
    /// When the card was first reviewed, or nil if never.
    func firstReviewDate(of cardID: String) -> Date?
    /// Each card's last wrong answer time (in log order), for the cards answered wrongly ever.
    func lastWrongAnswerTimes() -> [String: Date]
    /// The study days (of `calendar`) with at least one answer.
    func activeDays(calendar: StudyCalendar) -> Set<Int>
    /// Makes `profile.reviews` the whole log, for what reads it beyond the day's answers (a
    /// store may hold its tail only; see `ProgressStore.open(…tailOnly:)`).
    func loadWholeLog() throws(ProgressError)
    /// Ends the session and releases the profile.
    func finish() throws(ProgressError)
    /// Releases the profile without ending anything (every change is already durable).
    func close()
}

extension ProgressStore: ProfileStoring {}

/// A profile kept in memory only, with the same rules as `ProgressStore` (time order per card,
/// undo of a card's last review only): for tests of what sits above the store.
public final class InMemoryProfileStore: ProfileStoring {
    public private(set) var profile: Profile {
        didSet { changeCount &+= 1 }
    }
    public private(set) var changeCount = 0
    /// Whether `finish` was called.
    public private(set) var isFinished = false

    public init(profile: Profile = Profile()) {
        self.profile = profile
    }

    @discardableResult
    public func record(_ review: Review, using scheduler: some CardScheduling) throws(ProgressError)
        -> CardState
    {
        let current = profile.state(of: review.cardID, at: review.reviewedAt)
        let next = scheduler.review(
            current, rating: review.rating, at: review.reviewedAt, cardID: review.cardID)
        try profile.record(review, newState: next)
        return next.storable
    }

    public func undo(_ reviewID: String, restoring previous: CardState?) throws(ProgressError) {
        guard let review = profile.reviews.last(where: { $0.id == reviewID }),
            profile.lastReview(of: review.cardID)?.id == reviewID
        else { throw .cannotUndo(reviewID: reviewID) }
        profile.undoUnchecked(reviewID, restoring: previous)
    }

    public func replaceLastReview(with review: Review, newState: CardState, flags: CardFlags)
        throws(ProgressError)
    {
        guard profile.lastReview(of: review.cardID)?.id == review.id else {
            throw .cannotUndo(reviewID: review.id)
        }
        profile.replaceUnchecked(review, newState: newState, flags: flags)
    }

    public func setFlags(_ flags: CardFlags, for cardID: String) throws(ProgressError) {
        profile.setFlags(flags, for: cardID)
    }

    public func updateSettings(_ settings: SchedulerSettings) throws(ProgressError) {
        let scheduler = try ReplayScheduler.make(settings: settings)
        profile.settings = settings
        profile = profile.replayed(using: scheduler)
    }

    public func reviews(from start: Date, to end: Date) -> [Review] {
        profile.reviews.filter { $0.reviewedAt >= start && $0.reviewedAt < end }
    }

    public func firstReviewDate(of cardID: String) -> Date? {
        profile.reviews.filter { $0.cardID == cardID }.map(\.reviewedAt).min()
    }

    public func lastWrongAnswerTimes() -> [String: Date] {
        ReviewTimeIndex(profile.reviews).lastWrongAt
    }

    public func activeDays(calendar: StudyCalendar) -> Set<Int> {
        Set(profile.reviews.map { calendar.day(of: $0.reviewedAt) })
    }

    /// The whole log is always in memory.
    public func loadWholeLog() throws(ProgressError) {}

    public func finish() throws(ProgressError) {
        isFinished = true
    }

    public func close() {}
}
