import Foundation
import RecallCore

/// Asks cards one by one at the terminal, grades each reply and prints a summary.
struct QuizRunner {
    let checker: AnswerChecker
    let style: Style
    var reader: any LineReader

    func say(_ text: String) {
        Console.write(TextWrap.wrap(text, width: TerminalSize.columns) + "\n")
    }

    mutating func run(_ cards: [Card], title: String) {
        say(
            "recall — \(Style.safe(title)): \(cards.count) question\(cards.count == 1 ? "" : "s") (Ctrl-D to stop)"
        )
        var asked = 0
        var score = 0.0
        for (number, card) in cards.enumerated() {
            say("")
            say(style.bold("\(number + 1)/\(cards.count)") + "  " + CardPrompt.render(card))
            guard let reply = reader.readLine(prompt: "› ") else { break }
            if !Terminal.isInteractive { say("› " + Style.safe(reply)) }
            let grade = checker.grade(reply, for: card)
            asked += 1
            score += grade.score
            say(Feedback.render(grade, for: card, style: style))
        }
        say("")
        if asked == 0 {
            say("No answers given.")
            return
        }
        let percent = Int((score / Double(asked) * 100).rounded())
        let points = score == score.rounded() ? String(Int(score)) : String(format: "%.1f", score)
        say("Score: \(points)/\(asked) (\(percent)%)")
    }
}

/// A card's question as the learner sees it.
enum CardPrompt {
    static func render(_ card: Card) -> String {
        var lines = [Style.safe(card.prompt)]
        switch card.kind {
        case .choice, .order:
            lines += CardText.options(of: card, indent: "  ")
            if card.kind == .choice, let note = AnswerChecker.numericOptionsNote(card.choices) {
                lines.append("  " + note)
            }
            if card.kind == .order {
                lines.append("  (type the letters earliest first, e.g. \(exampleOrder(card.choices.count)))")
            }
        case .trueFalse:
            lines[0] = "True or false? " + lines[0]
        case .set:
            lines.append("  (separate the names with commas; any order)")
        default:
            break
        }
        return lines.joined(separator: "\n")
    }

    private static func exampleOrder(_ count: Int) -> String {
        (0..<count).reversed().map { AnswerChecker.label(for: $0) }.joined(separator: " ")
    }
}

/// What the learner is told after a reply.
enum Feedback {
    static func render(_ grade: Grade, for card: Card, style: Style) -> String {
        let expected = Style.safe(grade.expected.isEmpty ? card.answer : grade.expected)
        let reason = grade.reason.map { "\n  " + style.dim(Style.safe($0)) } ?? ""
        switch grade.verdict {
        case .correct:
            return style.green("✓ correct") + (card.kind == .choice ? " — \(expected)" : "") + reason
        case .close:
            let what = grade.reason == nil ? "the spelling is" : "the answer is"
            return style.yellow("≈ close") + " — \(what) \(expected)" + reason
        case .wrong:
            var lines: [String] = []
            if card.kind == .set, grade.score > 0 {
                let found = card.items.count - grade.missing.count
                lines.append(style.red("✗ \(found)/\(card.items.count)") + " — the set is \(expected)")
            } else {
                lines.append(style.red("✗ wrong") + " — the answer is \(expected)")
            }
            if let reason = grade.reason { lines.append("  " + style.dim(Style.safe(reason))) }
            if !grade.missing.isEmpty {
                lines.append("  missing: \(grade.missing.map(Style.safe).joined(separator: ", "))")
            }
            if !grade.extra.isEmpty {
                lines.append("  not in the set: \(grade.extra.map(Style.safe).joined(separator: ", "))")
            }
            lines.append(style.dim("  why: \(Style.safe(card.why))"))
            lines.append(style.dim("  source: \(Style.safe(card.source))"))
            return lines.joined(separator: "\n")
        }
    }
}
