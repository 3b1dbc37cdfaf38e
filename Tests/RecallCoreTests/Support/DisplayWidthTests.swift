import Testing

@testable import RecallCore

@Suite struct DisplayWidthTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let width: Int
        let note: String
        var testDescription: String { note }
    }

    static let cases: [Case] = [
        Case(text: "Moscow", width: 6, note: "ASCII"),
        Case(text: "Chișinău", width: 8, note: "precomposed Romanian letters"),
        Case(text: "Chis\u{0326}ina\u{0306}u", width: 8, note: "combining comma and breve take no column"),
        Case(text: "Москва", width: 6, note: "Cyrillic"),
        Case(text: "Ереван", width: 6, note: "Cyrillic Yerevan"),
        Case(text: "北京", width: 4, note: "CJK ideographs are wide"),
        Case(text: "서울", width: 4, note: "Hangul syllables are wide"),
        Case(text: "ｱ", width: 1, note: "halfwidth katakana"),
        Case(text: "Ａ", width: 2, note: "fullwidth Latin"),
        Case(text: "🎉", width: 2, note: "emoji presentation"),
        Case(text: "a\u{200D}b", width: 2, note: "zero-width joiner"),
        Case(text: "\u{1B}[31m", width: 4, note: "escape character takes none"),
        Case(text: "", width: 0, note: "empty"),
    ]

    @Test(arguments: cases)
    func measures(_ testCase: Case) {
        #expect(DisplayWidth.of(testCase.text) == testCase.width)
    }

    @Test func truncatesByColumnsWithoutSplittingCharacters() {
        #expect(DisplayWidth.truncate("Chis\u{0326}ina\u{0306}u", to: 5) == "Chis\u{0326}…")
        #expect(DisplayWidth.truncate("北京市", to: 4) == "北…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("北京市", to: 4)) == 3)
        #expect(DisplayWidth.truncate("short", to: 5) == "short")
        #expect(DisplayWidth.truncate("long", to: 0) == "")
    }

    @Test func padsToExactColumns() {
        #expect(DisplayWidth.pad("北京", to: 6) == "北京  ")
        #expect(DisplayWidth.pad("Chis\u{0326}", to: 5, alignRight: true) == " Chis\u{0326}")
        for text in ["Chișinău", "Chis\u{0326}ina\u{0306}u", "Москва", "北京市中心", "a"] {
            for width in 1...9 {
                #expect(DisplayWidth.of(DisplayWidth.pad(text, to: width)) == width)
            }
        }
    }
}
