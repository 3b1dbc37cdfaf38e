import Foundation
import RecallCore

/// Simulated learners: seeded review histories over a deck's cards, for the progress export and
/// the class report.
enum LearnerFixture {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// A profile that studied `cards` over about a month: ratings drawn with `seed`, a wrong answer
    /// recorded for every Again.
    static func profile(name: String, cards: [Card], seed: UInt64, skill: Double = 0.8) throws -> Profile {
        var profile = Profile(name: name)
        let scheduler = try Scheduler()
        var random = SplitMix64(seed: seed)
        let wrong = ["Minsk", "Moscow", "1999", "NATO"]
        for (index, card) in cards.enumerated() {
            var at = start.addingTimeInterval(Double(index) * 600)
            for _ in 0..<Int.random(in: 2...6, using: &random) {
                let remembered = Double.random(in: 0..<1, using: &random) < skill
                let rating: Rating = remembered ? (Bool.random(using: &random) ? .good : .easy) : .again
                let answer = remembered ? card.answer : wrong[Int.random(in: 0..<wrong.count, using: &random)]
                let review = Review(
                    cardID: card.id, reviewedAt: at, rating: rating, answer: answer,
                    verdict: remembered ? .correct : .wrong,
                    duration: Double.random(in: 2...20, using: &random))
                let state = profile.state(of: card.id, at: at)
                let next = scheduler.review(state, id: card.id, rating: rating, at: at)
                try profile.record(review, newState: next)
                // The next review some minutes after the card is due, in whole seconds: Anki keeps
                // review times to the millisecond, and a review exactly on a day boundary would
                // round to the day before.
                let later =
                    max(next.due, at).timeIntervalSince1970
                    + Double(Int.random(in: 60...7_200, using: &random))
                at = Date(timeIntervalSince1970: later.rounded())
            }
        }
        return profile
    }
}
