public import Foundation

extension Scheduler: CardScheduling {
    /// Reviews with fuzz drawn from `SplitMix64(cardID:reviewedAt:)`, so replaying a log gives the
    /// same states every time.
    public func review(_ card: CardState, rating: Rating, at now: Date, cardID: String) -> CardState {
        review(card, id: cardID, rating: rating, at: now)
    }
}
