import Foundation
import RecallCore

/// Grading answers to every card of the bundled CSTO deck, as a session does (one checker made
/// from the deck, one grade per answer).
struct GradingBenchmark: Benchmark {
    enum Workload: String {
        /// Per card: the answer, the answer in a sentence, a typo, another name, a label or a truth word.
        case mixed = "grade-csto"
        /// Per card: a reply of 24 words (the longest searched for an answer inside wrapping).
        case long = "grade-csto-long"
    }

    let workload: Workload
    private var checker = AnswerChecker()
    private var answers: [(String, Card)] = []

    init(_ workload: Workload) {
        self.workload = workload
    }

    var name: String { workload.rawValue }
    var summary: String {
        switch workload {
        case .mixed: "grade five typical answers to every card of the CSTO deck"
        case .long: "grade a 24-word answer to every card of the CSTO deck"
        }
    }
    var unit: String { "answers" }
    var units: Int { answers.count }

    mutating func prepare() {
        guard let deck = try? DeckLibrary.bundledDecks().first else { fail("\(name): the deck did not load") }
        checker = AnswerChecker(decks: [deck])
        let cards = QuestionGenerator(seed: 1).cards(for: deck)
        let names = deck.entities.map(\.name)
        answers = []
        for (index, card) in cards.enumerated() {
            let answer = card.accepted.first ?? card.answer
            let other = names[index % names.count]
            switch workload {
            case .mixed:
                var replies = [answer, "I think it was \(answer)", String(answer.dropLast()), other]
                switch card.kind {
                case .choice: replies.append("b")
                case .trueFalse: replies.append(index % 2 == 0 ? "yep" : "nope")
                default: replies.append("in \(answer), I believe")
                }
                answers += replies.map { ($0, card) }
            case .long:
                let words = "well I am fairly sure that the answer to this question is"
                answers.append(("\(words) \(answer) and not \(other) as some say here", card))
            }
        }
    }

    func run() -> Double {
        var accepted = 0
        for (reply, card) in answers where checker.grade(reply, for: card).isAccepted {
            accepted += 1
        }
        return Double(accepted)
    }
}
