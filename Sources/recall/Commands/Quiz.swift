import ArgumentParser
import Foundation
import RecallCore

/// `recall quiz` (and `recall` alone, for now): a short practice quiz that touches no schedule.
struct Quiz: RecallCommand {
    static let configuration = CommandConfiguration(
        abstract: "A short practice quiz on the decks (does not change any schedule).")

    @OptionGroup var decks: DeckOptions

    @Option(help: ArgumentHelp("Only the deck with this id.", valueName: "id"))
    var deck: String?

    @Option(name: [.customShort("n"), .long], help: "How many questions.")
    var count: Int = 10

    @Option(
        help: ArgumentHelp(
            "Only these kinds of card (comma-separated: typed, reverse, choice, truefalse, set, order, cloze, free).",
            valueName: "kinds"))
    var kind: String?

    @Option(help: "Seed for the draw, so a quiz can be repeated (default: a new one each time).")
    var seed: UInt64?

    func validate() throws {
        guard (1...1000).contains(count) else { throw ValidationError("--count must be between 1 and 1000.") }
        if let kind {
            let unknown = kindNames(kind).filter { Card.Kind(rawValue: $0) == nil }
            if let first = unknown.first {
                let known = Card.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("Unknown kind '\(first)'; kinds are \(known).")
            }
        }
    }

    private func kindNames(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    func execute() throws {
        let chosen = try deck.map { [try decks.loadDeck(id: $0)] } ?? decks.loadDecks()
        let drawSeed = seed ?? UInt64.random(in: 0...UInt64.max)
        let generator = QuestionGenerator(seed: drawSeed)
        let cards = chosen.flatMap { generator.cards(for: $0) }
        let kinds = kind.map { Set(kindNames($0).compactMap(Card.Kind.init(rawValue:))) }
        let questions = QuizPlan.select(from: cards, count: count, seed: drawSeed, kinds: kinds)
        guard !questions.isEmpty else {
            throw QuizCommandError.noCards(kind: kind)
        }
        let title = chosen.count == 1 ? chosen[0].name : "\(chosen.count) decks"
        var runner = QuizRunner(
            checker: AnswerChecker(decks: chosen), style: .current,
            reader: Terminal.lineReader())
        runner.run(questions, title: title)
    }
}

/// Why `recall quiz` asked nothing.
enum QuizCommandError: LocalizedError, Equatable {
    /// No card of the decks (of the kind asked for, when one was) can be asked.
    case noCards(kind: String?)

    var errorDescription: String? {
        switch self {
        case .noCards(let kind): "no cards to ask\(kind.map { " of kind '\($0)'" } ?? "")"
        }
    }
}
