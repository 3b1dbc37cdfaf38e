import Testing

@testable import RecallCore

/// Typed answers: the table of accepted and rejected replies.
@Suite struct AnswerCheckerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var reply: String
        var accepted: [String]
        var verdict: Grade.Verdict
        /// Grade without the deck's vocabulary (to show what the vocabulary changes).
        var withoutVocabulary = false
        var testDescription: String { "\(id): '\(reply)' for \(accepted) → \(verdict)" }
    }

    static let cases: [Case] =
        foldingCases + typoCases + nearMissCases + numberCases + qualifierCases + emptyCases

    static let foldingCases: [Case] = [
        Case(id: "exact", reply: "Moscow", accepted: ["Moscow"], verdict: .correct),
        Case(id: "surrounding whitespace", reply: "  moscow \n", accepted: ["Moscow"], verdict: .correct),
        Case(id: "upper case", reply: "MOSCOW", accepted: ["Moscow"], verdict: .correct),
        Case(id: "trailing full stop", reply: "Yerevan.", accepted: ["Yerevan"], verdict: .correct),
        Case(id: "alias", reply: "Chisinau", accepted: ["Chișinău", "Chisinau"], verdict: .correct),
        Case(id: "diacritics fold", reply: "chisinau", accepted: ["Chișinău"], verdict: .correct),
        Case(id: "comma below = cedilla", reply: "Chișinău", accepted: ["Chişinău"], verdict: .correct),
        Case(id: "typed accents", reply: "Chişinău", accepted: ["Chisinau"], verdict: .correct),
        Case(
            id: "second alias", reply: "Tokayev", accepted: ["Kassym-Jomart Tokayev", "Tokayev"],
            verdict: .correct),
        Case(
            id: "hyphen as space", reply: "kassym jomart tokayev", accepted: ["Kassym-Jomart Tokayev"],
            verdict: .correct),
        Case(
            id: "en dash", reply: "Kassym–Jomart Tokayev", accepted: ["Kassym-Jomart Tokayev"],
            verdict: .correct),
        Case(
            id: "hyphen dropped", reply: "Nur Sultan", accepted: ["Astana", "Nur-Sultan"], verdict: .correct),
        Case(
            id: "leading article", reply: "the Collective Security Council",
            accepted: ["Collective Security Council"], verdict: .correct),
        Case(
            id: "article on the answer", reply: "Collective Security Council",
            accepted: ["The Collective Security Council"], verdict: .correct),
        Case(
            id: "abbreviation", reply: "csc", accepted: ["Collective Security Council", "CSC"],
            verdict: .correct),
        Case(
            id: "dotted abbreviation", reply: "C.S.C.", accepted: ["Collective Security Council", "CSC"],
            verdict: .correct),
        Case(
            id: "inner whitespace", reply: "Collective   Security\tCouncil",
            accepted: ["Collective Security Council"], verdict: .correct),
        Case(
            id: "typographic quotes", reply: "“Collective Security Council”",
            accepted: ["Collective Security Council"], verdict: .correct),
        Case(
            id: "long form alias", reply: "russian federation", accepted: ["Russia", "Russian Federation"],
            verdict: .correct),
        Case(id: "other country", reply: "Belarus", accepted: ["Russia"], verdict: .wrong),
        Case(id: "other capital", reply: "Astana", accepted: ["Moscow"], verdict: .wrong),
    ]

    static let typoCases: [Case] = [
        Case(
            id: "missing letter is a typo, not a fold", reply: "Tokaev", accepted: ["Tokayev"],
            verdict: .close),
        Case(id: "one edit from 5", reply: "Mink", accepted: ["Minsk"], verdict: .close),
        Case(id: "no edit below 5", reply: "CST", accepted: ["CSTO"], verdict: .wrong),
        Case(id: "deletion", reply: "Kazakstan", accepted: ["Kazakhstan"], verdict: .close),
        Case(id: "transposition counts 1", reply: "Kazakhtsan", accepted: ["Kazakhstan"], verdict: .close),
        Case(id: "two edits from 10", reply: "Kazaksthan", accepted: ["Kazakhstan"], verdict: .close),
        Case(id: "three edits too many", reply: "Kazkstn", accepted: ["Kazakhstan"], verdict: .wrong),
        Case(id: "two edits below 10", reply: "Tashkant", accepted: ["Tashkent"], verdict: .close),
        Case(id: "two edits at 8 letters", reply: "Taskhant", accepted: ["Tashkent"], verdict: .wrong),
        Case(
            id: "typo in long name", reply: "Collective Security Councl",
            accepted: ["Collective Security Council"], verdict: .close),
        Case(
            id: "two typos in long name", reply: "Colective Securty Council",
            accepted: ["Collective Security Council"], verdict: .close),
        Case(
            id: "three typos in long name", reply: "Colectve Securty Councl",
            accepted: ["Collective Security Council"], verdict: .wrong),
        Case(
            id: "typo of an alias", reply: "Kyrgystan", accepted: ["Kyrgyzstan", "Kirghizia"], verdict: .close
        ),
        Case(
            id: "British spelling", reply: "Council of Ministers of Defence",
            accepted: ["Council of Ministers of Defense"], verdict: .close),
        Case(
            id: "typo in the other council", reply: "Council of Minsters of Foreign Affairs",
            accepted: ["Council of Ministers of Foreign Affairs", "CMFA"], verdict: .close),
        Case(
            id: "typo on an ordinal word", reply: "Frist Secretary", accepted: ["First Secretary"],
            verdict: .close),
        Case(id: "one letter dropped", reply: "Armnia", accepted: ["Armenia"], verdict: .close),
    ]

    static let nearMissCases: [Case] = [
        Case(
            id: "Kyrgyzstan is not Kazakhstan", reply: "Kyrgyzstan", accepted: ["Kazakhstan"], verdict: .wrong
        ),
        Case(id: "Albania is not Armenia", reply: "Albania", accepted: ["Armenia"], verdict: .wrong),
        Case(
            id: "Uzbekistan is not Tajikistan", reply: "Uzbekistan", accepted: ["Tajikistan"], verdict: .wrong
        ),
        Case(
            id: "the other council", reply: "Council of Ministers of Foreign Affairs",
            accepted: ["Council of Ministers of Defense"], verdict: .wrong),
        Case(
            id: "part of the name", reply: "Council of Ministers",
            accepted: ["Council of Ministers of Defense"], verdict: .wrong),
        Case(id: "another real name one edit away", reply: "Zambia", accepted: ["Gambia"], verdict: .wrong),
        Case(
            id: "same reply without vocabulary is a typo", reply: "Zambia", accepted: ["Gambia"],
            verdict: .close, withoutVocabulary: true),
        Case(id: "as near to another name", reply: "Xambia", accepted: ["Gambia"], verdict: .wrong),
        Case(id: "nearer the right name", reply: "Gambja", accepted: ["Gambia"], verdict: .close),
        Case(id: "tie with Austria", reply: "Austrlia", accepted: ["Australia"], verdict: .wrong),
        Case(
            id: "tie ignored without vocabulary", reply: "Austrlia", accepted: ["Australia"], verdict: .close,
            withoutVocabulary: true),
        Case(id: "Australia is not Austria", reply: "Australia", accepted: ["Austria"], verdict: .wrong),
        Case(id: "abbreviation of another thing", reply: "CSTO", accepted: ["CSC"], verdict: .wrong),
    ]

    static let numberCases: [Case] = [
        Case(id: "word for digits", reply: "six", accepted: ["6"], verdict: .correct),
        Case(id: "digits for word", reply: "6", accepted: ["six"], verdict: .correct),
        Case(id: "thousands comma", reply: "2,000", accepted: ["2000"], verdict: .correct),
        Case(id: "thousands space", reply: "2 000", accepted: ["2,000"], verdict: .correct),
        Case(id: "thousands in words", reply: "two thousand", accepted: ["2,000"], verdict: .correct),
        Case(id: "hyphenated compound", reply: "twenty-one", accepted: ["21"], verdict: .correct),
        Case(id: "hundreds", reply: "three hundred", accepted: ["300"], verdict: .correct),
        Case(id: "year in words", reply: "two thousand and twelve", accepted: ["2012"], verdict: .correct),
        Case(id: "spoken year", reply: "nineteen ninety-two", accepted: ["1992"], verdict: .correct),
        Case(id: "year", reply: "2002", accepted: ["2002"], verdict: .correct),
        Case(
            id: "decimal before a scale word", reply: "1.5 million", accepted: ["1,500,000"],
            verdict: .correct),
        Case(id: "next year is wrong", reply: "2003", accepted: ["2002"], verdict: .wrong),
        Case(id: "digit dropped is wrong", reply: "200", accepted: ["2002"], verdict: .wrong),
        Case(id: "other year in words", reply: "two thousand and three", accepted: ["2002"], verdict: .wrong),
        Case(id: "letter for zero is no typo", reply: "2oo2", accepted: ["2002"], verdict: .wrong),
        Case(id: "ordinal word", reply: "first", accepted: ["1st"], verdict: .correct),
        Case(id: "ordinal optional", reply: "1", accepted: ["first"], verdict: .correct),
        Case(id: "ordinal suffix optional", reply: "1st", accepted: ["1"], verdict: .correct),
        Case(id: "compound ordinal", reply: "twenty-first", accepted: ["21st"], verdict: .correct),
        Case(id: "other ordinal", reply: "Second Secretary", accepted: ["First Secretary"], verdict: .wrong),
        Case(
            id: "ordinal is not dropped", reply: "Secretary", accepted: ["First Secretary"], verdict: .wrong),
        Case(id: "number inside a name", reply: "article four", accepted: ["Article 4"], verdict: .correct),
        Case(id: "other number inside a name", reply: "Article 5", accepted: ["Article 4"], verdict: .wrong),
        Case(id: "typo beside a number", reply: "Artcle 4", accepted: ["Article 4"], verdict: .close),
        Case(id: "extra digit is no typo", reply: "Article 44", accepted: ["Article 4"], verdict: .wrong),
        Case(
            id: "dropped number is no typo", reply: "Collective Security Council",
            accepted: ["Collective Security Council 2"], verdict: .wrong),
        Case(id: "count with noun", reply: "2,000 soldiers", accepted: ["2000 soldiers"], verdict: .correct),
        Case(
            id: "typo in the noun", reply: "two thousand soldeirs", accepted: ["2,000 soldiers"],
            verdict: .close),
    ]

    static let qualifierCases: [Case] = [
        Case(id: "bare core of 'more than'", reply: "2000", accepted: ["more than 2,000"], verdict: .correct),
        Case(
            id: "same hedge in words", reply: "more than two thousand", accepted: ["more than 2,000"],
            verdict: .correct),
        Case(id: "synonymous hedge", reply: "over 2000", accepted: ["more than 2,000"], verdict: .correct),
        Case(id: "approximate hedge", reply: "about 2,000", accepted: ["more than 2,000"], verdict: .correct),
        Case(id: "opposite hedge", reply: "less than 2000", accepted: ["more than 2,000"], verdict: .wrong),
        Case(id: "other number with hedge", reply: "3000", accepted: ["more than 2,000"], verdict: .wrong),
        Case(
            id: "hedge on the reply only", reply: "approximately 2000", accepted: ["2000"], verdict: .correct),
        Case(id: "a week", reply: "a week", accepted: ["about a week"], verdict: .correct),
        Case(id: "one week", reply: "one week", accepted: ["about a week"], verdict: .correct),
        Case(id: "1 week", reply: "1 week", accepted: ["about a week"], verdict: .correct),
        Case(id: "two weeks", reply: "two weeks", accepted: ["about a week"], verdict: .wrong),
        Case(
            id: "hedge word without number stays", reply: "the Rainbow", accepted: ["Over the Rainbow"],
            verdict: .wrong),
    ]

    static let emptyCases: [Case] = [
        Case(id: "empty", reply: "", accepted: ["Moscow"], verdict: .wrong),
        Case(id: "whitespace", reply: " \t\n ", accepted: ["Moscow"], verdict: .wrong),
        Case(id: "punctuation only", reply: "!!! ???", accepted: ["Moscow"], verdict: .wrong),
        Case(id: "an article only", reply: "the", accepted: ["Moscow"], verdict: .wrong),
    ]

    @Test(arguments: cases) func typedAnswer(_ c: Case) {
        let checker = c.withoutVocabulary ? AnswerChecker() : CSTOVocabulary.checker
        let grade = checker.grade(c.reply, accepting: c.accepted)
        #expect(grade.verdict == c.verdict)
        #expect(grade.score == (c.verdict == .wrong ? 0 : 1))
        #expect(grade.expected == c.accepted.first)
    }

    @Test func tableIsBigEnough() {
        #expect(Self.cases.count >= 60)
        #expect(Set(Self.cases.map(\.id)).count == Self.cases.count, "case ids must be unique")
    }

    @Test(arguments: [Card.Kind.typed, .reverse, .cloze, .free])
    func typedKindsUseTheTypedRules(kind: Card.Kind) {
        let card = CSTOVocabulary.card(kind, answer: "Chișinău", accepted: ["Chișinău", "Chisinau"])
        let checker = CSTOVocabulary.checker
        #expect(checker.grade("chisinau", for: card).verdict == .correct)
        let close = checker.grade("Chisinao", for: card)
        #expect(close.verdict == .close)
        #expect(close.expected == "Chișinău")
        #expect(checker.grade("Tashkent", for: card).verdict == .wrong)
    }

    @Test func cardWithoutAcceptedListUsesItsAnswer() {
        let card = CSTOVocabulary.card(.typed, answer: "more than 2,000")
        #expect(CSTOVocabulary.checker.grade("2000", for: card).verdict == .correct)
        #expect(CSTOVocabulary.checker.grade("2001", for: card).verdict == .wrong)
    }

    /// Law: every name in the vocabulary is accepted as the answer for its own thing.
    @Test func everyVocabularyNameIsCorrectForItsThing() {
        for names in CSTOVocabulary.names {
            for name in names {
                #expect(CSTOVocabulary.checker.grade(name, accepting: names).verdict == .correct, "\(name)")
            }
        }
    }
}
