import Foundation

/// Reduces a reply or an accepted spelling to what matters when comparing answers.
///
/// Case, accents (`Chișinău` = `Chisinau`, comma-below and cedilla alike), punctuation (typographic
/// quotes, dashes, hyphens), runs of whitespace, digit grouping (`2,000` = `2 000` = `2000`), number
/// words (`two thousand` = `2000`), ordinals (`first` = `1st` = `1`), a leading article and a leading
/// qualifier (`about`, `more than` …) do not matter. Only the first `maximumLength` Unicode scalars
/// are read, so a huge paste costs no more than a long answer.
package struct Normalizer: Sendable {
    /// How many Unicode scalars of a text are read; the rest is ignored.
    public static let maximumLength = 1_000

    public init() {}

    /// `text` reduced for comparison.
    public func normalize(_ text: String) -> NormalizedAnswer {
        var plainTokens = fold(text)
        var canonicalTokens = NumberWords.canonicalize(plainTokens)
        var qualifier: NormalizedAnswer.Qualifier?
        if let (found, length) = leadingQualifier(canonicalTokens) {
            qualifier = found
            canonicalTokens.removeFirst(length)
            plainTokens.removeFirst(min(length, plainTokens.count))
        }
        Self.dropLeadingArticle(&plainTokens)
        Self.dropLeadingArticle(&canonicalTokens)
        // `a week` = `one week` = `1 week`: the article is gone from the first, so drop the 1 too
        // (a cardinal one only: `first secretary` keeps its number).
        if canonicalTokens.count > 1, canonicalTokens[0] == "1", !NumberWords.isDigits(canonicalTokens[1]),
            let word = plainTokens.first, word == "one" || word == "1"
        {
            canonicalTokens.removeFirst()
        }
        return NormalizedAnswer(
            plainTokens: plainTokens, canonicalTokens: canonicalTokens, qualifier: qualifier)
    }

    /// The words of `text`: lower case, accents folded, digit groups joined, punctuation removed.
    ///
    /// Apostrophes join (`d'Ivoire` → `divoire`); every other non-letter, non-digit separates words
    /// (`twenty-one` → `twenty`, `one`). A full stop between digits is kept as a decimal point.
    public func fold(_ text: String) -> [String] {
        let capped = Self.capped(text)
        // ASCII has nothing to decompose; Foundation's decomposition is the slow part of folding.
        let decomposed =
            capped.utf8.allSatisfy { $0 < 0x80 }
            ? capped.lowercased() : capped.lowercased().decomposedStringWithCompatibilityMapping
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(decomposed.unicodeScalars.count)
        for scalar in decomposed.unicodeScalars {
            Self.appendFolded(scalar, to: &scalars)
        }
        let joined = Self.joiningDigitGroups(scalars)
        return joined.split(separator: " ").map { String(String.UnicodeScalarView($0)) }
    }

    private static let apostrophes: Set<Unicode.Scalar> = [
        "'", "\u{2019}", "\u{2018}", "\u{02BC}", "\u{02BB}", "`",
    ]

    private static let letterReplacements: [Unicode.Scalar: String] = [
        "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
        "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n",
    ]

    /// Appends what `scalar` contributes after case folding: nothing for marks and apostrophes, the
    /// letter, an ASCII digit, or a separator (kept as-is when digit grouping may need it).
    private static func appendFolded(_ scalar: Unicode.Scalar, to scalars: inout [Unicode.Scalar]) {
        if apostrophes.contains(scalar) { return }
        if let replacement = letterReplacements[scalar] {
            scalars.append(contentsOf: replacement.unicodeScalars)
            return
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format:
            return
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            scalars.append(scalar)
        case .decimalNumber:
            let digit = scalar.properties.numericValue.map { Int($0) } ?? 0
            scalars.append(Unicode.Scalar(UInt8(48 + min(max(digit, 0), 9))))
        default:
            scalars.append(scalar == "," || scalar == "." || scalar == "_" ? scalar : " ")
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Whether a scalar left by `appendFolded` is part of a word (a letter; digits are handled apart).
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar != " " && scalar != "," && scalar != "." && scalar != "_" && !isDigit(scalar)
    }

    /// Joins `2,000`, `2 000` and `2_000` into `2000` (a 1–3 digit lead, then groups of exactly
    /// three), keeps `.` between digits, and turns every other separator into a space.
    static func joiningDigitGroups(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard isDigit(scalar) else {
                output.append(isLetter(scalar) ? scalar : " ")
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, isDigit(scalars[end]) { end += 1 }
            output.append(contentsOf: scalars[index..<end])
            if end - index <= 3 {
                while isGroup(scalars, at: end) {
                    output.append(contentsOf: scalars[(end + 1)...(end + 3)])
                    end += 4
                }
            }
            if end + 1 < scalars.count, scalars[end] == ".", isDigit(scalars[end + 1]) {
                output.append(".")
                end += 1
                while end < scalars.count, isDigit(scalars[end]) {
                    output.append(scalars[end])
                    end += 1
                }
            }
            index = end
        }
        return output
    }

    /// Whether a thousands separator at `index` is followed by exactly three digits.
    private static func isGroup(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 3 < scalars.count, [",", " ", "_"].contains(scalars[index]) else { return false }
        guard isDigit(scalars[index + 1]), isDigit(scalars[index + 2]), isDigit(scalars[index + 3]) else {
            return false
        }
        return index + 4 == scalars.count || !isDigit(scalars[index + 4])
    }

    private static func dropLeadingArticle(_ tokens: inout [String]) {
        if tokens.count > 1, ["the", "a", "an"].contains(tokens[0]) {
            tokens.removeFirst()
        }
    }
}
