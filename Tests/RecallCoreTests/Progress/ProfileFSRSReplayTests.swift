import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// The same laws as `ProfileTests` and `ProfileMergeTests`, with the real FSRS-6 scheduler (fuzz on).
@Suite struct ProfileFSRSReplayTests {
    let scheduler: Scheduler

    init() throws {
        scheduler = try Scheduler()
    }

    func profile(_ reviews: [Review], name: String = "default") throws -> Profile {
        var profile = Profile(name: name)
        for review in reviews.sorted(by: { $0.reviewedAt < $1.reviewedAt }) {
            let next = scheduler.review(
                profile.state(of: review.cardID, at: review.reviewedAt), rating: review.rating,
                at: review.reviewedAt, cardID: review.cardID)
            try profile.record(review, newState: next)
        }
        return profile
    }

    @Test func replayOfTwentyThousandRandomReviewsEqualsTheStoredStates() throws {
        var generator = SplitMix64(seed: 6)
        let reviews = RandomHistory.reviews(count: 20_000, cards: 1_000, using: &generator)
        let stored = try profile(reviews)
        #expect(stored.states.values.contains { $0.phase == .review })
        #expect(stored.replayed(using: scheduler) == stored)
    }

    @Test func replayAfterSavingAndLoadingStillEqualsTheStoredStates() throws {
        let folder = try TemporaryFolder()
        var generator = SplitMix64(seed: 11)
        let store = try ProgressStore.open(in: folder.url)
        store.compactionThreshold = 700
        for review in RandomHistory.reviews(count: 2_000, cards: 100, using: &generator) {
            try store.record(review, using: scheduler)
        }
        let expected = store.profile
        store.close()
        let reopened = try ProgressStore.open(in: folder.url)
        #expect(reopened.profile == expected)
        #expect(reopened.profile.cardsDifferingFromReplay(using: scheduler).isEmpty)
    }

    @Test func mergeWithFSRSCommutesAndIsIdempotent() throws {
        var generator = SplitMix64(seed: 12)
        let shared = RandomHistory.reviews(count: 400, cards: 60, using: &generator, idPrefix: "s")
        let a = try profile(
            shared + RandomHistory.reviews(count: 300, cards: 60, using: &generator, idPrefix: "a"))
        let b = try profile(
            shared + RandomHistory.reviews(count: 300, cards: 80, using: &generator, idPrefix: "b"))
        let ab = a.merged(with: b, using: scheduler)
        #expect(ab == b.merged(with: a, using: scheduler))
        #expect(ab.merged(with: b, using: scheduler) == ab)
        #expect(ab.reviews.count == 1_000)
    }
}
