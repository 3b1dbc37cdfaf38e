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
