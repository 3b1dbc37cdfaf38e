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

    /// The edit distance to `other` (the smaller of the plain and canonical forms), or `nil` when
    /// it exceeds the typo allowance for `other`'s length or the two name different numbers.
    public func typoDistance(to other: NormalizedAnswer) -> Int? {
        guard !isEmpty, !other.isEmpty, !other.isNumeric, !isNumeric else { return nil }
        if !numbers.isEmpty, !other.numbers.isEmpty, numbers != other.numbers { return nil }
        if let qualifier, !qualifier.isCompatible(with: other.qualifier) { return nil }
        var best: Int?
        for (mine, theirs) in [(plainScalars, other.plainScalars), (canonicalScalars, other.canonicalScalars)] {
            let allowance = EditDistance.typoAllowance(forLength: theirs.count)
            let distance = EditDistance.optimalStringAlignment(mine, theirs, limit: allowance)
            if distance <= allowance { best = min(best ?? distance, distance) }
        }
        return best
    }
}
