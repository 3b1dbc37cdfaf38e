import Foundation
import Testing

@testable import RecallCore

@Suite struct ProfileTests {
    @Test func replayOfALargeRandomHistoryEqualsTheStoredStates() throws {
        var generator = SplitMix64(seed: 20_261_129)
        let reviews = RandomHistory.reviews(count: 5_000, cards: 300, using: &generator)
        let profile = try RandomHistory.profile(reviews: reviews)
        #expect(profile.reviews.count == 5_000)
        #expect(profile.flags.values.contains { $0.lapses > 0 })
        let replayed = profile.replayed(using: FakeScheduler())
        #expect(replayed == profile)
        #expect(profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
    }

    @Test func replayNoticesAStateThatDiffersFromTheLog() throws {
        var profile = try RandomHistory.profile(reviews: [.sample("a"), .sample("b", at: 1_780_000_100)])
        profile.states["geo/fr/capital"]?.stability = 99
        #expect(profile.cardsDifferingFromReplay(using: FakeScheduler()) == ["geo/fr/capital"])
    }

    @Test func replayOrdersEachCardsReviewsByTime() throws {
        let early = Review.sample("early", at: 1_780_000_000, rating: .again)
        let late = Review.sample("late", at: 1_780_090_000, rating: .easy)
        let inOrder = try RandomHistory.profile(reviews: [early, late])
        let shuffled = Profile(reviews: [late, early]).replayed(using: FakeScheduler())
        #expect(shuffled.states == inOrder.states)
    }

    @Test func recordingAReviewOlderThanTheCardsLastReviewIsRefused() throws {
        var profile = try RandomHistory.profile(reviews: [.sample("a", at: 1_780_000_500)])
        let earlier = Review.sample("b", at: 1_780_000_000)
        #expect(
            throws: ProgressError.reviewOutOfOrder(
                cardID: "geo/fr/capital", reviewedAt: earlier.reviewedAt,
                lastReview: Date(timeIntervalSince1970: 1_780_000_500))
        ) {
            try profile.record(earlier, newState: .new(at: earlier.reviewedAt))
        }
        #expect(profile.reviews.count == 1)
    }

    @Test func cardsMissingFromTheDeckKeepTheirHistoryAsOrphans() throws {
        let profile = try RandomHistory.profile(reviews: [
            .sample("a", card: "deck/kept/typed"), .sample("b", card: "deck/removed/typed"),
        ])
        #expect(profile.orphanedCardIDs(notIn: ["deck/kept/typed"]) == ["deck/removed/typed"])
        #expect(profile.states["deck/removed/typed"] != nil)
    }

    @Test func lapsesCountForgettingAGraduatedCard() throws {
        let profile = try RandomHistory.profile(reviews: [
            .sample("a", at: 1_780_000_000, rating: .good), .sample("b", at: 1_780_100_000, rating: .again),
            .sample("c", at: 1_780_200_000, rating: .again),
        ])
        #expect(profile.flags(of: "geo/fr/capital").lapses == 1)
    }
}
