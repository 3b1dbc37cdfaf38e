import Testing

@testable import RecallCore

/// Chronological ordering: labels, permutations, Kendall partial credit, invalid replies.
@Suite struct AnswerCheckerOrderTests {
    /// As shown: a, b, c, d. Right order: b (1992), d (1994), a (2002), c (2012).
    static let events = [
        "CSTO founded", "Treaty signed in Tashkent", "Uzbekistan suspends membership",
        "Treaty enters into force",
    ]
    static let order = [1, 3, 0, 2]

    struct Case: Sendable, CustomTestStringConvertible {
        var reply: String
        var verdict: Grade.Verdict
        var score: Double
        var testDescription: String { "'\(reply)' → \(verdict) \(score)" }
    }

    static let cases: [Case] = [
        Case(reply: "bdac", verdict: .correct, score: 1),
        Case(reply: "BDAC", verdict: .correct, score: 1),
        Case(reply: "b d a c", verdict: .correct, score: 1),
        Case(reply: "b, d, a, c", verdict: .correct, score: 1),
        Case(reply: "b > d > a > c", verdict: .correct, score: 1),
        Case(reply: "b-d-a-c", verdict: .correct, score: 1),
        Case(reply: "2413", verdict: .correct, score: 1),
        Case(reply: "2 4 1 3", verdict: .correct, score: 1),
        Case(reply: "2,4,1,3\n", verdict: .correct, score: 1),
        Case(reply: "b 4 a c", verdict: .correct, score: 1),
        Case(reply: "dbac", verdict: .wrong, score: 5.0 / 6.0),  // first two swapped
        Case(reply: "bdca", verdict: .wrong, score: 5.0 / 6.0),  // last two swapped
        Case(reply: "abcd", verdict: .wrong, score: 0.5),
        Case(reply: "cadb", verdict: .wrong, score: 0),  // reversed
        Case(reply: "bda", verdict: .wrong, score: 0),  // too short
        Case(reply: "bdacc", verdict: .wrong, score: 0),  // too long
        Case(reply: "bdaa", verdict: .wrong, score: 0),  // repeated
        Case(reply: "bdae", verdict: .wrong, score: 0),  // unknown letter
        Case(reply: "2415", verdict: .wrong, score: 0),  // unknown number
        Case(reply: "0123", verdict: .wrong, score: 0),
        Case(reply: "b2ac", verdict: .wrong, score: 0),  // letters and digits run together
        Case(reply: "Treaty signed, treaty in force, founded, suspended", verdict: .wrong, score: 0),
        Case(reply: "", verdict: .wrong, score: 0),
        Case(reply: "> > >", verdict: .wrong, score: 0),
    ]

    @Test(arguments: cases) func orderAnswer(_ c: Case) {
        let grade = CSTOVocabulary.checker.gradeOrder(c.reply, choices: Self.events, order: Self.order)
        #expect(grade.verdict == c.verdict)
        #expect(abs(grade.score - c.score) < 1e-9)
        #expect(grade.expected.hasPrefix("b, d, a, c (Treaty signed in Tashkent → "))
    }

    @Test func orderCardDispatches() {
        let card = CSTOVocabulary.card(.order, choices: Self.events, order: Self.order)
        #expect(CSTOVocabulary.checker.grade("b d a c", for: card).verdict == .correct)
        #expect(CSTOVocabulary.checker.grade("a b c d", for: card).score == 0.5)
    }

    @Test func tenItemsNeedSeparatedNumbers() {
        let choices = (1...10).map { "event \($0)" }
        let order = Array((0..<10).reversed())
        let checker = CSTOVocabulary.checker
        #expect(
            checker.gradeOrder("10 9 8 7 6 5 4 3 2 1", choices: choices, order: order).verdict == .correct)
        #expect(checker.gradeOrder("jihgfedcba", choices: choices, order: order).verdict == .correct)
        #expect(checker.gradeOrder("10987654321", choices: choices, order: order).score == 0)
    }

    @Test func malformedOrderCardIsWrongWithoutCrashing() {
        let checker = CSTOVocabulary.checker
        #expect(checker.gradeOrder("a", choices: [], order: []).verdict == .wrong)
        #expect(checker.gradeOrder("ab", choices: ["x", "y"], order: [0, 0]).verdict == .wrong)
        #expect(checker.gradeOrder("ab", choices: ["x", "y"], order: [0, 5]).verdict == .wrong)
        #expect(checker.gradeOrder("ab", choices: ["x", "y"], order: [0]).verdict == .wrong)
    }

    /// Law: the Kendall score is 1 only for the right order, 0 for its reverse, and symmetric
    /// under swapping which order is "right".
    @Test func kendallScoreLaws() {
        let permutations = Self.permutations(of: [0, 1, 2, 3])
        for a in permutations {
            #expect(AnswerChecker.kendallScore(a, a) == 1)
            #expect(AnswerChecker.kendallScore(a.reversed(), a) == 0)
            for b in permutations {
                #expect(AnswerChecker.kendallScore(a, b) == AnswerChecker.kendallScore(b, a))
                if a != b { #expect(AnswerChecker.kendallScore(a, b) < 1) }
            }
        }
    }

    static func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[Int]] in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(of: rest).map { [first] + $0 }
        }
    }
}
