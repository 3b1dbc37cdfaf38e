public import Foundation

/// Something that computes a card's next state from a rating: what replay and merge need.
///
/// The FSRS-6 `Scheduler` conforms by seeding its fuzz generator from the card id and review time,
/// so replaying the same log always gives the same states.
public protocol CardScheduling: Sendable {
    /// The state after rating `card` (whose id is `cardID`) at `now`.
    func review(_ card: CardState, rating: Rating, at now: Date, cardID: String) -> CardState

    /// The memory state a card without one takes from Anki's SM-2 ease and interval (a "Set due
    /// date" made with FSRS off), or nil if the scheduler does not infer one.
    func memory(fromEase ease: Double, interval: Int) -> (stability: Double, difficulty: Double)?
}

extension CardScheduling {
    public func memory(fromEase ease: Double, interval: Int) -> (stability: Double, difficulty: Double)? {
        nil
    }
}
