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

extension StatsHistory {
    /// A card's phase followed through its reviews by `Scheduler.move`, from new.
    /// Compact (8 bytes), as the replay keeps one per card and reads it for every review.
    struct PhaseTrack {
        private var phase: CardState.Phase
        /// The step, -1 for none (steps count (re)learning steps: small).
        private var step: Int32
        /// Whether the card is in the Review phase (false before its first review).
        private(set) var isReviewPhase = false

        init() {
            let new = CardState.new(at: Date(timeIntervalSinceReferenceDate: 0))
            phase = new.phase
            step = new.step.map { Int32(clamping: $0) } ?? -1
        }

        mutating func answer(_ rating: Rating, scheduler: Scheduler) {
            let next = scheduler.move(from: phase, step: step < 0 ? nil : Int(step), rating: rating)
            phase = next.phase
            step = next.step.map { Int32(clamping: $0) } ?? -1
            isReviewPhase = phase == .review
        }
    }

    /// One review of a card whose log is out of time order.
    private struct Answer {
        var time: Double
        var rating: Rating
    }

    /// Replays the reviews of `cards` in log order. A card whose log is out of time order (it
    /// is rare) is replayed again afterwards in time order, ties in log order (the order replay
    /// uses), and its Review-phase counts corrected.
    private static func replay(
        log: ReviewLog, covered: [Int32], cards: Range<Int>, calendar: StudyCalendar, scheduler: Scheduler
    ) -> (tallies: [CardTally], days: Days) {
        /// A card's tally and track, compact (40 bytes): one per card, read for every review.
        struct Replayed {
            var latest = -Double.infinity
            var reviews: Int32 = 0
            var again: Int32 = 0
            var reviewPhase: Int32 = 0
            var passed: Int32 = 0
            var track = PhaseTrack()
            var isDisordered = false

            var tally: CardTally {
                CardTally(
                    reviews: Int(reviews), again: Int(again), reviewPhase: Int(reviewPhase),
                    passed: Int(passed))
            }

            /// Counts a review (`reviews`: 1, or 0 to count only its Review-phase outcome).
            mutating func count(isReviewPhase: Bool, passed isPassed: Bool, reviews count: Int32 = 1) {
                reviews += count
                if !isPassed { again += count }
                if isReviewPhase {
                    reviewPhase += 1
                    if isPassed { passed += 1 }
                }
            }
        }
        var replayed = [Replayed](repeating: Replayed(), count: cards.count)
        var days = Days()
        var calendarDays = StudyDayCache(calendar: calendar)
        var disordered = 0
        replayed.withUnsafeMutableBufferPointer { replayed in
            log.entries.withUnsafeBufferPointer { entries in
                for entry in entries where !entry.isRemoved {
                    let card = Int(covered[Int(entry.card)])
                    guard cards.contains(card) else { continue }
                    let local = card - cards.lowerBound
                    let passed = entry.rating != .again
                    let isReviewPhase = replayed[local].track.isReviewPhase
                    replayed[local].count(isReviewPhase: isReviewPhase, passed: passed)
                    days.add(
                        DayTally(reviews: 1, isReviewPhase: isReviewPhase, passed: passed),
                        on: calendarDays.day(of: entry.reviewedAt))
                    replayed[local].track.answer(entry.rating, scheduler: scheduler)
                    if entry.time < replayed[local].latest {
                        if !replayed[local].isDisordered { disordered += 1 }
                        replayed[local].isDisordered = true
                    } else {
                        replayed[local].latest = entry.time
                    }
                }
            }
        }
        if disordered > 0 {
            // Their reviews in log order, then each card's Review-phase counts taken back and
            // counted again in time order (a stable sort keeps ties in log order).
            var answers: [Int: [Answer]] = [:]
            for entry in log.reviews {
                let card = Int(covered[Int(entry.card)])
                guard cards.contains(card), replayed[card - cards.lowerBound].isDisordered else { continue }
                answers[card - cards.lowerBound, default: []].append(
                    Answer(time: entry.time, rating: entry.rating))
            }
            for (index, inLogOrder) in answers {
                var track = PhaseTrack()
                for answer in inLogOrder {
                    let day = calendarDays.day(of: Date(timeIntervalSinceReferenceDate: answer.time))
                    var taken = DayTally(
                        reviews: 0, isReviewPhase: track.isReviewPhase, passed: answer.rating != .again)
                    taken.negate()
                    days.add(taken, on: day)
                    track.answer(answer.rating, scheduler: scheduler)
                }
                replayed[index].reviewPhase = 0
                replayed[index].passed = 0
                track = PhaseTrack()
                for answer in Self.timeOrdered(inLogOrder) {
                    let day = calendarDays.day(of: Date(timeIntervalSinceReferenceDate: answer.time))
                    let passed = answer.rating != .again
                    days.add(
                        DayTally(reviews: 0, isReviewPhase: track.isReviewPhase, passed: passed), on: day)
                    replayed[index].count(isReviewPhase: track.isReviewPhase, passed: passed, reviews: 0)
                    track.answer(answer.rating, scheduler: scheduler)
                }
            }
        }
        return (replayed.map(\.tally), days)
    }

    /// `answers` (in log order) by time, ties kept in log order.
    private static func timeOrdered(_ answers: [Answer]) -> [Answer] {
        answers.enumerated().sorted { lhs, rhs in
            lhs.element.time != rhs.element.time
                ? lhs.element.time < rhs.element.time : lhs.offset < rhs.offset
        }.map(\.element)
    }

}

extension StatsHistory.DayTally {
    /// `reviews` reviews, of which one is counted as a Review-phase outcome if `isReviewPhase`.
    init(reviews: Int, isReviewPhase: Bool, passed: Bool) {
        self.init(
            reviews: reviews, reviewPhase: isReviewPhase ? 1 : 0, passed: isReviewPhase && passed ? 1 : 0)
    }

    mutating func add(_ other: Self) {
        reviews += other.reviews
        reviewPhase += other.reviewPhase
        passed += other.passed
    }

    mutating func negate() {
        reviews = -reviews
        reviewPhase = -reviewPhase
        passed = -passed
    }
}

extension StatsHistory {
    /// Tallies by study day: a dense array over the days reviews fall on (widened as they come, at
    /// most `maximumWindow` days), and a dictionary for any day beyond it (a review dated centuries
    /// away). A day is in one or the other for good: the array never narrows.
    struct Days: Sendable {
        /// The most days kept in the dense array.
        static let maximumWindow = 1 << 16

        private var first = 0
        private var dense: [DayTally] = []
        private var outliers: [Int: DayTally] = [:]

        subscript(day: Int) -> DayTally {
            let offset = day &- first
            return dense.indices.contains(offset) ? dense[offset] : outliers[day] ?? DayTally()
        }

        mutating func add(_ tally: DayTally, on day: Int) {
            if dense.indices.contains(day &- first) || makeRoom(for: day) {
                dense[day - first].add(tally)
            } else {
                outliers[day, default: DayTally()].add(tally)
            }
        }

        /// Adds the tallies of `other`.
        mutating func add(_ other: Days) {
            for (offset, tally) in other.dense.enumerated() where tally != DayTally() {
                add(tally, on: other.first + offset)
            }
            for (day, tally) in other.outliers { add(tally, on: day) }
        }

        /// Widens the dense array to hold `day` (doubling it, so that it widens seldom), unless that
        /// would take it past `maximumWindow` days.
        private mutating func makeRoom(for day: Int) -> Bool {
            guard !dense.isEmpty else {
                first = day
                dense = [DayTally()]
                return true
            }
            let last = first + dense.count - 1
            if day > last {
                let end = min(max(day, last + dense.count), first + Self.maximumWindow - 1)
                guard day <= end else { return false }
                dense += repeatElement(DayTally(), count: end - last)
            } else {
                let start = max(min(day, first - dense.count), last - Self.maximumWindow + 1)
                guard day >= start else { return false }
                dense.insert(contentsOf: repeatElement(DayTally(), count: first - start), at: 0)
                first = start
            }
            return true
        }

        /// The days with at least one review.
        var counted: [(day: Int, tally: DayTally)] {
            dense.indices.filter { dense[$0].reviews > 0 }.map { (first + $0, dense[$0]) }
                + outliers.filter { $0.value.reviews > 0 }.map { ($0.key, $0.value) }
        }
    }
}
