import Foundation

/// What the study queue, the card status and the session's summary ask of the log, kept so that
/// they need not scan the whole log: each card's first review time, its last wrong answer, how
/// many reviews fall in each quarter of an hour (the study days, whatever the calendar), and
/// whether the log is in time order (as it is unless clocks went backwards), in which case a
/// day's reviews are found by binary search.
///
/// Maintained by `ProgressStore` alongside its profile, and written into the snapshot of states
/// (as of its `log_sequence`), so that opening a profile reads the states and the log's tail only.
struct ReviewTimeIndex: Equatable, Sendable {
    private(set) var firstReviewedAt: [String: Date] = [:]
    /// The time of each card's last wrong answer, in log order (what `CardStatus.daysSinceWrong` reads).
    private(set) var lastWrongAt: [String: Date] = [:]
    /// Reviews per quarter of an hour since 1970 (only quarters with reviews). Every time zone's
    /// offset and every day boundary falls on a quarter hour, so a quarter lies in one study day
    /// of any calendar.
    private(set) var reviewsPerQuarter = QuarterCounts()
    /// Every review is dated no earlier than the one before it.
    private(set) var isChronological = true
    private(set) var lastTime: Date?

    init() {}

    init(_ reviews: [Review]) {
        firstReviewedAt.reserveCapacity(reviews.count / 8)
        for review in reviews { recorded(review) }
    }

    /// The index read from a snapshot.
    init(
        firstReviewedAt: [String: Date], lastWrongAt: [String: Date], reviewsPerQuarter: QuarterCounts,
        isChronological: Bool, lastTime: Date?
    ) {
        self.firstReviewedAt = firstReviewedAt
        self.lastWrongAt = lastWrongAt
        self.reviewsPerQuarter = reviewsPerQuarter
        self.isChronological = isChronological
        self.lastTime = lastTime
    }

    /// `base` (the index of the log up to some entry) followed by `reviews`, the log after it.
    init(base: ReviewTimeIndex, following reviews: [Review]) {
        self = base
        for review in reviews { recorded(review) }
    }

    static func quarter(of time: Date) -> Int {
        let quarter = (time.timeIntervalSince1970 / 900).rounded(.down)
        return quarter.isFinite && abs(quarter) < 1e15 ? Int(quarter) : 0
    }

    mutating func recorded(_ review: Review) {
        // One hash lookup per review (the default subscript's in-place modify), not two.
        let time = review.reviewedAt
        Self.updateEarliest(&firstReviewedAt[review.cardID, default: time], with: time)
        if review.verdict == .wrong { lastWrongAt[review.cardID] = time }
        reviewsPerQuarter.add(Self.quarter(of: time))
        if let lastTime, review.reviewedAt < lastTime { isChronological = false }
        lastTime = max(lastTime ?? review.reviewedAt, review.reviewedAt)
    }

    /// Follows taking back `review`, the last review of its card (so no other review of the card
    /// is later): `cardStillReviewed` says whether the log holds another review of it, and
    /// `lastWrong` is its last wrong answer left in the log. The log stays in time order if it
    /// was; `lastTime` may stay later than the log's end, which at worst marks a later review as
    /// out of order (the slower, still correct, search).
    mutating func undone(_ review: Review, cardStillReviewed: Bool, lastWrong: Date?) {
        if !cardStillReviewed { firstReviewedAt[review.cardID] = nil }
        lastWrongAt[review.cardID] = lastWrong
        reviewsPerQuarter.remove(Self.quarter(of: review.reviewedAt))
    }

    private static func updateEarliest(_ first: inout Date, with time: Date) {
        if time < first { first = time }
    }

    /// The study days (of `calendar`) with at least one review: the calendar is asked once a day
    /// studied, not once a quarter (a decade of daily study has a few hundred thousand quarters).
    func activeDays(calendar: StudyCalendar) -> Set<Int> {
        var days: Set<Int> = []
        var dayEnd = Int.min  // the first quarter after the day last asked about
        for quarter in reviewsPerQuarter.quarters where quarter >= dayEnd {
            let time = Date(timeIntervalSince1970: Double(quarter) * 900)
            days.insert(calendar.day(of: time))
            // Rounded down: at worst the same day is asked about again.
            let end = (calendar.endOfDay(containing: time).timeIntervalSince1970 / 900).rounded(.down)
            dayEnd = end.isFinite && abs(end) < 1e15 ? max(Int(end), quarter + 1) : quarter + 1
        }
        return days
    }

    /// The reviews of `reviews` (the log this index describes, or its tail) dated in
    /// `start..<end`, in log order.
    func reviews(in reviews: [Review], from start: Date, to end: Date) -> [Review] {
        guard isChronological else {
            return reviews.filter { $0.reviewedAt >= start && $0.reviewedAt < end }
        }
        var low = 0
        var high = reviews.count
        while low < high {
            let middle = (low + high) / 2
            if reviews[middle].reviewedAt < start { low = middle + 1 } else { high = middle }
        }
        var result: [Review] = []
        var index = low
        while index < reviews.count, reviews[index].reviewedAt < end {
            result.append(reviews[index])
            index += 1
        }
        return result
    }
}

/// Reviews per quarter hour, as two arrays in quarter order: a log in time order only ever adds
/// to the last quarter or a new one after it, and a snapshot reads them back without hashing.
struct QuarterCounts: Equatable, Sendable {
    /// The quarters with reviews, ascending.
    private(set) var quarters: [Int] = []
    /// Reviews in each of `quarters` (each at least 1).
    private(set) var counts: [Int] = []

    init() {}

    init(reservingCapacity capacity: Int) {
        quarters.reserveCapacity(capacity)
        counts.reserveCapacity(capacity)
    }

    /// Counts `number` more reviews in `quarter`.
    mutating func add(_ quarter: Int, count number: Int = 1) {
        guard number > 0 else { return }
        if let last = quarters.last, quarter >= last {
            if quarter == last {
                counts[counts.count - 1] = Self.sum(counts[counts.count - 1], number)
            } else {
                quarters.append(quarter)
                counts.append(number)
            }
            return
        }
        let position = self.position(of: quarter)
        if position < quarters.count, quarters[position] == quarter {
            counts[position] = Self.sum(counts[position], number)
        } else {
            quarters.insert(quarter, at: position)
            counts.insert(number, at: position)
        }
    }

    /// Saturating: a count may come from a file.
    private static func sum(_ a: Int, _ b: Int) -> Int {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : total
    }

    /// Counts one review fewer in `quarter` (none there: nothing changes).
    mutating func remove(_ quarter: Int) {
        let position = self.position(of: quarter)
        guard position < quarters.count, quarters[position] == quarter else { return }
        if counts[position] > 1 {
            counts[position] -= 1
        } else {
            quarters.remove(at: position)
            counts.remove(at: position)
        }
    }

    /// The number of reviews in `quarter`.
    subscript(quarter: Int) -> Int {
        let position = self.position(of: quarter)
        return position < quarters.count && quarters[position] == quarter ? counts[position] : 0
    }

    /// The first position whose quarter is not before `quarter`.
    private func position(of quarter: Int) -> Int {
        var low = 0
        var high = quarters.count
        while low < high {
            let middle = (low + high) / 2
            if quarters[middle] < quarter { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
