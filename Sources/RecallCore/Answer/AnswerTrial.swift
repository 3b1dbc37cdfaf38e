public import Foundation

/// Trying answers against a deck's cards outside a session: `recall grade` and
/// `recall deck preview --answers`, for instructors checking their aliases and scripts testing a deck.
public struct AnswerTrial: Sendable {
    /// One line of an answers file that the checker judged otherwise.
    public struct Disagreement: Sendable, Hashable {
        public var line: Int
        public var cardID: String
        public var answer: String
        public var expected: String
        public var grade: Grade
    }

    /// What an answers file gave.
    public struct Report: Sendable, Hashable {
        public var checked: Int
        public var disagreements: [Disagreement]
    }

    public let cards: [Card]
    public let checker: AnswerChecker

    public init(decks: [Deck], seed: UInt64 = 0) {
        let generator = QuestionGenerator(seed: seed)
        cards = decks.flatMap { generator.cards(for: $0) }
        checker = AnswerChecker(decks: decks)
    }

    /// The card with `id` among the generated cards, asked as `kind` when given: the card in the
    /// presentation of that kind (multiple choice, true/false, or its own recall form). The one
    /// place a card id is resolved, so it follows the card model.
    public func card(_ id: String, as kind: Card.Kind? = nil) throws(AnswerTrialError) -> Card {
        guard let card = cards.first(where: { $0.id == id }) else {
            throw .unknownCard(id, suggestion: Suggestion.closest(to: id, in: cards.map(\.id)))
        }
        guard let kind, kind != card.kind else { return card }
        let style: Card.Presentation.Style =
            switch kind {
            case .choice: .choose
            case .trueFalse: .trueFalse
            case .typed, .reverse, .set, .order, .cloze, .free: .recall
            }
        guard let presented = card.presented(as: style), presented.kind == kind else {
            throw .noPresentation(id, kind.rawValue)
        }
        return presented
    }

    /// Grades `answer` for the card `id` (asked as `kind`).
    public func grade(_ answer: String, card id: String, as kind: Card.Kind? = nil) throws(AnswerTrialError)
        -> Grade
    {
        checker.grade(answer, for: try card(id, as: kind))
    }

    /// Runs an answers file: lines `card id<TAB>answer<TAB>expected`, where expected is `correct`,
    /// `close`, `accepted` (either) or `wrong`. Blank lines and lines starting with `#` are skipped.
    public func check(answers text: String, path: String) throws(AnswerTrialError) -> Report {
        var report = Report(checked: 0, disagreements: [])
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingWhitespace.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else {
                throw .malformedLine(
                    path, offset + 1, "expected 3 tab-separated fields, found \(fields.count)")
            }
            let expected = fields[2].trimmingWhitespace.lowercased()
            guard ["correct", "close", "accepted", "wrong"].contains(expected) else {
                throw .malformedLine(
                    path, offset + 1,
                    "the expected verdict is '\(fields[2])'; write correct, close, accepted or wrong")
            }
            let cardID = fields[0].trimmingWhitespace
            let grade: Grade
            do {
                grade = try self.grade(fields[1], card: cardID)
            } catch {
                throw .malformedLine(path, offset + 1, error.errorDescription ?? "unknown card")
            }
            report.checked += 1
            let agrees =
                expected == "accepted" ? grade.isAccepted : expected == grade.verdict.rawValue
            if !agrees {
                report.disagreements.append(
                    Disagreement(
                        line: offset + 1, cardID: cardID, answer: fields[1], expected: expected, grade: grade)
                )
            }
        }
        return report
    }
}

/// Why an answer could not be tried.
public enum AnswerTrialError: LocalizedError, Sendable, Equatable {
    /// No generated card has the id.
    case unknownCard(String, suggestion: String?)
    /// The card's fact is not asked in the requested way.
    case noPresentation(String, String)
    /// A line of an answers file does not read.
    case malformedLine(String, Int, String)

    public var errorDescription: String? {
        switch self {
        case .unknownCard(let id, let suggestion):
            "no card '\(id)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? " (see recall cards)")
        case .noPresentation(let id, let kind):
            "card '\(id)' is not asked as \(kind)"
        case .malformedLine(let path, let line, let message):
            "\(path):\(line): \(message)"
        }
    }
}
