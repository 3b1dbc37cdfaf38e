import Testing

@testable import RecallCore

@Suite struct NormalizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var canonical: String
        var qualifier: NormalizedAnswer.Qualifier? = nil
        var testDescription: String { "'\(input)' → '\(canonical)'" }
    }

    static let cases: [Case] = [
        Case(input: "  Moscow  ", canonical: "moscow"),
        Case(input: "Chișinău", canonical: "chisinau"),  // s with comma below
        Case(input: "Chişinău", canonical: "chisinau"),  // s with cedilla
        Case(input: "Straße", canonical: "strasse"),
        Case(input: "ＭＯＳＣＯＷ", canonical: "moscow"),  // full-width
        Case(input: "Kassym–Jomart  Tokayev", canonical: "kassym jomart tokayev"),
        Case(input: "Côte d’Ivoire", canonical: "cote divoire"),
        Case(input: "“The Collective Security Council”", canonical: "collective security council"),
        Case(input: "The", canonical: "the"),  // an article alone is the answer
        Case(input: "2,000", canonical: "2000"),
        Case(input: "2 000 000", canonical: "2000000"),
        Case(input: "2\u{00A0}000", canonical: "2000"),
        Case(input: "1, 2, 3", canonical: "1 2 3"),
        Case(input: "3.5", canonical: "3.5"),
        Case(input: "six", canonical: "6"),
        Case(input: "twenty-one", canonical: "21"),
        Case(input: "three hundred", canonical: "300"),
        Case(input: "a hundred", canonical: "100"),
        Case(input: "3 million", canonical: "3000000"),
        Case(input: "two thousand and twelve", canonical: "2012"),
        Case(input: "1.5 million", canonical: "1500000"),
        Case(input: "2.25 thousand troops", canonical: "2250 troops"),
        Case(input: "1.2345 thousand", canonical: "1.2345 1000"),  // not a whole number: left alone
        Case(input: "٢٠٠٢", canonical: "2002"),  // Arabic-Indic digits
        Case(input: "one million two hundred thousand", canonical: "1200000"),
        Case(input: "nineteen ninety-two", canonical: "1992"),
        Case(input: "twenty twenty-one", canonical: "2021"),
        Case(input: "one two three", canonical: "1 2 3"),
        Case(input: "first", canonical: "1"),
        Case(input: "twenty-first", canonical: "21"),
        Case(input: "the 21st century", canonical: "21 century"),
        Case(input: "Russia and Belarus", canonical: "russia and belarus"),
        Case(input: "more than 2,000", canonical: "2000", qualifier: .atLeast),
        Case(input: "at least two thousand", canonical: "2000", qualifier: .atLeast),
        Case(input: "less than 2000", canonical: "2000", qualifier: .atMost),
        Case(input: "about a week", canonical: "week", qualifier: .approximate),
        Case(input: "one week", canonical: "week"),
        Case(input: "Over the Rainbow", canonical: "over the rainbow"),  // no number: not a hedge
        Case(input: "🇷🇺 !!! ???", canonical: ""),
        Case(input: "موسكو", canonical: "موسكو"),
    ]

    @Test(arguments: cases) func normalize(_ c: Case) {
        let normalized = Normalizer().normalize(c.input)
        #expect(normalized.canonical == c.canonical)
        #expect(normalized.qualifier == c.qualifier)
    }

    @Test func plainFormKeepsNumberWordsForTypos() {
        let normalized = Normalizer().normalize("The First Secretary")
        #expect(normalized.plain == "first secretary")
        #expect(normalized.canonical == "1 secretary")
        #expect(normalized.numbers == ["1"])
        #expect(!normalized.isNumeric)
        #expect(Normalizer().normalize("two thousand and two").isNumeric)
    }

    @Test func readsOnlyTheFirstThousandScalars() {
        let long = String(repeating: "ab ", count: 10_000)
        #expect(Normalizer().fold(long).count == Normalizer.maximumLength / 3 + 1)
    }
}
