import Testing

@testable import RecallCore

/// Set recall: order-free lists, typos, missing and extra elements, partial credit.
@Suite struct AnswerCheckerSetTests {
    static let members: [[String]] = [
        ["Russia", "Russian Federation"], ["Armenia"], ["Kazakhstan"], ["Kyrgyzstan", "Kirghizia"],
        ["Tajikistan"], ["Belarus", "Byelorussia"],
    ]
    static let allMembers = "Russia, Armenia, Kazakhstan, Kyrgyzstan, Tajikistan, Belarus"

    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var reply: String
        var items: [[String]] = AnswerCheckerSetTests.members
        var verdict: Grade.Verdict
        var score: Double
        var missing: [String] = []
        var extra: [String] = []
        var testDescription: String { "\(id): '\(reply)'" }
    }

    static let cases: [Case] = [
        Case(id: "all, commas", reply: allMembers, verdict: .correct, score: 1),
        Case(
            id: "any order, mixed separators",
            reply: "belarus; tajikistan / kyrgyzstan\nkazakhstan and armenia, russia", verdict: .correct,
            score: 1),
        Case(
            id: "Oxford comma with and",
            reply: "Belarus, Tajikistan, Kyrgyzstan, Kazakhstan, Armenia, and Russia", verdict: .correct,
            score: 1),
        Case(
            id: "plain spaces", reply: "russia belarus armenia kazakhstan kyrgyzstan tajikistan",
            verdict: .correct, score: 1),
        Case(
            id: "aliases",
            reply: "Russian Federation, Armenia, Kazakhstan, Kirghizia, Tajikistan, Byelorussia",
            verdict: .correct, score: 1),
        Case(
            id: "duplicates count once",
            reply: "Russia, russia, Russian Federation, Armenia, Kazakhstan, Kyrgyzstan, Tajikistan, Belarus",
            verdict: .correct, score: 1),
        Case(
            id: "typo makes it close", reply: "Russia, Armenia, Kazakstan, Kyrgyzstan, Tajikistan, Belarus",
            verdict: .close, score: 1),
        Case(
            id: "half", reply: "Russia, Armenia, Kazakhstan", verdict: .wrong, score: 0.5,
            missing: ["Kyrgyzstan", "Tajikistan", "Belarus"]),
        Case(
            id: "half with a typo", reply: "Rusia and Armenia and Kazakhstan", verdict: .wrong, score: 0.5,
            missing: ["Kyrgyzstan", "Tajikistan", "Belarus"]),
        Case(
            id: "one extra", reply: allMembers + ", Uzbekistan", verdict: .wrong, score: 6.0 / 7.0,
            extra: ["Uzbekistan"]),
        Case(
            id: "extra after and", reply: allMembers + " and Azerbaijan", verdict: .wrong, score: 6.0 / 7.0,
            extra: ["Azerbaijan"]),
        Case(
            id: "missing and extra", reply: "Russia, Armenia, Kazakhstan, Kyrgyzstan, Tajikistan, Uzbekistan",
            verdict: .wrong, score: 5.0 / 7.0, missing: ["Belarus"], extra: ["Uzbekistan"]),
        Case(
            id: "repeated extra counts once", reply: allMembers + ", Georgia, georgia", verdict: .wrong,
            score: 6.0 / 7.0, extra: ["Georgia"]),
        Case(
            id: "nothing right", reply: "Uzbekistan, Azerbaijan, Georgia", verdict: .wrong, score: 0,
            missing: ["Russia", "Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Belarus"],
            extra: ["Uzbekistan", "Azerbaijan", "Georgia"]),
        Case(
            id: "unknown word in a space list", reply: "russia belarus kazakh", verdict: .wrong, score: 0,
            missing: ["Russia", "Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Belarus"],
            extra: ["russia belarus kazakh"]),
        Case(
            id: "empty", reply: "  ", verdict: .wrong, score: 0,
            missing: ["Russia", "Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Belarus"]),
        Case(
            id: "separators only", reply: ", ; / and", verdict: .wrong, score: 0,
            missing: ["Russia", "Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Belarus"]),
        Case(
            id: "name containing and", reply: "Bosnia and Herzegovina and Serbia",
            items: [["Bosnia and Herzegovina"], ["Serbia"]], verdict: .correct, score: 1),
        Case(
            id: "ambiguous typo is extra", reply: "Austrlia, Austria", items: [["Austria"], ["Australia"]],
            verdict: .wrong, score: 1.0 / 3.0, missing: ["Australia"], extra: ["Austrlia"]),
        Case(
            id: "near miss from the vocabulary is extra", reply: "Zambia, Senegal",
            items: [["Gambia"], ["Senegal"]], verdict: .wrong, score: 1.0 / 3.0, missing: ["Gambia"],
            extra: ["Zambia"]),
        Case(
            id: "councils", reply: "CMD; council of ministers of foreign affairs; Collective Security Councl",
            items: [
                ["Collective Security Council", "CSC"], ["Council of Ministers of Foreign Affairs", "CMFA"],
                ["Council of Ministers of Defense", "CMD"],
            ], verdict: .close, score: 1),
    ]

    @Test(arguments: cases) func setAnswer(_ c: Case) {
        let grade = CSTOVocabulary.checker.gradeSet(c.reply, items: c.items)
        #expect(grade.verdict == c.verdict)
        #expect(abs(grade.score - c.score) < 1e-9)
        #expect(grade.missing == c.missing)
        #expect(grade.extra == c.extra)
        #expect(grade.expected == c.items.compactMap(\.first).joined(separator: ", "))
    }

    @Test func setCardDispatchesToSetRules() {
        let card = CSTOVocabulary.card(.set, answer: Self.allMembers, items: Self.members)
        let grade = CSTOVocabulary.checker.grade("Belarus, Russia", for: card)
        #expect(grade.verdict == .wrong)
        #expect(abs(grade.score - 2.0 / 6.0) < 1e-9)
        #expect(grade.missing == ["Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan"])
    }

    @Test func emptySetAcceptsNothing() {
        let grade = CSTOVocabulary.checker.gradeSet("Russia", items: [[], []])
        #expect(grade.verdict == .wrong)
        #expect(grade.score == 0)
        #expect(grade.extra == ["Russia"])
    }
}
