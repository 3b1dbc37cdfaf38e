import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// A deterministic stand-in for FSRS: the next state depends on the card, rating, time and the
/// previous state, so replaying in the wrong order or with a lost review gives different states.
struct FakeScheduler: CardScheduling {
    func review(_ card: CardState, rating: Rating, at now: Date, cardID: String) -> CardState {
        let factor = [0.5, 1.2, 2.5, 4.0][rating.rawValue - 1]
        let stability = (card.stability ?? 1) * factor + Double(cardID.utf8.count % 3) / 10
        let difficulty = min(10, max(1, (card.difficulty ?? 5) + Double(2 - rating.rawValue) * 0.3))
        let phase: CardState.Phase =
            rating == .again ? (card.phase == .review ? .relearning : .learning) : .review
        return CardState(
            phase: phase, step: phase == .review ? nil : 0, stability: stability, difficulty: difficulty,
            due: now + stability * 86_400 + 0.123_456_789, lastReview: now)
    }
}

enum RandomHistory {
    static let start = Date(timeIntervalSince1970: 1_780_000_000.25)

    /// Reviews of `cards` cards at increasing, irregular times (with sub-second parts).
    static func reviews(
        count: Int, cards: Int, using generator: inout SplitMix64, idPrefix: String = "r"
    ) -> [Review] {
        var time = start
        return (0..<count).map { index in
            time += Double.random(in: 0.001...40_000, using: &generator)
            let rating = Rating(rawValue: Int.random(in: 1...4, using: &generator)) ?? .good
            return Review(
                id: "\(idPrefix)-\(index)-\(generator.next() % 1_000_000)",
                cardID: "deck/fact-\(Int.random(in: 0..<cards, using: &generator))/typed",
                reviewedAt: time, rating: rating, answer: "answer \(index)",
                verdict: rating == .again ? .wrong : .correct,
                duration: Double.random(in: 0...30, using: &generator))
        }
    }

    /// A profile built the way the app builds one: each review recorded with the scheduler's state.
    static func profile(reviews: [Review], name: String = "default") throws -> Profile {
        var profile = Profile(name: name)
        let scheduler = FakeScheduler()
        for review in reviews.sorted(by: { $0.reviewedAt < $1.reviewedAt }) {
            let next = scheduler.review(
                profile.state(of: review.cardID, at: review.reviewedAt), rating: review.rating,
                at: review.reviewedAt, cardID: review.cardID)
            try profile.record(review, newState: next)
        }
        return profile
    }
}

extension Review {
    static func sample(
        _ id: String, card: String = "geo/fr/capital", at seconds: Double = 1_780_000_000,
        rating: Rating = .good
    ) -> Review {
        Review(
            id: id, cardID: card, reviewedAt: Date(timeIntervalSince1970: seconds), rating: rating,
            answer: "Paris", verdict: .correct, duration: 3.5)
    }
}
