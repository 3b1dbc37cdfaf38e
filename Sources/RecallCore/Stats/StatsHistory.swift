import Foundation

/// The review log of a set of cards replayed once, as the statistics need it: reviews per study
/// day, and every Review-phase review (what true retention counts) with its outcome.
struct StatsHistory {
    /// One review of a card that had graduated (the Review phase).
    struct Outcome {
        var day: Int
        var card: Int
        var passed: Bool
    }

    /// Everything counted about one card.
    struct CardTally {
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
    init(profile: Profile, cards: [Card], calendar: StudyCalendar, scheduler: Scheduler) {
        var neverDrawn = SplitMix64(seed: 0)  // fuzz is off
        self.cards = cards
        self.flags = cards.map { profile.flags(of: $0.id) }
        tallies = Array(repeating: CardTally(), count: cards.count)
        var position: [String: Int] = [:]
        for (index, card) in cards.enumerated() { position[card.id] = index }
        var byCard = [[Int]](repeating: [], count: cards.count)
        for (index, review) in profile.reviews.enumerated() {
            guard let card = position[review.cardID] else { continue }
            byCard[card].append(index)
        }
        let reviews = profile.reviews
        let times = reviews.map(\.reviewedAt)
        for (card, indices) in byCard.enumerated() where !indices.isEmpty {
            // Time order, ties in log order: the order replay uses. A card's log is usually in
            // order already.
            let inOrder = zip(indices, indices.dropFirst()).allSatisfy { times[$0] <= times[$1] }
            let ordered =
                inOrder
                ? indices
                : indices.sorted { lhs, rhs in
                    times[lhs] != times[rhs] ? times[lhs] < times[rhs] : lhs < rhs
                }
            var state: CardState?
            for index in ordered {
                let review = reviews[index]
                let day = calendar.day(of: review.reviewedAt)
                reviewsPerDay[day, default: 0] += 1
                let passed = review.rating != .again
                tallies[card].reviews += 1
                if !passed { tallies[card].again += 1 }
                if state?.phase == .review {
                    outcomes.append(Outcome(day: day, card: card, passed: passed))
                    if !passed { tallies[card].lapses += 1 }
                }
                state = scheduler.review(
                    state ?? .new(at: review.reviewedAt), rating: review.rating, at: review.reviewedAt,
                    using: &neverDrawn)
            }
        }
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
