import Foundation

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
