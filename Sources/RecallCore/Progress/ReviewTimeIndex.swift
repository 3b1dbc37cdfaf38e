import Foundation

/// What the study queue and the card status ask of the log at every prompt, kept so that they
/// need not scan the whole log: each card's first review time, its last wrong answer, and whether the log is in time order (as it is unless
/// clocks went backwards), in which case a day's reviews are found by binary search.
///
/// Maintained by `ProgressStore` alongside its profile.
struct ReviewTimeIndex {
    private(set) var firstReviewedAt: [String: Date] = [:]
    /// The time of each card's last wrong answer, in log order (what `CardStatus.daysSinceWrong` reads).
    private(set) var lastWrongAt: [String: Date] = [:]
    /// Every review is dated no earlier than the one before it.
    private(set) var isChronological = true
    private var lastTime: Date?

    init(_ reviews: [Review]) {
        firstReviewedAt.reserveCapacity(reviews.count / 8)
        for review in reviews { recorded(review) }
    }

    mutating func recorded(_ review: Review) {
        // One hash lookup per review (the default subscript's in-place modify), not two.
        let time = review.reviewedAt
        Self.updateEarliest(&firstReviewedAt[review.cardID, default: time], with: time)
        if review.verdict == .wrong { lastWrongAt[review.cardID] = time }
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
    }

    private static func updateEarliest(_ first: inout Date, with time: Date) {
        if time < first { first = time }
    }

    /// The reviews of `reviews` (the log this index describes) dated in `start..<end`, in log order.
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
