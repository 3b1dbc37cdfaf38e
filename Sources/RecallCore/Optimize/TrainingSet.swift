import Foundation

/// Reviews turned into fsrs-rs's training items, stored card by card.
///
/// fsrs-rs makes one item per review at least a whole day after the previous one, holding that
/// review (the target: recalled unless rated Again) and every earlier review of the card
/// (training.rs, §8 of fsrs6.md). Every item of a card is a prefix of the card's history, so the
/// items are kept here as the card's reviews with a weight on each target review (zero on the
/// others): evaluation makes one pass over each card for all of its items, and training replays
/// a card once per batch up to the last of its items in that batch.
struct TrainingSet: Sendable {
    /// fsrs-rs drops items with more reviews than this (`max_seq_len`).
    static let maximumItemLength = 256

    /// A card's reviews: rating 1…4 and whole days since the previous review (0 for the first).
    struct Card: Sendable {
        var ratings: [UInt8]
        var elapsedDays: [Int32]
        var times: [Double]

        /// Index of the first review a whole day or more after the previous one (the first target).
        var firstLongTermIndex: Int? {
            elapsedDays.indices.dropFirst().first { elapsedDays[$0] > 0 }
        }

        var targetCount: Int { elapsedDays.dropFirst().count { $0 > 0 } }
    }

    /// One training item: the review `review` of card `card` with every review before it.
    struct Item: Sendable, Hashable {
        var card: Int32
        var review: Int32
    }

    var cards: [Card]
    /// The recency weight of each review of each card; 0 where the review is not a target.
    var weights: [[Double]]
    var itemCount: Int
    /// The same reviews laid end to end, card after card, for the training loop: card `c`'s
    /// reviews are `reviewStart[c]..<reviewStart[c + 1]`. Reading these through buffer pointers
    /// costs no reference counting, where taking `cards[c]` retains three arrays per item.
    var reviewStart: [Int]
    var flatRatings: [UInt8]
    var flatElapsedDays: [Int32]
    var flatWeights: [Double]

    /// Cards from a history, elapsed days counted as the scheduler counts them (whole 24-hour
    /// periods), each cut to `maximumItemLength` reviews (later items would be dropped anyway).
    static func cards(from history: ReviewHistory) -> [Card] {
        history.cards.compactMap { entries -> Card? in
            guard let first = entries.first else { return nil }
            let kept = entries.prefix(maximumItemLength)
            var card = Card(ratings: [], elapsedDays: [], times: [])
            card.ratings.reserveCapacity(kept.count)
            var previous = first.time
            for entry in kept {
                card.ratings.append(UInt8(entry.rating.rawValue))
                card.elapsedDays.append(Int32(clamping: Scheduler.wholeDays(from: previous, to: entry.time)))
                card.times.append(entry.time.timeIntervalSince1970)
                previous = entry.time
            }
            return card
        }
    }

    /// Weights the targets of `cards` by recency: the i-th of n items in time order gets
    /// `0.25 + 0.75·(i/(n-1))³` (fsrs-rs `recency_weighted_fsrs_items`).
    init(cards: [Card]) {
        self.cards = cards
        var targets: [(time: Double, card: Int, review: Int)] = []
        for (cardIndex, card) in cards.enumerated() {
            for review in card.elapsedDays.indices.dropFirst() where card.elapsedDays[review] > 0 {
                targets.append((card.times[review], cardIndex, review))
            }
        }
        targets.sort { ($0.time, $0.card, $0.review) < ($1.time, $1.card, $1.review) }
        weights = cards.map { [Double](repeating: 0, count: $0.ratings.count) }
        let last = Double(max(targets.count - 1, 1))
        for (order, target) in targets.enumerated() {
            let fraction = Double(order) / last
            weights[target.card][target.review] = 0.25 + 0.75 * fraction * fraction * fraction
        }
        itemCount = targets.count
        reviewStart = [0]
        reviewStart.reserveCapacity(cards.count + 1)
        flatRatings = []
        flatElapsedDays = []
        flatWeights = []
        for (card, cardWeights) in zip(cards, weights) {
            flatRatings += card.ratings
            flatElapsedDays += card.elapsedDays
            flatWeights += cardWeights
            reviewStart.append(flatRatings.count)
        }
    }

    /// Every item, in time order of its target review.
    var items: [Item] {
        var result: [(time: Double, item: Item)] = []
        result.reserveCapacity(itemCount)
        for (cardIndex, card) in cards.enumerated() {
            for review in card.elapsedDays.indices.dropFirst() where card.elapsedDays[review] > 0 {
                result.append((card.times[review], Item(card: Int32(cardIndex), review: Int32(review))))
            }
        }
        result.sort { ($0.time, $0.item.card, $0.item.review) < ($1.time, $1.item.card, $1.item.review) }
        return result.map(\.item)
    }

    /// fsrs-rs's outlier filter (dataset.rs `filter_outlier`): groups cards by first rating and
    /// the elapsed days of their first long-term review; per rating, drops the smallest groups
    /// until max(20, 5 %) of the items are gone, and groups under 6 items or beyond 100 days
    /// (365 for Easy). Every item of a card shares that pair, so whole cards are dropped.
    static func removingOutliers(_ cards: [Card]) -> [Card] {
        var groups: [Int: [Int32: Int]] = [:]
        for card in cards {
            guard let index = card.firstLongTermIndex else { continue }
            groups[Int(card.ratings[0]), default: [:]][card.elapsedDays[index], default: 0] += 1
        }
        var removed: Set<[Int32]> = []
        for (rating, byDays) in groups {
            let ordered = byDays.sorted { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }
            let total = ordered.reduce(0) { $0 + $1.value }
            var removedCount = 0
            for (days, size) in ordered {
                if removedCount + size >= max(20, total / 20) {
                    if size < 6 || days > (rating == 4 ? 365 : 100) {
                        removed.insert([Int32(rating), days])
                    }
                } else {
                    removedCount += size
                    removed.insert([Int32(rating), days])
                }
            }
        }
        return cards.filter { card in
            guard let index = card.firstLongTermIndex else { return false }
            return !removed.contains([Int32(card.ratings[0]), card.elapsedDays[index]])
        }
    }
}
