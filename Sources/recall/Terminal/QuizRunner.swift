import Foundation
import RecallCore

/// Asks cards one by one at the terminal, grades each reply and prints a summary. It reads the
/// same in-card commands as study: `:hint`, `:skip`, `:reveal`, `:why`, `:help` and `:quit` are
/// never taken as answers.
struct QuizRunner {
    let checker: AnswerChecker
    let style: Style
    var reader: any LineReader

    static let inCardHelp = """
        Type your answer, or a command:
          :hint    reveal a little more      :skip  ask it at the end
          :reveal  give up and see the answer (counts as wrong)
          :quit    end the quiz (Ctrl-D too)
        A quiz changes no schedule.
        """

    static let commands = ["hint", "skip", "reveal", "why", "help", "quit"]

    /// What a handler tells the quiz to do next.
    private enum Next {
        case stay, answered(Grade), skip, end
    }

    func say(_ text: String) {
        Console.write(TextWrap.wrap(text, width: TerminalSize.columns) + "\n")
    }

    mutating func run(_ cards: [Card], title: String) {
        say(
            "recall — \(Style.safe(title)): \(Format.count(cards.count, "question")) (Ctrl-D or :quit to stop, :help for commands)"
        )
        var waiting = cards[...]
        var skipped: Set<String> = []
        var asked = 0
        var right = 0
        var score = 0.0
        quiz: while let card = waiting.popFirst() {
            let number = cards.count - waiting.count
            say("")
            say(style.bold("\(number)/\(cards.count)") + "  " + CardPrompt.render(card))
            say(style.dim("question \(number) of \(cards.count) · \(right) right so far"))
            var hints = 0
            var confirmingEmpty = false
            while true {
                switch ask(card, hints: &hints, confirmingEmpty: &confirmingEmpty) {
                case .stay:
                    continue
                case .skip:
                    // Skipped once, it comes back at the end; skipped again, it is dropped.
                    if skipped.insert(card.id).inserted { waiting.append(card) }
                    continue quiz
                case .end:
                    break quiz
                case .answered(let grade):
                    asked += 1
                    score += grade.score
                    if grade.verdict != .wrong { right += 1 }
                    say(Feedback.render(grade, for: card, style: style))
                    continue quiz
                }
            }
        }
        say("")
        if asked == 0 {
            say("No answers given.")
            return
        }
        let points = score == score.rounded() ? String(Int(score)) : String(format: "%.1f", score)
        say("Score: \(points)/\(asked) (\(Format.percent(score / Double(asked))))")
    }

    /// Reads one line on a card: an answer, or a command for its handler.
    /// An empty reply is asked to be confirmed, as in study; a second Enter gives up.
    private mutating func ask(_ card: Card, hints: inout Int, confirmingEmpty: inout Bool) -> Next {
        guard case .line(let reply) = reader.read(prompt: "› ", remember: false) else { return .end }
        if !Terminal.isInteractive { say("› " + Style.safe(reply)) }
        guard let command = StudyLoop.command(in: reply) else {
            if reply.trimmingCharacters(in: .whitespaces).isEmpty {
                if confirmingEmpty { return .answered(checker.grade("", for: card)) }
                confirmingEmpty = true
                say("No answer typed. Press Enter again to see the answer, or type your answer.")
                return .stay
            }
            return .answered(checker.grade(reply, for: card))
        }
        switch command {
        case "hint":
            hints += 1
            say(Hint.reveal(card, level: hints).map { "hint: " + Style.safe($0) } ?? "no more hints")
            return .stay
        case "why":
            say("Answer first, or type :reveal to give up and see the answer.")
            return .stay
        case "reveal": return .answered(checker.grade("", for: card))
        case "skip": return .skip
        case "help":
            say(Self.inCardHelp)
            return .stay
        case "quit", "q": return .end
        default:
            say(
                "unknown command ':\(Style.safe(command))'"
                    + (Suggestion.closest(to: command, in: Self.commands).map { "; did you mean ':\($0)'?" }
                        ?? "; type :help"))
            return .stay
        }
    }
}
