import ArgumentParser
import Foundation
import RecallCore

/// `recall deck preview NAME`: every card of a deck as a learner sees it, with its answer.
struct DeckPreview: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print a deck's cards as a learner sees them, with their answers.")

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The deck's id.", valueName: "name"))
    var name: String

    @Option(
        help: ArgumentHelp(
            "Only cards of these kinds (comma-separated: \(CardKindList.names)).", valueName: "kinds"))
    var kind: String?

    @Option(help: "Seed for distractors and option order, as in a session.")
    var seed: UInt64 = 0

    @Option(
        help: ArgumentHelp(
            "Grade a file of 'card id<TAB>answer<TAB>expected' lines (expected: correct, close, accepted or wrong) and report disagreements.",
            valueName: "file"))
    var answers: String?

    func validate() throws {
        if let kind { _ = try CardKindList.parse(kind) }
    }

    func execute() throws {
        let deck = try decks.loadDeck(id: name)
        if let answers { return try checkAnswers(answers, deck: deck) }
        let kinds = try kind.map(CardKindList.parse)
        let cards = decks.cards(for: [deck], seed: seed).filter { kinds?.contains($0.kind) ?? true }
        var blocks = cards.enumerated().map { index, card in CardText.preview(card, number: index + 1) }
        blocks.append(
            "\(Format.count(cards.count, "card"))\(kind.map { " of kind \($0)" } ?? "") in \(Style.safe(deck.name, oneLine: true))"
        )
        Console.write(blocks.joined(separator: "\n\n") + "\n")
    }
}

extension DeckPreview {
    /// `--answers FILE`: every line graded; disagreements listed; exit 1 when there is one.
    func checkAnswers(_ path: String, deck: Deck) throws {
        let report: AnswerTrial.Report
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AnswersFileError.unreadable(path, reason: error.localizedDescription)
        }
        report = try AnswerTrial(decks: [deck], seed: seed).check(answers: text, path: path)
        var lines: [String] = []
        for item in report.disagreements {
            var line =
                "\(path):\(item.line): \(item.cardID): '\(Style.safe(item.answer))' expected \(item.expected), graded \(item.grade.verdict.rawValue)"
            if let reason = item.grade.reason { line += " (\(Style.safe(reason)))" }
            lines.append(line)
        }
        let count = report.disagreements.count
        lines.append(
            "\(Format.count(report.checked, "answer")) checked, \(Format.count(count, "disagreement"))"
        )
        Console.write(lines.joined(separator: "\n") + "\n")
        if count > 0 { throw CommandFailure.reported }
    }
}

/// Why `deck preview --answers` could not read its file.
enum AnswersFileError: LocalizedError, Equatable {
    /// The answers file could not be read as UTF-8 text.
    case unreadable(String, reason: String)

    var errorDescription: String? {
        switch self {
        case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
        }
    }
}

/// `--kind typed,choice`: card kinds by name.
enum CardKindList {
    static var names: String { Card.Kind.allCases.map(\.rawValue).joined(separator: ", ") }

    static func parse(_ text: String) throws -> Set<Card.Kind> {
        var kinds: Set<Card.Kind> = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let kind = Card.Kind(rawValue: name) else {
                throw ValidationError("Unknown kind '\(name)'; kinds are \(names).")
            }
            kinds.insert(kind)
        }
        return kinds
    }
}
