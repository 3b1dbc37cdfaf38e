public import Foundation

extension StudySession {
    /// A bury or a suspension made during the session, for `takeBack`.
    struct FlagChange {
        var card: Card
        var previous: CardFlags
        /// How many answers the session held when the change was made: it is the last thing done
        /// while no answer is newer.
        var answersBefore: Int
    }

    /// What `takeBack` took back.
    public enum TakenBack: Sendable, Hashable {
        /// An answer: the card is asked again next.
        case answer(Card)
        /// A bury or a suspension: the card is back in today's study.
        case flags(Card)
    }

    func noteFlagChange(of card: Card, from previous: CardFlags) {
        flagChanges.append(FlagChange(card: card, previous: previous, answersBefore: history.count))
        queue.remove(id: card.id)
        learning.remove(id: card.id)
    }

    /// Takes back the last thing the learner did in this session: an answer (see `undo`), a bury
    /// or a suspension (the card's flags as before, the card back in today's study). Repeatable.
    @discardableResult
    public func takeBack() throws(ProgressError) -> TakenBack? {
        if let change = flagChanges.last, change.answersBefore >= history.count {
            try store.setFlags(change.previous, for: change.card.id)
            flagChanges.removeLast()
            let card = change.card
            queue.remove(id: card.id)
            learning.remove(id: card.id)
            if let state = store.profile.states[card.id], state.phase != .review {
                learning.insert(card, due: state.due)
            } else {
                queue.prepend([card])
            }
            return .flags(card)
        }
        return try undo().map(TakenBack.answer)
    }

    /// Takes back the last answer in the log when this session has answered nothing, as after a
    /// restart: the log has the answer, and the card's state before it is the replay of the
    /// card's earlier reviews. Returns the card, or nil when the log is empty or its last answer is
    /// to a card outside this session.
    @discardableResult
    public func undoLastLogged(now: Date) throws(ProgressError) -> Card? {
        guard history.isEmpty else { return nil }
        // The card's earlier reviews may be anywhere in the log.
        try store.loadWholeLog()
        guard let last = store.profile.reviews.last, let card = cards[last.cardID] else { return nil }
        let earlier = store.profile.reviews.filter { $0.cardID == card.id && $0.id != last.id }
        var state: CardState?
        for review in earlier.sorted(by: { $0.reviewedAt < $1.reviewedAt }) {
            state =
                scheduler.review(
                    state ?? .new(at: review.reviewedAt), rating: review.rating, at: review.reviewedAt,
                    cardID: card.id
                ).storable
        }
        try store.undo(last.id, restoring: state)
        var flags = store.profile.flags(of: card.id)
        if flags.isLeech, flags.lapses < options.leechThreshold {
            // The answer taken back made it a leech.
            flags.isLeech = false
            flags.isSuspended = false
            try store.setFlags(flags, for: card.id)
        }
        buildQueue(now: now)
        return card
    }

    /// What each rating would make of the last answer, as the time until the card is due again:
    /// what the scheduler computes for this card at the time of the answer, fuzz included, so
    /// the interval shown is the one `rerate` saves. Nil before the first answer.
    public func nextIntervals() -> [(rating: Rating, interval: TimeInterval)]? {
        guard let last = history.last,
            let review = store.profile.reviews.last(where: { $0.id == last.reviewID })
        else { return nil }
        let before = last.previousState ?? .new(at: review.reviewedAt)
        return Rating.allCases.map { rating in
            let next = scheduler.review(before, rating: rating, at: review.reviewedAt, cardID: last.card.id)
            return (rating, next.storable.due.timeIntervalSince(review.reviewedAt))
        }
    }
}

extension ProfileStoring {
    /// Unsuspends the cards with these ids (durably, one journal line each); the leech mark stays,
    /// as in Anki. Returns how many were suspended.
    @discardableResult
    public func unsuspend(_ cardIDs: [String]) throws(ProgressError) -> Int {
        var changed = 0
        for id in cardIDs {
            var flags = profile.flags(of: id)
            guard flags.isSuspended else { continue }
            flags.isSuspended = false
            try setFlags(flags, for: id)
            changed += 1
        }
        return changed
    }

    /// Brings back the cards with these ids that are buried as of `now`. Returns how many were.
    @discardableResult
    public func unbury(_ cardIDs: [String], now: Date) throws(ProgressError) -> Int {
        var changed = 0
        for id in cardIDs {
            var flags = profile.flags(of: id)
            guard let until = flags.buriedUntil, until > now else { continue }
            flags.buriedUntil = nil
            try setFlags(flags, for: id)
            changed += 1
        }
        return changed
    }
}
