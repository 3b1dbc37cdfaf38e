public import Foundation

extension Scheduler: CardScheduling {
    /// Reviews with fuzz drawn from `SplitMix64(cardID:reviewedAt:)`, so replaying a log gives the
    /// same states every time.
    public func review(_ card: CardState, rating: Rating, at now: Date, cardID: String) -> CardState {
        review(card, id: cardID, rating: rating, at: now)
    }

    /// Anki's conversion at its default historical retention, 0.9 (where the stability is the
    /// interval itself).
    public func memory(fromEase ease: Double, interval: Int) -> (stability: Double, difficulty: Double)? {
        fsrs.memory(fromEase: ease, interval: Double(interval), retention: 0.9)
    }
}
