import Foundation

/// What the store's rules for a log (`Profile+Rules.swift`) need of the log they run over: a
/// profile's array of `Review`s, or the compact `ReviewLog` the streaming readers keep. One set of
/// rules, two layouts of the same log.
protocol ReviewLogStorage {
    /// Adds `review` at the end.
    mutating func append(_ review: Review)
    /// The position of the last review with id `id` still in the log.
    func lastIndex(ofID id: String) -> Int?
    /// Puts `review` in place of the review at `index`.
    mutating func replace(at index: Int, by review: Review)
    /// Takes the review at `index` out of the log; returns its card and rating.
    mutating func removeReview(at index: Int) -> (cardID: String, rating: Rating)
    /// The ids of the reviews still in the log dated `time` or later.
    func reviewIDs(from time: Date) -> Set<String>
}

extension Array: ReviewLogStorage where Element == Review {
    func lastIndex(ofID id: String) -> Int? {
        lastIndex { $0.id == id }
    }

    mutating func replace(at index: Int, by review: Review) {
        self[index] = review
    }

    mutating func removeReview(at index: Int) -> (cardID: String, rating: Rating) {
        let review = remove(at: index)
        return (review.cardID, review.rating)
    }

    func reviewIDs(from time: Date) -> Set<String> {
        Set(lazy.filter { $0.reviewedAt >= time }.map(\.id))
    }
}

extension ReviewLog: ReviewLogStorage {
    mutating func removeReview(at index: Int) -> (cardID: String, rating: Rating) {
        let entry = entries[index]
        remove(at: index)
        return (cardID(of: entry), entry.rating)
    }

    func reviewIDs(from time: Date) -> Set<String> {
        let seconds = time.timeIntervalSinceReferenceDate
        var ids: Set<String> = []
        for index in entries.indices where !entries[index].isRemoved && entries[index].time >= seconds {
            ids.insert(id(at: index))
        }
        return ids
    }
}
