import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// What keeps the store's cost off the whole history: ending a session writes nothing when the
/// journal is durable, and a day's reviews and first review times come from an index that
/// agrees with scanning the log.
@Suite struct ProgressStoreScaleTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func answer(_ store: ProgressStore, _ range: Range<Int>, at times: (Int) -> Double) throws {
        for index in range {
            let review = Review.sample(
                "review-\(index)", card: "deck/fact-\(index % 5)/typed", at: times(index),
                rating: Rating(rawValue: index % 4 + 1) ?? .good)
            try store.append(
                review,
                newState: FakeScheduler().review(
                    store.profile.state(of: review.cardID, at: review.reviewedAt), rating: review.rating,
                    at: review.reviewedAt, cardID: review.cardID))
        }
    }

    @Test func finishingWithADurableJournalWritesNoSnapshot() throws {
        let snapshot = folder.url.appendingPathComponent("default.json")
        let store = try ProgressStore.open(in: folder.url)
        try answer(store, 0..<3) { 1_780_000_000 + Double($0) }
        try store.finish()
        // A profile without a snapshot gets its first one, so that `default.json` exists.
        let first = try Data(contentsOf: snapshot)
        #expect(try ProgressStore.readProfile(at: snapshot).reviews.count == 3)

        let again = try ProgressStore.open(in: folder.url)
        try answer(again, 3..<8) { 1_780_000_000 + Double($0) }
        #expect(again.hasUnsavedChanges)
        try again.finish()
        #expect(try Data(contentsOf: snapshot) == first, "the snapshot is not rewritten")
        let reopened = try ProgressStore.open(in: folder.url)
        #expect(reopened.profile.reviews.map(\.id) == (0..<8).map { "review-\($0)" })
        reopened.close()
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var times: @Sendable (Int) -> Double
    }

    @Test(arguments: [
        Case(description: "in time order", times: { 1_780_000_000 + Double($0) * 3_600 }),
        Case(
            description: "clock went back",
            times: { 1_780_000_000 + Double($0 % 5) * 60_000 + Double($0) * 60 }),
    ])
    func aDaysReviewsAndFirstReviewsAgreeWithTheLog(_ example: Case) throws {
        let store = try ProgressStore.open(in: folder.url)
        defer { store.close() }
        // Before the first answer and after: the index follows every change.
        #expect(store.reviews(from: .distantPast, to: .distantFuture).isEmpty)
        try answer(store, 0..<30, at: example.times)
        let undone = try #require(store.profile.reviews.last)
        try store.undo(undone.id, restoring: nil)
        try answer(store, 30..<40, at: example.times)
        // Flags and a changed rating keep the index, made current first (tested against the log below).
        _ = store.firstReviewDate(of: "deck/fact-0/typed")
        try store.setFlags(CardFlags(isSuspended: true), for: "deck/fact-1/typed")
        var rerated = try #require(store.profile.reviews.last)
        rerated.rating = .easy
        try store.replaceLastReview(
            with: rerated, newState: store.profile.state(of: rerated.cardID, at: rerated.reviewedAt),
            flags: store.profile.flags(of: rerated.cardID))
        let log = store.profile.reviews
        for day in 0..<3 {
            let start = Date(timeIntervalSince1970: 1_780_000_000 + Double(day) * 86_400 - 1)
            let end = start + 86_400
            #expect(
                store.reviews(from: start, to: end).map(\.id)
                    == log.filter { $0.reviewedAt >= start && $0.reviewedAt < end }.map(\.id))
        }
        for card in Set(log.map(\.cardID)) {
            #expect(
                store.firstReviewDate(of: card) == log.filter { $0.cardID == card }.map(\.reviewedAt).min())
        }
        #expect(store.firstReviewDate(of: "deck/never/typed") == nil)
    }
}
