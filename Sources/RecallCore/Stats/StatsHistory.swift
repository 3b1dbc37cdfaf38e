import Foundation

/// The review log of a set of cards replayed once, as the statistics need it: per card its
/// reviews, Agains and Review-phase outcomes, and per study day its reviews and Review-phase
/// outcomes (what true retention counts).
///
/// The cards are numbered once (each covered card's number in the log's card table, one lookup
/// per card, not per review); everything after works on arrays indexed by those numbers.
struct StatsHistory {
    /// Everything counted about one card.
    struct CardTally: Sendable, Hashable {
        var reviews = 0
        var again = 0
        /// Reviews while the card was in the Review phase (graduated), and those not rated Again.
        var reviewPhase = 0
        var passed = 0

        /// Times the card was forgotten after it had graduated.
        var lapses: Int { reviewPhase - passed }
    }

    /// Everything counted about one study day.
    struct DayTally: Sendable, Hashable {
        var reviews = 0
        /// Reviews of cards in the Review phase, and those not rated Again.
        var reviewPhase = 0
        var passed = 0
    }

    /// The cards covered, each once.
    let cards: [Card]
    /// Each card's tally, by its index in `cards`.
    private(set) var tallies: [CardTally]
    private(set) var days: Days

    /// - Parameters:
    ///   - cards: the cards covered, each once (see `distinct(_:in:)`).
    ///   - scheduler: the profile's scheduler (only its learning and relearning steps are used).
    init(profile: StreamedProfile, cards: [Card], calendar: StudyCalendar, scheduler: Scheduler) {
        self.init(
            log: profile.log, cards: cards, logNumbers: Self.distinct(cards, in: profile.log).logNumbers,
            calendar: calendar, scheduler: scheduler)
    }

    /// - Parameters:
    ///   - logNumbers: each card's number in `log.cardIDs`, or -1 for a card the log
    ///     never mentions (as `distinct(_:in:)` gives them).
    ///   - scheduler: the profile's scheduler (only its learning and relearning steps are used).
    init(log: ReviewLog, cards: [Card], logNumbers: [Int32], calendar: StudyCalendar, scheduler: Scheduler) {
        self.cards = cards
        // The log's card numbers → covered cards (-1: not covered).
        var covered = [Int32](repeating: -1, count: log.cardIDs.count)
        for (card, number) in logNumbers.enumerated() where number >= 0 { covered[Int(number)] = Int32(card) }
        // Cards replay independently: a share of them on each core, each share's reviews read in
        // log order (no grouping by card).
        let count = Parallel.shardCount(for: log.entries.count / 64)
        let shards = Parallel.map(shards: count) { [covered] shard in
            Self.replay(
                log: log, covered: covered,
                cards: Parallel.range(ofShard: shard, of: count, count: cards.count),
                calendar: calendar, scheduler: scheduler)
        }
        var tallies: [CardTally] = []
        tallies.reserveCapacity(cards.count)
        var days = Days()
        for shard in shards {
            tallies += shard.tallies
            days.add(shard.days)
        }
        self.tallies = tallies
        self.days = days
    }

    /// `cards` without repeated ids (the first of each kept, as a `Set<String>` would keep), and
    /// each kept card's number in the log's card table (-1: not in the log). A card the log
    /// mentions is recognised by its number, so only the others are hashed as `String`s.
    static func distinct(_ cards: [Card], in log: ReviewLog) -> (cards: [Card], logNumbers: [Int32]) {
        // Each card's number, all looked up at once; then the first of each id kept.
        let found = log.cards.numbers(of: cards.map(\.id))
        var isTaken = [Bool](repeating: false, count: log.cardIDs.count)
        var unlogged: Set<String> = []
        var logNumbers: [Int32] = []
        logNumbers.reserveCapacity(cards.count)
        var repeated: [Int] = []
        for (index, number) in found.enumerated() {
            let isFirst =
                number >= 0
                ? !isTaken[Int(number)] : unlogged.insert(cards[index].id).inserted
            guard isFirst else {
                repeated.append(index)
                continue
            }
            if number >= 0 { isTaken[Int(number)] = true }
            logNumbers.append(number)
        }
        guard !repeated.isEmpty else { return (cards, logNumbers) }
        var kept: [Card] = []
        kept.reserveCapacity(logNumbers.count)
        var next = repeated.makeIterator()
        var skip = next.next()
        for (index, card) in cards.enumerated() {
            if index == skip {
                skip = next.next()
            } else {
                kept.append(card)
            }
        }
        return (kept, logNumbers)
    }

    /// Reviews in the log of the cards covered.
    var totalReviews: Int { tallies.reduce(0) { $0 + $1.reviews } }

    /// Reviews per study day, for days with reviews.
    var reviewsPerDay: [Int: Int] {
        Dictionary(uniqueKeysWithValues: days.counted.map { ($0.day, $0.tally.reviews) })
    }

    /// True retention over the `days` study days ending on `today`.
    func trueRetention(days count: Int, endingOn today: Int) -> StatsReport.RetentionWindow {
        var reviews = 0
        var passed = 0
        for day in stride(from: today, to: today - count, by: -1) {
            let tally = days[day]
            reviews += tally.reviewPhase
            passed += tally.passed
        }
        return StatsReport.RetentionWindow(days: count, reviews: reviews, passed: passed)
    }

    /// The cards with at least one Again: most lapses first, then the lowest share of correct
    /// answers. Only the first `limit` are made into `HardCard`s.
    func hardest(limit: Int, flags: (String) -> CardFlags) -> [StatsReport.HardCard] {
        let limit = max(0, limit)
        var top: [Int] = []
        if limit <= 64 {
            // A short sorted list: most cards lose to its last one on their lapses alone.
            for index in tallies.indices where tallies[index].again > 0 {
                if top.count == limit {
                    guard let last = top.last, isHarder(index, than: last) else { continue }
                    top.removeLast()
                }
                let place = top.firstIndex { isHarder(index, than: $0) } ?? top.count
                top.insert(index, at: place)
            }
        } else {
            top = Array(
                tallies.indices.filter { tallies[$0].again > 0 }.sorted(by: isHarder(_:than:)).prefix(limit))
        }
        return top.map { index in
            let card = cards[index]
            let tally = tallies[index]
            let flags = flags(card.id)
            return StatsReport.HardCard(
                id: card.id, prompt: card.prompt, attribute: card.topic, kind: card.kind.rawValue,
                lapses: tally.lapses, reviews: tally.reviews, again: tally.again,
                isLeech: flags.isLeech, isSuspended: flags.isSuspended)
        }
    }

    /// The order of `hardest`: more lapses, then a lower share of correct answers, then more
    /// reviews, then the card id.
    private func isHarder(_ a: Int, than b: Int) -> Bool {
        let x = tallies[a]
        let y = tallies[b]
        if x.lapses != y.lapses { return x.lapses > y.lapses }
        let rates = (
            StatsReport.HardCard.rate(reviews: x.reviews, again: x.again),
            StatsReport.HardCard.rate(reviews: y.reviews, again: y.again)
        )
        if rates.0 != rates.1 { return rates.0 < rates.1 }
        if x.reviews != y.reviews { return x.reviews > y.reviews }
        return cards[a].id < cards[b].id
    }
}
