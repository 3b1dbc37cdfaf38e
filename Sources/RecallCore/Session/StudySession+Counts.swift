public import Foundation

extension StudySession {
    /// What today's queue leaves out although it could be studied today, and why.
    public struct HeldBack: Sendable, Hashable {
        /// New cards short of today's quota because another card of their fact was answered today
        /// or is queued (they come tomorrow).
        public var new = 0
        /// Due cards waiting because another card of their fact was answered today or is queued.
        public var reviews = 0
        /// Due reviews beyond today's review limit (they wait for the following days).
        public var overLimit = 0

        public init(new: Int = 0, reviews: Int = 0, overLimit: Int = 0) {
            self.new = new
            self.reviews = reviews
            self.overLimit = overLimit
        }

        /// One sentence per reason, e.g. "3 new held back: another card of the same fact was
        /// answered today".
        public func notes(reviewLimit: Int) -> [String] {
            var notes: [String] = []
            if new > 0 {
                notes.append(
                    "\(new) new held back: another card of the same fact was answered today or comes first")
            }
            if reviews > 0 {
                notes.append(
                    "\(reviews) due \(reviews == 1 ? "card" : "cards") held back until tomorrow: another card of the same fact was answered today or comes first"
                )
            }
            if overLimit > 0 {
                notes.append(
                    "\(overLimit) due \(overLimit == 1 ? "card waits" : "cards wait") for the next days: the daily limit is \(reviewLimit) reviews"
                )
            }
            return notes
        }
    }

    /// The counts every view shows: what is left of today's session, and the day's due, buried
    /// and suspended cards of the session's decks (as `CardStatus` defines them).
    public struct DayCounts: Sendable, Hashable {
        /// Left in today's session: learning steps, reviews and new cards.
        public var learning = 0
        public var review = 0
        public var new = 0
        /// Every card due today (learning steps included), whatever the daily limit.
        public var due = 0
        public var buried = 0
        public var suspended = 0
        /// What the session leaves out of today's study, and why.
        public var heldBack = HeldBack()

        /// Cards the session still shows today.
        public var left: Int { learning + review + new }
    }

    /// The day's counts at `now` (see `DayCounts`).
    public func counts(now: Date) -> DayCounts {
        let left = remaining(now: now)
        let board =
            queueBoard.flatMap { $0.board.now == now && $0.changeCount == store.changeCount ? $0.board : nil }
            ?? statusBoard(now: now)
        let statuses = board.counts(of: deckOrder.compactMap { cards[$0] })
        return DayCounts(
            learning: left.learning, review: left.review, new: left.new, due: statuses.due,
            buried: statuses.buried, suspended: statuses.suspended, heldBack: heldBack)
    }

    /// What the learner did in one study day, as the daily limits count it: the cards answered
    /// that day (in any deck), of which `newCards` were first answered that day and `reviews`
    /// had been answered before.
    public struct DayProgress: Sendable, Hashable {
        public var answered: Set<String>
        public var newCards: Int
        public var reviews: Int

        /// From the store's index: O(the day's answers), never a pass over the log.
        public init(store: some ProfileStoring, dayStart: Date, dayEnd: Date) {
            answered = Set(store.reviews(from: dayStart, to: dayEnd).map(\.cardID))
            reviews = answered.count { store.firstReviewDate(of: $0).map { $0 < dayStart } ?? false }
            newCards = answered.count - reviews
        }
    }

    /// The sentences saying why the session shows fewer cards than are due or new today.
    public func heldBackNotes() -> [String] {
        heldBack.notes(reviewLimit: options.reviewLimit)
    }
}
