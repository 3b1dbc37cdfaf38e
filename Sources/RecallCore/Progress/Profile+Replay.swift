import Foundation

extension Profile {
    /// The profile with every reviewed card's state and lapse count rebuilt from the log.
    ///
    /// Each card's reviews are replayed in time order (ties keep log order) from a new card, with
    /// its due changes (`dueChanges`) applied in time order among them (after an answer at the
    /// same time): a due change moves the card and keeps the rest of its state. States of cards
    /// without reviews and all other flags are kept.
    public func replayed(using scheduler: some CardScheduling) -> Profile {
        var byCard: [String: [Int]] = [:]
        for (index, review) in reviews.enumerated() {
            byCard[review.cardID, default: []].append(index)
        }
        let changesByCard = Dictionary(grouping: dueChanges, by: \.cardID)
            .mapValues { $0.sorted(by: DueChange.logOrder) }
        var result = self
        for (cardID, indices) in byCard {
            let ordered = indices.sorted { lhs, rhs in
                let a = reviews[lhs].reviewedAt
                let b = reviews[rhs].reviewedAt
                return a != b ? a < b : lhs < rhs
            }
            let changes = changesByCard[cardID] ?? []
            var nextChange = changes.startIndex
            var state: CardState?
            var lapses = 0
            for index in ordered {
                let review = reviews[index]
                while nextChange < changes.endIndex, changes[nextChange].changedAt < review.reviewedAt {
                    state?.due = changes[nextChange].due
                    nextChange += 1
                }
                if Profile.isLapse(before: state, rating: review.rating) { lapses += 1 }
                let current = state ?? .new(at: review.reviewedAt)
                state =
                    scheduler.review(
                        current, rating: review.rating, at: review.reviewedAt, cardID: cardID
                    ).storable
            }
            for change in changes[nextChange...] { state?.due = change.due }
            result.states[cardID] = state
            var cardFlags = result.flags(of: cardID)
            cardFlags.lapses = lapses
            result.storeFlags(cardFlags, for: cardID)
        }
        // A card with due changes and no answers keeps its state, moved.
        for (cardID, changes) in changesByCard where byCard[cardID] == nil {
            guard let last = changes.last, result.states[cardID] != nil else { continue }
            result.states[cardID]?.due = last.due
        }
        return result
    }

    /// Cards whose stored state differs from what replaying the log gives.
    public func cardsDifferingFromReplay(using scheduler: some CardScheduling) -> [String] {
        let rebuilt = replayed(using: scheduler)
        let ids = Set(states.keys).union(rebuilt.states.keys)
        return ids.filter { states[$0] != rebuilt.states[$0] || flags[$0] != rebuilt.flags[$0] }.sorted()
    }
}
