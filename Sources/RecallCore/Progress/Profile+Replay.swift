import Foundation

extension Profile {
    /// The profile with every reviewed card's state and lapse count rebuilt from the log.
    ///
    /// Each card's reviews are replayed in time order (ties keep log order) from a new card, with
    /// its due changes (`dueChanges`) applied in time order among them (after an answer at the
    /// same time): a due change moves the card and keeps the rest of its state, and makes a card
    /// never answered a review card without a memory state (`CardState.moved(to:)`, as Anki's
    /// "Set due date" does). States of other cards without reviews and all other flags are kept.
    public func replayed(using scheduler: some CardScheduling) -> Profile {
        let byCard = reviewIndicesByCard()
        let changesByCard = Dictionary(grouping: dueChanges, by: \.cardID)
            .mapValues { $0.sorted(by: DueChange.logOrder) }
        var result = self
        for (cardID, indices) in byCard {
            let replay = replayCard(
                cardID, reviews: indices, changes: changesByCard[cardID] ?? [], using: scheduler)
            result.states[cardID] = replay.state
            var cardFlags = result.flags(of: cardID)
            cardFlags.lapses = replay.lapses
            result.storeFlags(cardFlags, for: cardID)
        }
        // A card with due changes and no answers keeps its state, moved, or becomes a review card.
        for (cardID, changes) in changesByCard where byCard[cardID] == nil {
            result.states[cardID] = replayCard(cardID, reviews: [], changes: changes, using: scheduler).state
        }
        return result
    }

    /// Cards whose stored state differs from what replaying the log gives.
    public func cardsDifferingFromReplay(using scheduler: some CardScheduling) -> [String] {
        let rebuilt = replayed(using: scheduler)
        let ids = Set(states.keys).union(rebuilt.states.keys)
        return ids.filter { states[$0] != rebuilt.states[$0] || flags[$0] != rebuilt.flags[$0] }.sorted()
    }

    /// The state each of `changes` leaves its card in once added to the log (in their order,
    /// each after the ones before it), as a replay gives it: one pass over the log, then a replay
    /// of each changed card's own history.
    func states(adding changes: [DueChange], using scheduler: some CardScheduling) -> [CardState?] {
        let cardIDs = Set(changes.map(\.cardID))
        var byCard: [String: [Int]] = [:]
        for (index, review) in reviews.enumerated() where cardIDs.contains(review.cardID) {
            byCard[review.cardID, default: []].append(index)
        }
        var changesByCard = Dictionary(
            grouping: dueChanges.filter { cardIDs.contains($0.cardID) }, by: \.cardID)
        return changes.map { change in
            changesByCard[change.cardID, default: []].append(change)
            let ordered = (changesByCard[change.cardID] ?? []).sorted(by: DueChange.logOrder)
            return replayCard(
                change.cardID, reviews: byCard[change.cardID] ?? [], changes: ordered, using: scheduler
            ).state
        }
    }

    /// The positions in the log of each card's reviews, in log order.
    private func reviewIndicesByCard() -> [String: [Int]] {
        var byCard: [String: [Int]] = [:]
        for (index, review) in reviews.enumerated() {
            byCard[review.cardID, default: []].append(index)
        }
        return byCard
    }

    /// One card's state and lapse count from its reviews (positions in the log) and its due
    /// changes (in `DueChange.logOrder`). A card without reviews keeps its stored state, moved by
    /// its last change (a review card without memory state if it had none).
    private func replayCard(
        _ cardID: String, reviews indices: [Int], changes: [DueChange], using scheduler: some CardScheduling
    ) -> (state: CardState?, lapses: Int) {
        guard !indices.isEmpty else {
            var state = states[cardID]
            if let last = changes.last { state = Self.moved(state, by: last, using: scheduler) }
            return (state, flags(of: cardID).lapses)
        }
        let ordered = indices.sorted { lhs, rhs in
            let a = reviews[lhs].reviewedAt
            let b = reviews[rhs].reviewedAt
            return a != b ? a < b : lhs < rhs
        }
        var nextChange = changes.startIndex
        var state: CardState?
        var lapses = 0
        for index in ordered {
            let review = reviews[index]
            while nextChange < changes.endIndex, changes[nextChange].changedAt < review.reviewedAt {
                state = Self.moved(state, by: changes[nextChange], using: scheduler)
                nextChange += 1
            }
            if Profile.isLapse(before: state, rating: review.rating) { lapses += 1 }
            let current = state ?? .new(at: review.reviewedAt)
            state =
                scheduler.review(current, rating: review.rating, at: review.reviewedAt, cardID: cardID)
                .storable
        }
        for change in changes[nextChange...] { state = Self.moved(state, by: change, using: scheduler) }
        return (state, lapses)
    }

    /// A card's state after a due change: moved, or a review card if it was new, with the memory
    /// state the scheduler infers from the change's SM-2 ease and interval if it has them (a
    /// "Set due date" made with FSRS off), else none.
    private static func moved(
        _ state: CardState?, by change: DueChange, using scheduler: some CardScheduling
    ) -> CardState {
        var moved = (state ?? .new(at: change.due)).moved(to: change.due)
        if moved.stability == nil, moved.lastReview == nil, let ease = change.ease,
            let interval = change.interval, let memory = scheduler.memory(fromEase: ease, interval: interval)
        {
            moved.stability = memory.stability
            moved.difficulty = memory.difficulty
        }
        return moved
    }
}
