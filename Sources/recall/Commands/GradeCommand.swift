import ArgumentParser
import Foundation
import RecallCore

/// `recall grade CARD ANSWER`: how the checker grades one answer, and why.
struct GradeCommand: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade one answer to a card: the verdict, the matched spelling and the reason.",
        discussion: """
            Card ids are those `recall cards --json` prints. Exits 0 when the answer is accepted \
            (correct or close) and 1 when it is wrong, so scripts can test a deck.
            """)

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The card's id.", valueName: "card-id"))
    var cardID: String

    @Argument(help: ArgumentHelp("The answer, as a learner would type it.", valueName: "answer"))
    var answer: String

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Ask the card's fact this way (\(CardKindList.names)).", valueName: "kind"))
    var kind: String?

    @Option(help: "Seed for distractors and option order, as in a session.")
    var seed: UInt64 = 0

    @Flag(help: "Print the grade as JSON.")
    var json = false

    func validate() throws {
        if let kind, Card.Kind(rawValue: kind.lowercased()) == nil {
            throw ValidationError("Unknown kind '\(kind)'; kinds are \(CardKindList.names).")
        }
    }

    func execute() throws {
        let trial = AnswerTrial(decks: try decks.loadDecks(), seed: seed)
        let grade: Grade
        let card: Card
        card = try trial.card(cardID, as: kind.flatMap { Card.Kind(rawValue: $0.lowercased()) })
        grade = trial.checker.grade(answer, for: card)
        if json {
            let output = GradeOutput(card: card.id, kind: card.kind.rawValue, answer: answer, grade: grade)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Console.write(String(decoding: try encoder.encode(output), as: UTF8.self) + "\n")
        } else {
            var lines = ["\(grade.verdict.rawValue) — expected: \(Style.safe(grade.expected))"]
            if let matched = grade.matched { lines.append("matched: \(Style.safe(matched))") }
            if let reason = grade.reason { lines.append("reason: \(Style.safe(reason))") }
            Console.write(lines.joined(separator: "\n") + "\n")
        }
        // A wrong answer is the command's answer, not a failure to report: exit 1, no error line.
        if !grade.isAccepted { throw CommandFailure.reported }
    }

    struct GradeOutput: Encodable {
        var card: String
        var kind: String
        var answer: String
        var verdict: String
        var accepted: Bool
        var expected: String
        var matched: String?
        var reason: String?

        init(card: String, kind: String, answer: String, grade: Grade) {
            self.card = card
            self.kind = kind
            self.answer = answer
            verdict = grade.verdict.rawValue
            accepted = grade.isAccepted
            expected = grade.expected
            matched = grade.matched
            reason = grade.reason
        }
    }
}
