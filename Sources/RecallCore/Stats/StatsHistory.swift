import Foundation

/// The review log of a set of cards replayed once, as the statistics need it: reviews per study
/// day, and every Review-phase review (what true retention counts) with its outcome.
struct StatsHistory {
    /// One review of a card that had graduated (the Review phase).
    struct Outcome: Sendable {
        var day: Int
        var card: Int
        var passed: Bool
    }

    /// Everything counted about one card.
    struct CardTally: Sendable {
        var reviews = 0
        var again = 0
        var lapses = 0
    }

    let cards: [Card]
    let flags: [CardFlags]
    private(set) var reviewsPerDay: [Int: Int] = [:]
    private(set) var outcomes: [Outcome] = []
    private(set) var tallies: [CardTally]

    /// - Parameter scheduler: the profile's scheduler with fuzz off (only the phases are used).
    init(profile: StreamedProfile, cards: [Card], calendar: StudyCalendar, scheduler: Scheduler) {
        self.cards = cards
        self.flags = cards.map { profile.profile.flags(of: $0.id) }
        var position: [String: Int] = [:]
        for (index, card) in cards.enumerated() { position[card.id] = index }
        let log = profile.log
        // The log's card numbers → covered cards (-1: not covered).
        let covered = log.cardIDs.map { position[$0] ?? -1 }
        // The log's positions grouped by card, in log order (a counting sort, no array per card).
        var starts = [Int](repeating: 0, count: cards.count + 1)
        for entry in log.entries where !entry.isRemoved {
            let card = covered[Int(entry.card)]
            if card >= 0 { starts[card + 1] += 1 }
        }
        for card in cards.indices { starts[card + 1] += starts[card] }
        var fill = starts
        var positions = [Int](repeating: 0, count: starts[cards.count])
        for (index, entry) in log.entries.enumerated() where !entry.isRemoved {
            let card = covered[Int(entry.card)]
            guard card >= 0 else { continue }
            positions[fill[card]] = index
            fill[card] += 1
        }
        // Cards replay independently: a share of them on each core.
        let count = Parallel.shardCount(for: positions.count)
        let shards = Parallel.map(shards: count) { [positions, starts, cards] shard in
            Self.replay(
                log: log, positions: positions, starts: starts,
                cards: (shard * cards.count / count)..<((shard + 1) * cards.count / count),
                calendar: calendar,
                scheduler: scheduler)
        }
        var tallies = Array(repeating: CardTally(), count: cards.count)
        for shard in shards {
            for (day, count) in shard.reviewsPerDay { reviewsPerDay[day, default: 0] += count }
            outcomes += shard.outcomes
            for (card, tally) in shard.tallies { tallies[card] = tally }
        }
        self.tallies = tallies
    }

    private struct Shard: Sendable {
        var reviewsPerDay: [Int: Int] = [:]
        var outcomes: [Outcome] = []
        var tallies: [(card: Int, tally: CardTally)] = []
    }

    /// Replays the reviews of `cards` (each card's in time order, ties in log order: the order
    /// replay uses; a card's log is usually in order already).
    private static func replay(
        log: ReviewLog, positions: [Int], starts: [Int], cards: Range<Int>, calendar: StudyCalendar,
        scheduler: Scheduler
    ) -> Shard {
        var neverDrawn = SplitMix64(seed: 0)  // fuzz is off
        var shard = Shard()
        var days = StudyDayCache(calendar: calendar)
        let entries = log.entries
        for card in cards where starts[card] < starts[card + 1] {
            let indices = positions[starts[card]..<starts[card + 1]]
            let inOrder = zip(indices, indices.dropFirst()).allSatisfy {
                entries[$0].time <= entries[$1].time
            }
            let ordered =
                inOrder
                ? Array(indices)
                : indices.sorted { lhs, rhs in
                    entries[lhs].time != entries[rhs].time ? entries[lhs].time < entries[rhs].time : lhs < rhs
                }
            var tally = CardTally()
            var state: CardState?
            for index in ordered {
                let review = entries[index]
                let reviewedAt = review.reviewedAt
                let day = days.day(of: reviewedAt)
                shard.reviewsPerDay[day, default: 0] += 1
                let passed = review.rating != .again
                tally.reviews += 1
                if !passed { tally.again += 1 }
                if state?.phase == .review {
                    shard.outcomes.append(Outcome(day: day, card: card, passed: passed))
                    if !passed { tally.lapses += 1 }
                }
                state = scheduler.review(
                    state ?? .new(at: reviewedAt), rating: review.rating, at: reviewedAt, using: &neverDrawn)
            }
            shard.tallies.append((card, tally))
        }
        return shard
    }

    /// True retention over the `days` study days ending on `today`.
    func trueRetention(days: Int, endingOn today: Int) -> StatsReport.RetentionWindow {
        let window = outcomes.filter { $0.day > today - days && $0.day <= today }
        return StatsReport.RetentionWindow(
            days: days, reviews: window.count, passed: window.filter(\.passed).count)
    }

    /// The cards with at least one Again: most lapses first, then the lowest share of correct answers.
    func hardest(limit: Int) -> [StatsReport.HardCard] {
        let hard = cards.indices.filter { tallies[$0].again > 0 }.map { index in
            let card = cards[index]
            let tally = tallies[index]
            return StatsReport.HardCard(
                id: card.id, prompt: card.prompt, attribute: card.topic, kind: card.kind.rawValue,
                lapses: tally.lapses, reviews: tally.reviews, again: tally.again,
                isLeech: flags[index].isLeech, isSuspended: flags[index].isSuspended)
        }
        let sorted = hard.sorted { a, b in
            if a.lapses != b.lapses { return a.lapses > b.lapses }
            if a.rate != b.rate { return a.rate < b.rate }
            if a.reviews != b.reviews { return a.reviews > b.reviews }
            return a.id < b.id
        }
        return Array(sorted.prefix(max(0, limit)))
    }
}
