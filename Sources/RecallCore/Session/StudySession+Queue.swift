public import Foundation

extension StudySession {
    /// The status of the session's cards at `now` (see `CardStatus`).
    public func statusBoard(now: Date) -> CardStatusBoard {
        CardStatusBoard(
            store: store, cards: deckOrder.compactMap { cards[$0] }, now: now, days: options.clock)
    }

    /// Builds today's queue from the profile: learning cards by due time; review cards due by the
    /// end of the day, most at risk first, up to what is left of the daily limit; new cards, up to
    /// what is left of the daily limit, spread among the reviews. At most one card of each fact
    /// is queued, and none of a fact answered today: the queue is filled from the remaining cards
    /// instead, and what is held back for that reason is counted (`DayCounts`).
    func buildQueue(now: Date) {
        let profile = store.profile
        let board = statusBoard(now: now)
        queueBoard = (board, store.changeCount)
        let progress = DayProgress(store: store, dayStart: board.dayStart, dayEnd: board.dayEnd)
        let reviewedToday = progress.answered
        answeredSiblings = Set(reviewedToday.compactMap { cards[$0]?.siblingKey })
        let newToday = progress.newCards
        let reviewsDoneToday = progress.reviews

        var dueReviews: [(card: Card, retrievability: Double, stability: Double)] = []
        var fresh: [Card] = []
        var heldNew = 0
        var heldReviews = 0
        learning.removeAll()
        for id in deckOrder {
            guard let card = cards[id] else { continue }
            let status = board.status(of: card)
            if status.burial == .sibling, !status.isSuspended {
                if status.phase == .new { heldNew += 1 } else { heldReviews += 1 }
            }
            guard status.isAvailable, let state = profile.states[id], status.phase != .new else {
                if status.isNewAndAvailable { fresh.append(card) }
                continue
            }
            switch state.phase {
            case .learning, .relearning:
                learning.insert(card, due: state.due)
            case .review where status.isDueToday:
                dueReviews.append((card, scheduler.retrievability(of: state, at: now), state.stability ?? 0))
            case .review:
                break
            }
        }
        // Backlog: the lowest retrievability first; the rest waits for the following days' limits.
        dueReviews.sort {
            ($0.retrievability, $0.stability, $0.card.id) < ($1.retrievability, $1.stability, $1.card.id)
        }
        // One card per fact: a fact answered today, or in its learning steps, or already queued,
        // holds its other cards back until tomorrow.
        var facts = answeredSiblings.union(learning.cards.map(\.siblingKey))
        let room = max(0, options.reviewLimit - reviewsDoneToday)
        var reviews: [Card] = []
        backlog = []
        for entry in dueReviews {
            guard facts.insert(entry.card.siblingKey).inserted else {
                heldReviews += 1
                continue
            }
            if reviews.count < room { reviews.append(entry.card) } else { backlog.append(entry.card) }
        }
        var newQuota = max(0, options.newPerDay - newToday)
        if let plan = examPlan(now: now) {
            // Reviews the exam plan wants today although not due, and new cards it brings forward.
            let queued = Set(reviews.map(\.id))
            let room = max(0, options.reviewLimit - reviewsDoneToday - reviews.count)
            let early = plan.reviewEarlyToday.filter { !queued.contains($0) && !reviewedToday.contains($0) }
                .compactMap { cards[$0] }.filter { isAvailable($0, now: now) }
            for card in early where reviews.count - queued.count < room {
                if facts.insert(card.siblingKey).inserted { reviews.append(card) }
            }
            newQuota = max(newQuota, plan.newCardsToday.count - newToday)
        }
        var newCards: [Card] = []
        reserve = []
        for card in fresh {
            guard !facts.contains(card.siblingKey) else {
                heldNew += 1
                continue
            }
            if newCards.count < newQuota {
                facts.insert(card.siblingKey)
                newCards.append(card)
            } else {
                reserve.append(card)
            }
        }
        heldBack = HeldBack(
            new: min(heldNew, max(0, newQuota - newCards.count)), reviews: heldReviews,
            overLimit: backlog.count)
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
                exam: exam, dailyBudget: options.reviewLimit, target: target, settings: profile.settings,
                calendar: options.clock)
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

    /// Marks the card's fact as answered today and takes its siblings out of today's queue; each
    /// one taken out is replaced by the next card of another fact (a new card by a new one, a
    /// review by one from the backlog), so the day's study is not cut short.
    func buryingSiblings(of card: Card) -> [Card] {
        answeredSiblings.insert(card.siblingKey)
        let siblings = queue.removeSiblings(of: card)
        for sibling in siblings {
            let isNew = store.profile.states[sibling.id] == nil
            var pool = isNew ? reserve : backlog
            let queued = Set(queue.cards.map(\.siblingKey))
            guard
                let index = pool.firstIndex(where: {
                    !answeredSiblings.contains($0.siblingKey) && !queued.contains($0.siblingKey)
                })
            else { continue }
            queue.append(pool.remove(at: index))
            if isNew { reserve = pool } else { backlog = pool }
        }
        return siblings
    }
}
