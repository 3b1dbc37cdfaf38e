/// Reads English number words and ordinals as digits, so that `six`, `6`, `sixth` and `6th` compare
/// equal and `two thousand and twelve` equals `2012`.
///
/// Works on folded tokens (lower case, no punctuation: `twenty-one` arrives as `twenty`, `one`).
/// A phrase ends at the first word that cannot continue it, so `twenty twenty` is read as a year
/// pair (2020) and `one two` as two numbers.
enum NumberWords {
    /// What a number word contributes to a phrase.
    enum Kind: Equatable {
        case unit, teen, ten, hundred, scale
    }

    struct Word {
        var kind: Kind
        var value: Int
        var isOrdinal: Bool
    }

    private static let cardinals: [String: Word] = {
        var table: [String: Word] = [:]
        let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        for (value, word) in units.enumerated() {
            table[word] = Word(kind: .unit, value: value, isOrdinal: false)
        }
        let teens = [
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen",
        ]
        for (offset, word) in teens.enumerated() {
            table[word] = Word(kind: .teen, value: 10 + offset, isOrdinal: false)
        }
        let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        for (offset, word) in tens.enumerated() {
            table[word] = Word(kind: .ten, value: 20 + 10 * offset, isOrdinal: false)
        }
        table["hundred"] = Word(kind: .hundred, value: 100, isOrdinal: false)
        table["thousand"] = Word(kind: .scale, value: 1_000, isOrdinal: false)
        table["million"] = Word(kind: .scale, value: 1_000_000, isOrdinal: false)
        table["billion"] = Word(kind: .scale, value: 1_000_000_000, isOrdinal: false)
        return table
    }()

    private static let ordinals: [String: Word] = {
        let irregular: [String: String] = [
            "first": "one", "second": "two", "third": "three", "fifth": "five", "eighth": "eight",
            "ninth": "nine", "twelfth": "twelve",
        ]
        var table: [String: Word] = [:]
        let irregularCardinals = Set(irregular.values)
        for (word, var entry) in cardinals where entry.value > 0 && !irregularCardinals.contains(word) {
            entry.isOrdinal = true
            if word.hasSuffix("y") {
                table[String(word.dropLast()) + "ieth"] = entry
            } else {
                table[word + "th"] = entry
            }
        }
        for (ordinal, cardinal) in irregular {
            guard var entry = cardinals[cardinal] else { continue }
            entry.isOrdinal = true
            table[ordinal] = entry
        }
        return table
    }()

    /// The number word `token` stands for, if any.
    static func word(_ token: String) -> Word? {
        cardinals[token] ?? ordinals[token]
    }

    /// Whether `token` is written in digits (`2002`, `3.5`).
    static func isDigits(_ token: String) -> Bool {
        guard let first = token.unicodeScalars.first, ("0"..."9").contains(first) else { return false }
        return token.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
    }

    /// `tokens` with every number phrase replaced by its value in digits and ordinal suffixes
    /// dropped (`21st` → `21`).
    static func canonicalize(_ tokens: [String]) -> [String] {
        var output: [String] = []
        var index = 0
        var previousPair: Int?  // a lone 10…99 phrase just written, for year pairs like `nineteen ninety`
        while index < tokens.count {
            if let roman = RomanNumeral.value(of: tokens[index], after: index > 0 ? tokens[index - 1] : nil) {
                output.append(String(roman))
                previousPair = nil
                index += 1
                continue
            }
            if let phrase = readPhrase(tokens, from: index) {
                if let first = previousPair, phrase.isPairable, output.last == String(first) {
                    output[output.count - 1] = String(first * 100 + phrase.value)
                    previousPair = nil
                } else {
                    output.append(String(phrase.value))
                    previousPair = phrase.isPairable ? phrase.value : nil
                }
                index = phrase.end
            } else {
                output.append(strippingOrdinalSuffix(tokens[index]))
                previousPair = nil
                index += 1
            }
        }
        return output
    }

    /// `21st` → `21`, `2nd` → `2`; anything else unchanged.
    static func strippingOrdinalSuffix(_ token: String) -> String {
        for suffix in ["st", "nd", "rd", "th"] where token.hasSuffix(suffix) {
            let stem = String(token.dropLast(2))
            if !stem.isEmpty, stem.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
                return stem
            }
        }
        return token
    }
}
