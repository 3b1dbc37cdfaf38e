/// Roman numerals as numbers, where a learner means one: `Article IV` = `Article 4`.
///
/// Only numerals of `i`, `v` and `x` (1…39) in their standard form are read. A numeral of two or
/// more letters is read anywhere (`iv`, `xii`); a single letter only after a word that numbers
/// things (`article i`, `part v`), so the pronoun `I` and option letters stay words.
enum RomanNumeral {
    private static let numberingWords: Set<String> = [
        "article", "articles", "art", "chapter", "section", "part", "clause", "paragraph", "title",
        "volume", "book", "amendment", "protocol", "annex", "appendix",
    ]

    /// The value of `token` (folded, lower case) as a Roman numeral, if it is one here.
    static func value(of token: String, after previous: String?) -> Int? {
        guard !token.isEmpty, token.count <= 7,
            token.unicodeScalars.allSatisfy({ $0 == "i" || $0 == "v" || $0 == "x" })
        else { return nil }
        if token.count == 1, !(previous.map(numberingWords.contains) ?? false) { return nil }
        guard let value = parse(token), (1...39).contains(value), format(value) == token else { return nil }
        return value
    }

    private static func parse(_ token: String) -> Int? {
        let values: [Character: Int] = ["i": 1, "v": 5, "x": 10]
        let digits = token.compactMap { values[$0] }
        guard digits.count == token.count else { return nil }
        var total = 0
        for (index, digit) in digits.enumerated() {
            if index + 1 < digits.count, digit < digits[index + 1] { total -= digit } else { total += digit }
        }
        return total
    }

    /// The standard form of 1…39.
    private static func format(_ value: Int) -> String {
        let tens = String(repeating: "x", count: value / 10)
        let units = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][value % 10]
        return tens + units
    }
}
