public import Foundation

extension StudySession {
    /// Builds today's queue from the profile: learning cards by due time; review cards due by the
    /// end of the day, most at risk first, up to what is left of the daily limit; new cards, up to
    /// what is left of the daily limit, spread among the reviews.
    func buildQueue(now: Date) {
        let profile = store.profile
        let dayStart = options.clock.startOfDay(containing: now)
        let dayEnd = options.clock.endOfDay(containing: now)
        let today = store.reviews(from: dayStart, to: dayEnd)
        answeredSiblings = Set(today.compactMap { cards[$0.cardID]?.siblingKey })
        let reviewedToday = Set(today.map(\.cardID))
        // Of today's cards, those reviewed before today too (all that is asked of `firstReviews`).
        let firstReviews = reviewedToday.filter {
            store.firstReviewDate(of: $0).map { $0 < dayStart } ?? false
        }
        let newToday = reviewedToday.subtracting(firstReviews).count
        let reviewsToday = today.filter { firstReviews.contains($0.cardID) }.map(\.cardID)
        let reviewsDoneToday = Set(reviewsToday).count

        var dueReviews: [(card: Card, retrievability: Double, stability: Double)] = []
        var fresh: [Card] = []
        learning.removeAll()
        for id in deckOrder {
            guard let card = cards[id] else { continue }
            let flags = profile.flags(of: id)
            if flags.isSuspended || (flags.buriedUntil.map { $0 > now } ?? false) { continue }
            guard let state = profile.states[id] else {
                fresh.append(card)
                continue
            }
            switch state.phase {
            case .learning, .relearning:
                learning.insert(card, due: state.due)
            case .review where state.due < dayEnd:
                dueReviews.append((card, scheduler.retrievability(of: state, at: now), state.stability ?? 0))
            case .review:
                break
            }
        }
        // Backlog: the lowest retrievability first; the rest waits for the following days' limits.
        dueReviews.sort {
            ($0.retrievability, $0.stability, $0.card.id) < ($1.retrievability, $1.stability, $1.card.id)
        }
        var reviews = Array(dueReviews.prefix(max(0, options.reviewLimit - reviewsDoneToday)).map(\.card))
        var newQuota = max(0, options.newPerDay - newToday)
        if let plan = examPlan(now: now) {
            // Reviews the exam plan wants today although not due, and new cards it brings forward.
            let queued = Set(reviews.map(\.id))
            let room = max(0, options.reviewLimit - reviewsDoneToday - reviews.count)
            reviews += plan.reviewEarlyToday.filter { !queued.contains($0) && !reviewedToday.contains($0) }
                .compactMap { cards[$0] }.filter { isAvailable($0, now: now) }.prefix(room)
            newQuota = max(newQuota, plan.newCardsToday.count - newToday)
        }
        var newCards: [Card] = []
        var newSiblings = answeredSiblings
        for card in fresh where newCards.count < newQuota {
            if newSiblings.insert(card.siblingKey).inserted { newCards.append(card) }
        }
        queue = ReviewQueue(Self.interleave(reviews: Array(reviews), new: newCards))
    }

    /// The exam plan as of `now`, when an exam is set and still ahead.
    public func examPlan(now: Date) -> ExamPlanner.Plan? {
        guard let exam = options.exam, exam > now else { return nil }
        let profile = store.profile
        // Aim above the everyday desired retention: on exam day, recall matters more than workload.
        let target = max(0.95, profile.settings.desiredRetention)
        guard
            let planner = try? ExamPlanner(
                exam: exam, dailyBudget: options.reviewLimit, target: target, settings: profile.settings)
        else { return nil }
        let studied = deckOrder.filter { !profile.flags(of: $0).isSuspended }
            .map { ExamPlanner.Card(id: $0, state: profile.state(of: $0, at: now)) }
        return planner.plan(studied, now: now)
    }

    /// New cards spread evenly among the reviews, the first new card after the first review.
    static func interleave(reviews: [Card], new: [Card]) -> [Card] {
        guard !reviews.isEmpty, !new.isEmpty else { return reviews + new }
        var result: [Card] = []
        let step = Double(reviews.count + new.count) / Double(new.count)
        var nextNew = 1.0
        var r = 0
        var n = 0
        while r < reviews.count || n < new.count {
            if n < new.count, (Double(result.count) >= nextNew || r >= reviews.count) {
                result.append(new[n])
                n += 1
                nextNew += step
            } else if r < reviews.count {
                result.append(reviews[r])
                r += 1
            }
        }
        return result
    }

    /// Whether a card may be shown now: not suspended or buried, and no sibling answered today.
    func isAvailable(_ card: Card, now: Date) -> Bool {
        let flags = store.profile.flags(of: card.id)
        if flags.isSuspended || (flags.buriedUntil.map { $0 > now } ?? false) { return false }
        return !answeredSiblings.contains(card.siblingKey) || history.last?.card.id == card.id
            || learning.contains(card.id)
    }

    func due(_ card: Card, now: Date) -> Date {
        store.profile.states[card.id]?.due ?? now
    }

    /// Marks the card's fact as answered today and takes its siblings out of today's queue.
    func buryingSiblings(of card: Card) -> [Card] {
        answeredSiblings.insert(card.siblingKey)
        return queue.removeSiblings(of: card)
    }
}
