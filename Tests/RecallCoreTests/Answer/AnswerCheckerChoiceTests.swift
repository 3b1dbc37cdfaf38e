import Testing

@testable import RecallCore

/// Multiple choice and true/false.
@Suite struct AnswerCheckerChoiceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var reply: String
        var choices = ["Minsk", "Moscow", "Yerevan", "Astana"]
        var answerIndex = 1
        var verdict: Grade.Verdict
        var testDescription: String { "'\(reply)' for \(choices)[\(answerIndex)] → \(verdict)" }
    }

    static let cases: [Case] = [
        Case(reply: "b", verdict: .correct),
        Case(reply: "B", verdict: .correct),
        Case(reply: "b)", verdict: .correct),
        Case(reply: "(b)", verdict: .correct),
        Case(reply: " b. ", verdict: .correct),
        Case(reply: "2", verdict: .correct),
        Case(reply: "b) Moscow", verdict: .correct),
        Case(reply: "(b) moscow", verdict: .correct),
        Case(reply: "2. Moscow", verdict: .correct),
        Case(reply: "b) Minsk", verdict: .wrong),  // label and text disagree
        Case(reply: "a) Moscow", verdict: .wrong),
        Case(reply: "moscow", verdict: .correct),
        Case(reply: "  MOSCOW!", verdict: .correct),
        Case(reply: "Moskow", verdict: .close),
        Case(reply: "a", verdict: .wrong),
        Case(reply: "1", verdict: .wrong),
        Case(reply: "Minsk", verdict: .wrong),
        Case(reply: "e", verdict: .wrong),  // no fifth option
        Case(reply: "5", verdict: .wrong),
        Case(reply: "0", verdict: .wrong),
        Case(reply: "bb", verdict: .wrong),
        Case(reply: "b c", verdict: .wrong),
        Case(reply: "Tashkent", verdict: .wrong),
        Case(reply: "", verdict: .wrong),
        // As near to Austria as to Australia.
        Case(reply: "Austrlia", choices: ["Austria", "Australia", "Germany", "France"], verdict: .wrong),
        Case(
            reply: "Austia", choices: ["Austria", "Australia", "Germany", "France"], answerIndex: 0,
            verdict: .close),
        Case(
            reply: "Zambia", choices: ["Gambia", "Senegal", "Mali", "Ghana"], answerIndex: 0, verdict: .wrong),
        // Numeric options: a number is a value, never a position; letters are positions.
        Case(reply: "2", choices: ["1992", "2002", "1999", "2010"], verdict: .wrong),
        Case(reply: "b", choices: ["1992", "2002", "1999", "2010"], verdict: .correct),
        Case(reply: "2002", choices: ["1992", "2002", "1999", "2010"], verdict: .correct),
        Case(reply: "two thousand and two", choices: ["1992", "2002", "1999", "2010"], verdict: .correct),
        Case(reply: "2003", choices: ["1992", "2002", "1999", "2010"], verdict: .wrong),
    ]

    @Test(arguments: cases) func choiceAnswer(_ c: Case) {
        let grade = CSTOVocabulary.checker.gradeChoice(
            c.reply, choices: c.choices, answerIndex: c.answerIndex)
        #expect(grade.verdict == c.verdict)
        let letter = AnswerChecker.label(for: c.answerIndex)
        #expect(grade.expected == "\(letter)) \(c.choices[c.answerIndex])")
    }

    @Test func choiceCardDispatches() {
        let card = CSTOVocabulary.card(
            .choice, answer: "Moscow", choices: ["Minsk", "Moscow"], answerIndex: 1)
        #expect(CSTOVocabulary.checker.grade("b", for: card).verdict == .correct)
        #expect(CSTOVocabulary.checker.grade("a", for: card).verdict == .wrong)
    }

    @Test func malformedChoiceCardIsWrongWithoutCrashing() {
        let checker = CSTOVocabulary.checker
        #expect(checker.gradeChoice("a", choices: [], answerIndex: 0).verdict == .wrong)
        #expect(checker.gradeChoice("a", choices: ["x"], answerIndex: 3).verdict == .wrong)
        #expect(checker.gradeChoice("a", choices: ["x"], answerIndex: -1).verdict == .wrong)
        let card = CSTOVocabulary.card(.choice, answer: "x", choices: ["x"], answerIndex: nil)
        #expect(checker.grade("a", for: card).verdict == .wrong)
    }

    static let truthy = ["t", "T", "true", "TRUE", "True.", "yes", "Yes", "y", "Y", "1", " true "]
    static let falsy = ["f", "F", "false", "False", "no", "NO", "n", "N", "0", "false!"]
    static let neither = ["", " ", "maybe", "dunno", "yes no", "2", "-1", "ye", "true or false", "10"]

    @Test(arguments: truthy) func trueReplies(reply: String) {
        #expect(CSTOVocabulary.checker.gradeTrueFalse(reply, answer: true).verdict == .correct)
        #expect(CSTOVocabulary.checker.gradeTrueFalse(reply, answer: false).verdict == .wrong)
    }

    @Test(arguments: falsy) func falseReplies(reply: String) {
        #expect(CSTOVocabulary.checker.gradeTrueFalse(reply, answer: false).verdict == .correct)
        #expect(CSTOVocabulary.checker.gradeTrueFalse(reply, answer: true).verdict == .wrong)
    }

    @Test(arguments: neither) func neitherTrueNorFalse(reply: String) {
        #expect(CSTOVocabulary.checker.gradeTrueFalse(reply, answer: true).verdict == .wrong)
        #expect(CSTOVocabulary.checker.gradeTrueFalse(reply, answer: false).verdict == .wrong)
    }

    @Test func trueFalseCardReadsItsAnswer() {
        let card = CSTOVocabulary.card(.trueFalse, answer: "False")
        let grade = CSTOVocabulary.checker.grade("no", for: card)
        #expect(grade.verdict == .correct)
        #expect(grade.expected == "false")
        #expect(CSTOVocabulary.checker.grade("yes", for: card).verdict == .wrong)
    }
}
