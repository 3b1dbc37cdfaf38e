import Foundation
import RecallCore

/// Progress files of a simulated class: each learner reviews some CSTO cards over a month, with
/// seeded ratings and a wrong answer typed for every Again.
enum ClassFixture {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let wrongAnswers = ["Minsk", "Moscow", "1999"]

    /// Writes `<name>.json` in `folder` for each learner; returns how many reviews each has.
    @discardableResult
    static func write(
        learners: [(name: String, skill: Double)], cards: Int, in folder: URL
    ) throws -> [String: Int] {
        let deck = try DeckLibrary(directory: nil).deck(id: "csto")
        let chosen = Array(QuestionGenerator().cards(for: deck).prefix(cards))
        let scheduler = try Scheduler()
        var counts: [String: Int] = [:]
        for (number, learner) in learners.enumerated() {
            let store = try ProgressStore.open(profile: learner.name, in: folder)
            defer { store.close() }
            var random = SplitMix64(seed: UInt64(number + 1))
            for (index, card) in chosen.enumerated() {
                var at = start.addingTimeInterval(Double(index) * 600)
                for _ in 0..<Int.random(in: 2...5, using: &random) {
                    let remembered = Double.random(in: 0..<1, using: &random) < learner.skill
                    let answer = remembered ? card.answer : wrongAnswers[index % wrongAnswers.count]
                    let review = Review(
                        cardID: card.id, reviewedAt: at, rating: remembered ? .good : .again, answer: answer,
                        verdict: remembered ? .correct : .wrong, duration: 5)
                    let next = try store.record(review, using: scheduler)
                    at = max(next.due, at.addingTimeInterval(60))
                    counts[learner.name, default: 0] += 1
                }
            }
            try store.save()
        }
        return counts
    }
}
