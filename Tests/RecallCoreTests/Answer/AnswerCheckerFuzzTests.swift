import Testing

@testable import RecallCore

/// Random replies built from awkward pieces: the grade is always well formed.
@Suite struct AnswerCheckerFuzzTests {
    static let pieces = [
        "Russia", "Kazakhstan", "Kazakstan", "Chișinău", "Zambia", "Gambia", "and", "the", "a", ",", ";",
        "/", "\n", " ", "-", ">", "(b)", "b", "2", "two", "thousand", "and", "twenty-first", "more than",
        "about", "2,000", "1.5", "million", "\u{0}", "\u{301}", "\u{202E}", "🙂", "👨‍👩‍👧", "موسكو", "\u{FEFF}",
        "ß", "İ", "\"", "’", "true", "no", "cab", "312", "9999999999", "billion", "hundred",
    ]

    @Test(arguments: [1, 2, 3, 4]) func randomRepliesGiveWellFormedGrades(seed: UInt64) {
        // The core's generator, seeded, so a failure can be replayed.
        var generator = SplitMix64(seed: seed)
        let checker = CSTOVocabulary.checker
        for _ in 0..<300 {
            let count = Int.random(in: 0...12, using: &generator)
            let reply = (0..<count).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            for card in AnswerCheckerHostileInputTests.cards {
                let grade = checker.grade(reply, for: card)
                #expect((0...1).contains(grade.score), "'\(reply)' \(card.kind)")
                if grade.isAccepted {
                    #expect(grade.score == 1, "'\(reply)' \(card.kind)")
                }
                #expect(grade == checker.grade(reply, for: card), "grading is deterministic")
            }
        }
    }
}
