import Foundation

/// The deterministic answers the hidden `recall progress _stress-save` command writes in a loop,
/// so a test that kills it mid-save can tell exactly which states are valid.
public enum StressWorkload {
    /// The `number`th answer (from 0) and the state it leads to.
    public static func step(_ number: Int) -> (review: Review, state: CardState) {
        let at = Date(timeIntervalSince1970: 1_800_000_000 + Double(number))
        let review = Review(
            id: "stress-\(number)", cardID: "card-\(number % 97)", reviewedAt: at, rating: .good,
            answer: "answer \(number)", verdict: .correct, duration: 1.5)
        let state = CardState(
            phase: .review, step: nil, stability: Double(number) / 7, difficulty: 5, due: at + 86_400,
            lastReview: at)
        return (review, state)
    }
}
