import Testing

@testable import RecallCore

/// Replies that are no answer at all, against every card of the fixture and the bundled deck:
/// no crash, and never accepted.
@Suite struct GradingFuzzTests {
    static let bundled = (try? DeckLibrary.bundledDecks()) ?? []

    /// Every card of both decks in every presentation it can take (recall, choose, true/false).
    static func everyCard() -> [(AnswerChecker, Card)] {
        let fixture = GradingTableTests.deck
        let decks = [fixture] + bundled
        let checker = AnswerChecker(decks: decks)
        return decks.flatMap { QuestionGenerator().cards(for: $0) }
            .flatMap { card in card.presentations.compactMap { card.presented(as: $0.style) } }
            .map { (checker, $0) }
    }

    static let nothing: [String] = [
        "", " ", "   ", "\t", "\n", "\r\n", " \t \n ", "\u{00A0}", "\u{2003}", "\u{3000}",
        ".", "...", "?", "?!", "!!!", ",", ";", "-", "—", "–", "()", "[]", "''", "\"\"", "“”", "…", "/",
        "*", "#", "+", "~", "-.-", "?? ??", ". , ; :", "(-)", "\u{200B}", "\u{FEFF}", "\u{301}",
    ]

    @Test func bothDecksAreGraded() {
        #expect(Self.bundled.contains { $0.id == "csto" })
        let cards = Self.everyCard().map(\.1)
        #expect(
            cards.contains { $0.deck == "csto" } && cards.contains { $0.deck == GradingTableTests.deck.id })
        for kind in [Card.Kind.typed, .choice, .trueFalse, .set, .cloze] {
            #expect(cards.contains { $0.kind == kind }, "no \(kind) card is fuzzed")
        }
    }

    @Test func emptyWhitespaceAndPunctuationAreNeverAccepted() {
        for (checker, card) in Self.everyCard() {
            for reply in Self.nothing {
                let grade = checker.grade(reply, for: card)
                #expect(!grade.isAccepted, "'\(reply)' accepted for \(card.id)")
                #expect(grade.score == 0, "'\(reply)' scored for \(card.id)")
            }
        }
    }

    /// 10,000 characters: the answer over and over, the answer then noise, noise then the answer.
    @Test func tenThousandCharacterRepliesAreNeverAccepted() {
        for (checker, card) in Self.everyCard() {
            let answer = card.accepted.first ?? card.answer
            let repeated = String(
                String(repeating: answer + " ", count: 10_000 / (answer.count + 1) + 1).prefix(10_000))
            let replies = [
                repeated,
                answer + " " + String(repeating: "x", count: 10_000 - answer.count - 1),
                String(repeating: "y", count: 10_000 - answer.count - 1) + " " + answer,
                String(repeating: "a", count: 10_000),
                String(repeating: "b ", count: 5_000),
                String(repeating: "true ", count: 2_000),
            ]
            for reply in replies {
                let grade = checker.grade(reply, for: card)
                #expect(!grade.isAccepted, "\(reply.count)-character reply accepted for \(card.id)")
            }
        }
    }

    /// Random replies made of awkward pieces and deck words: grades stay well formed and
    /// deterministic, and every verdict that is not plain says why.
    @Test(arguments: [11, 12, 13]) func randomRepliesAreWellFormed(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let pieces =
            AnswerCheckerFuzzTests.pieces + [
                "Moscow", "Minsk", "in", "President", "Article", "IV", "over", "less than", "+", "January",
                "2022",
                "1991-12", "the 1990s", "yep", "nope", "heads", "of", "member states", "not", "or", "first",
            ]
        let cards = Self.everyCard()
        for _ in 0..<40 {
            let count = Int.random(in: 0...8, using: &generator)
            let reply = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined(
                separator: Bool.random(using: &generator) ? " " : "")
            for (checker, card) in cards {
                let grade = checker.grade(reply, for: card)
                #expect((0...1).contains(grade.score))
                #expect(grade == checker.grade(reply, for: card))
                if let reason = grade.reason {
                    let prefix =
                        grade.verdict == .wrong
                        ? "wrong: " : grade.verdict == .close ? "close: " : "accepted: "
                    #expect(reason.hasPrefix(prefix), "\(reason)")
                }
            }
        }
    }
}
