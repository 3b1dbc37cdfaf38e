import Testing

@testable import RecallCore

/// Replies nobody should type, graded by every kind of card: no crash, a sane grade, bounded time.
@Suite struct AnswerCheckerHostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var reply: String
        /// The verdict for the typed and choice cards whose answer is Moscow.
        var typedVerdict: Grade.Verdict = .wrong
        var testDescription: String { "\(id) (\(reply.unicodeScalars.count) scalars)" }
    }

    static let cases: [Case] = [
        Case(id: "NUL", reply: "\u{0}"),
        Case(id: "NUL inside", reply: "Mos\u{0}cow", typedVerdict: .correct),
        Case(id: "control characters", reply: "\u{1}\u{7}\u{1B}[31m\u{7F}"),
        Case(id: "emoji", reply: "🇷🇺🙂👨‍👩‍👧‍👦"),
        Case(id: "emoji around the answer", reply: "🙂 Moscow 🇷🇺", typedVerdict: .correct),
        Case(id: "right-to-left", reply: "موسكو"),
        Case(id: "right-to-left override", reply: "\u{202E}wocsoM"),
        Case(id: "byte order mark", reply: "\u{FEFF}Moscow", typedVerdict: .correct),
        Case(id: "zero-width space", reply: "Mos\u{200B}cow", typedVerdict: .correct),
        Case(id: "combining marks", reply: "M\u{301}\u{302}\u{303}oscow", typedVerdict: .correct),
        Case(
            id: "one letter, 100 000 combining marks",
            reply: "e" + String(repeating: "\u{301}", count: 100_000)),
        Case(id: "100 KB of one letter", reply: String(repeating: "a", count: 100_000)),
        Case(id: "100 KB of digits", reply: String(repeating: "9", count: 100_000)),
        Case(id: "100 KB of the answer", reply: String(repeating: "Moscow ", count: 15_000)),
        Case(id: "100 KB of number words", reply: String(repeating: "thousand ", count: 12_000)),
        Case(id: "100 KB of numbers", reply: String(repeating: "9,999 ", count: 20_000)),
        Case(id: "100 KB of list", reply: String(repeating: "b,", count: 50_000)),
        Case(id: "100 KB of ands", reply: String(repeating: "and ", count: 25_000)),
        Case(id: "100 KB of near misses", reply: String(repeating: "Rusia ", count: 17_000)),
        Case(id: "100 KB of line breaks", reply: String(repeating: "\r\n", count: 50_000)),
        Case(
            id: "huge number in words",
            reply: "nine hundred ninety nine billion nine hundred million thousand"),
        Case(id: "overflowing digits before a scale", reply: "999999999999 billion"),
    ]

    static let cards: [Card] = [
        CSTOVocabulary.card(.typed, answer: "Moscow", accepted: ["Moscow"]),
        CSTOVocabulary.card(.set, items: AnswerCheckerSetTests.members),
        CSTOVocabulary.card(.choice, choices: ["Minsk", "Moscow", "Yerevan"], answerIndex: 1),
        CSTOVocabulary.card(.trueFalse, answer: "true"),
        CSTOVocabulary.card(
            .order, choices: AnswerCheckerOrderTests.events, order: AnswerCheckerOrderTests.order),
    ]

    @Test(arguments: cases) func hostileReply(_ c: Case) {
        let checker = CSTOVocabulary.checker
        let clock = ContinuousClock()
        for card in Self.cards {
            var grade = Grade(verdict: .correct, score: -1, expected: "not graded")
            let elapsed = clock.measure { grade = checker.grade(c.reply, for: card) }
            #expect((0...1).contains(grade.score), "\(card.kind)")
            #expect(elapsed < .seconds(1), "\(card.kind) took \(elapsed)")
            switch card.kind {
            case .typed, .choice:  // Moscow is the answer of both
                #expect(grade.verdict == c.typedVerdict, "\(card.kind)")
            default:
                #expect(grade.verdict == .wrong, "\(card.kind)")
            }
        }
    }

    @Test func hugePasteOfTheRightListIsGradedOnItsStart() {
        let reply = AnswerCheckerSetTests.allMembers + String(repeating: " ", count: 100_000) + ", Georgia"
        let grade = CSTOVocabulary.checker.gradeSet(reply, items: AnswerCheckerSetTests.members)
        #expect(grade.verdict == .correct)
    }
}
