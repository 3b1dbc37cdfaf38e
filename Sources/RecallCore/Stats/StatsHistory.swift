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
    private(set) var days: DayTallies

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
        let answers = Answers(log: log, logNumbers: logNumbers)
        // Cards replay independently: a share of the reviews on each core, whole cards to a shard.
        let count = Parallel.shardCount(for: answers.count)
        let boundaries = (0...count).map { answers.firstCard(atReview: $0 * answers.count / count) }
        let window = Self.window(from: answers.earliest, to: answers.latest, calendar: calendar)
        let shards = Parallel.map(shards: count) { shard in
            answers.replay(
                cards: boundaries[shard]..<boundaries[shard + 1], window: window, calendar: calendar,
                scheduler: scheduler)
        }
        var tallies: [CardTally] = []
        tallies.reserveCapacity(cards.count)
        var days = DayTallies(window: window)
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
        var isTaken = [Bool](repeating: false, count: log.cardIDs.count)
        var unlogged: Set<String> = []
        var logNumbers: [Int32] = []
        logNumbers.reserveCapacity(cards.count)
        var repeated: [Int] = []
        for (index, card) in cards.enumerated() {
            var id = card.id
            if let number = id.withUTF8({ log.cards.find(utf8: UnsafeRawBufferPointer($0)) }) {
                guard !isTaken[Int(number)] else {
                    repeated.append(index)
                    continue
                }
                isTaken[Int(number)] = true
                logNumbers.append(number)
            } else {
                guard unlogged.insert(id).inserted else {
                    repeated.append(index)
                    continue
                }
                logNumbers.append(-1)
            }
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

    /// The study days kept in a dense array: those of the log's first and last review (a day
    /// either side for daylight saving), at most `DayTallies.maximumWindow` of them.
    private static func window(from earliest: Double, to latest: Double, calendar: StudyCalendar)
        -> ClosedRange<Int>
    {
        guard earliest <= latest else { return 0...0 }
        let first = calendar.day(of: Date(timeIntervalSinceReferenceDate: earliest)) - 1
        let last = calendar.day(of: Date(timeIntervalSinceReferenceDate: latest)) + 1
        return max(first, last - DayTallies.maximumWindow)...last
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
    /// One review as the replay needs it.
    private struct Answer {
        var time: Double
        /// The position in the log: the replay's order among reviews at the same time.
        var position: Int32
        var rating: Rating
    }

    /// The live reviews of the covered cards grouped by card (a counting sort over the log, in
    /// log order within a card), compacted to what the replay reads.
    private struct Answers: Sendable {
        /// The reviews of card `c` are `answers[starts[c]..<starts[c + 1]]`.
        private var starts: [Int]
        private var answers: [Answer] = []
        /// The times of the first and last review (infinity and -infinity without reviews).
        private(set) var earliest = Double.infinity
        private(set) var latest = -Double.infinity

        var count: Int { answers.count }

        init(log: ReviewLog, logNumbers: [Int32]) {
            // The log's card numbers → covered cards (-1: not covered).
            var covered = [Int32](repeating: -1, count: log.cardIDs.count)
            for (card, number) in logNumbers.enumerated() where number >= 0 {
                covered[Int(number)] = Int32(card)
            }
            var starts = [Int](repeating: 0, count: logNumbers.count + 1)
            var earliest = Double.infinity
            var latest = -Double.infinity
            log.entries.withUnsafeBufferPointer { entries in
                for entry in entries where !entry.isRemoved {
                    let card = covered[Int(entry.card)]
                    guard card >= 0 else { continue }
                    starts[Int(card) + 1] += 1
                    earliest = min(earliest, entry.time)
                    latest = max(latest, entry.time)
                }
            }
            for card in logNumbers.indices { starts[card + 1] += starts[card] }
            var fill = starts
            let total = starts[logNumbers.count]
            answers = [Answer](unsafeUninitializedCapacity: total) { buffer, initialized in
                log.entries.withUnsafeBufferPointer { entries in
                    for (position, entry) in entries.enumerated() where !entry.isRemoved {
                        let card = Int(covered[Int(entry.card)])
                        guard card >= 0 else { continue }
                        buffer.initializeElement(
                            at: fill[card],
                            to: Answer(time: entry.time, position: Int32(position), rating: entry.rating))
                        fill[card] += 1
                    }
                }
                initialized = total
            }
            self.starts = starts
            self.earliest = earliest
            self.latest = latest
        }

        /// The first card whose reviews begin at or after review `index` (the card count past the end).
        func firstCard(atReview index: Int) -> Int {
            // The first start ≥ index, over cards 0...count.
            var low = 0
            var high = starts.count - 1
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] < index { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// Replays the reviews of `cards` (each card's in time order, ties in log order: the order
        /// replay uses; a card's log is usually in order already).
        func replay(
            cards: Range<Int>, window: ClosedRange<Int>, calendar: StudyCalendar, scheduler: Scheduler
        ) -> (tallies: [CardTally], days: DayTallies) {
            var tallies = [CardTally](repeating: CardTally(), count: cards.count)
            var days = DayTallies(window: window)
            var calendarDays = StudyDayCache(calendar: calendar)
            let new = CardState.new(at: Date(timeIntervalSinceReferenceDate: 0))
            func replay(_ reviews: UnsafeBufferPointer<Answer>) -> CardTally {
                var tally = CardTally()
                // The phase and step alone: they never depend on the memory model.
                var phase = new.phase
                var step = new.step
                var isReviewPhase = false  // before its first review a card is new
                for review in reviews {
                    let passed = review.rating != .again
                    tally.reviews += 1
                    if !passed { tally.again += 1 }
                    if isReviewPhase {
                        tally.reviewPhase += 1
                        if passed { tally.passed += 1 }
                    }
                    days.count(
                        day: calendarDays.day(of: Date(timeIntervalSinceReferenceDate: review.time)),
                        isReviewPhase: isReviewPhase, passed: passed)
                    (phase, step, _) = scheduler.move(from: phase, step: step, rating: review.rating)
                    isReviewPhase = phase == .review
                }
                return tally
            }
            answers.withUnsafeBufferPointer { answers in
                for card in cards where starts[card] < starts[card + 1] {
                    let reviews = UnsafeBufferPointer(rebasing: answers[starts[card]..<starts[card + 1]])
                    let isInOrder = zip(reviews, reviews.dropFirst()).allSatisfy { $0.time <= $1.time }
                    tallies[card - cards.lowerBound] =
                        isInOrder
                        ? replay(reviews)
                        : reviews.sorted {
                            $0.time != $1.time ? $0.time < $1.time : $0.position < $1.position
                        }
                        .withUnsafeBufferPointer(replay)
                }
            }
            return (tallies, days)
        }
    }
}

/// Tallies by study day: a dense array over a window of days (the log's), and a dictionary for
/// any day outside it (a review dated centuries away).
struct DayTallies: Sendable {
    /// The most days kept in the dense array.
    static let maximumWindow = 1 << 16

    private let first: Int
    private var dense: [StatsHistory.DayTally]
    private var outliers: [Int: StatsHistory.DayTally] = [:]

    init(window: ClosedRange<Int>) {
        first = window.lowerBound
        dense = Array(repeating: StatsHistory.DayTally(), count: window.count)
    }

    subscript(day: Int) -> StatsHistory.DayTally {
        let offset = day &- first
        return dense.indices.contains(offset) ? dense[offset] : outliers[day] ?? StatsHistory.DayTally()
    }

    /// Counts one review on `day`.
    mutating func count(day: Int, isReviewPhase: Bool, passed: Bool) {
        let offset = day &- first
        if dense.indices.contains(offset) {
            Self.count(&dense[offset], isReviewPhase: isReviewPhase, passed: passed)
        } else {
            Self.count(
                &outliers[day, default: StatsHistory.DayTally()], isReviewPhase: isReviewPhase, passed: passed
            )
        }
    }

    private static func count(_ tally: inout StatsHistory.DayTally, isReviewPhase: Bool, passed: Bool) {
        tally.reviews += 1
        if isReviewPhase {
            tally.reviewPhase += 1
            if passed { tally.passed += 1 }
        }
    }

    /// Adds the tallies of `other`, whose window is the same.
    mutating func add(_ other: DayTallies) {
        assert(other.first == first && other.dense.count == dense.count, "different windows")
        for offset in dense.indices {
            dense[offset].reviews += other.dense[offset].reviews
            dense[offset].reviewPhase += other.dense[offset].reviewPhase
            dense[offset].passed += other.dense[offset].passed
        }
        for (day, tally) in other.outliers {
            outliers[day, default: StatsHistory.DayTally()].reviews += tally.reviews
            outliers[day, default: StatsHistory.DayTally()].reviewPhase += tally.reviewPhase
            outliers[day, default: StatsHistory.DayTally()].passed += tally.passed
        }
    }

    /// The days with at least one review.
    var counted: [(day: Int, tally: StatsHistory.DayTally)] {
        dense.indices.filter { dense[$0].reviews > 0 }.map { (first + $0, dense[$0]) }
            + outliers.map { ($0.key, $0.value) }
    }
}
