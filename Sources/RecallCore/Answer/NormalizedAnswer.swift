/// A reply or accepted spelling as the checker compares it; made by `Normalizer`.
public struct NormalizedAnswer: Sendable, Hashable {
    /// A leading word that hedges a number (`about 2,000`, `more than 2,000`), removed before comparing.
    public enum Qualifier: String, Sendable, Hashable {
        /// `about`, `around`, `approximately`, `roughly`, `nearly`, `almost`, `some`, `circa` …
        case approximate
        /// `more than`, `over`, `at least`, `upwards of`, `in excess of` …
        case atLeast
        /// `less than`, `fewer than`, `under`, `up to`, `at most` …
        case atMost

        /// Whether two hedges can describe the same answer: a lower bound never matches an upper one.
        func isCompatible(with other: Self?) -> Bool {
            guard let other else { return true }
            return !(self == .atLeast && other == .atMost || self == .atMost && other == .atLeast)
        }
    }

    /// Folded words without number reading: the form typos are measured on (`first secretary`).
    public let plain: String
    /// Folded words with numbers in digits (`1 secretary`, `2012`): the form that must be equal.
    public let canonical: String
    /// The numbers of `canonical`, in order.
    public let numbers: [String]
    /// The hedge removed from the front, if any.
    public let qualifier: Qualifier?
    /// Whether the answer is nothing but numbers (a year, a count): such answers get no typo tolerance.
    public let isNumeric: Bool

    let plainScalars: [Unicode.Scalar]
    /// The numbers written in digits in `plain`.
    let plainNumbers: [String]
    let canonicalScalars: [Unicode.Scalar]
    /// `canonical` without spaces, so `Guinea-Bissau` = `GuineaBissau`.
    let compact: String

    init(plainTokens: [String], canonicalTokens: [String], qualifier: Qualifier?) {
        plain = plainTokens.joined(separator: " ")
        canonical = canonicalTokens.joined(separator: " ")
        numbers = canonicalTokens.filter(NumberWords.isDigits)
        self.qualifier = qualifier
        isNumeric = !canonicalTokens.isEmpty && canonicalTokens.allSatisfy(NumberWords.isDigits)
        plainScalars = Array(plain.unicodeScalars)
        plainNumbers = plainTokens.filter(NumberWords.isDigits)
        canonicalScalars = Array(canonical.unicodeScalars)
        compact = canonicalTokens.joined()
    }

    /// Whether nothing comparable is left (the text was empty, punctuation or symbols).
    public var isEmpty: Bool { canonical.isEmpty }

    /// Whether `self` and `other` are the same answer up to normalization.
    public func isEquivalent(to other: NormalizedAnswer) -> Bool {
        guard !isEmpty, numbers == other.numbers, compact == other.compact else { return false }
        return qualifier?.isCompatible(with: other.qualifier) ?? true
    }

    /// The edit distance to `other` (the smaller over the forms that may be compared), or `nil`
    /// when it exceeds the typo allowance for `other`'s length or the two name different numbers.
    public func typoDistance(to other: NormalizedAnswer) -> Int? {
        guard !isNumeric, !other.isNumeric else { return nil }
        if let qualifier, !qualifier.isCompatible(with: other.qualifier) { return nil }
        var best: Int?
        for (mine, theirs) in comparableForms(with: other) {
            let allowance = EditDistance.typoAllowance(forLength: theirs.count)
            let distance = EditDistance.optimalStringAlignment(mine, theirs, limit: allowance)
            if distance <= allowance { best = min(best ?? distance, distance) }
        }
        return best
    }

    /// The edit distance to `other` over the forms that may be compared, computed only as far as
    /// `limit` (above it, `limit + 1`).
    func distance(to other: NormalizedAnswer, limit: Int) -> Int {
        var best = limit + 1
        for (mine, theirs) in comparableForms(with: other) {
            best = min(best, EditDistance.optimalStringAlignment(mine, theirs, limit: limit))
        }
        return best
    }

    /// The pairs of forms whose edit distance may count as a typo: numbers are never edited, so a
    /// form is compared only when both sides have the same numbers in it. The plain form lets a
    /// typo in a number word through (`Frist Secretary`); the canonical one a typo beside a number
    /// spelt differently (`two thousand soldeirs`).
    private func comparableForms(with other: NormalizedAnswer) -> [([Unicode.Scalar], [Unicode.Scalar])] {
        guard !isEmpty, !other.isEmpty else { return [] }
        if !numbers.isEmpty, !other.numbers.isEmpty, numbers != other.numbers { return [] }
        var forms: [([Unicode.Scalar], [Unicode.Scalar])] = []
        if plainNumbers == other.plainNumbers { forms.append((plainScalars, other.plainScalars)) }
        if numbers == other.numbers { forms.append((canonicalScalars, other.canonicalScalars)) }
        return forms
    }
}
