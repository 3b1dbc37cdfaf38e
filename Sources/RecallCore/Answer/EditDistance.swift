/// Edit distances between normalized answers.
///
/// The checker uses the optimal string alignment variant of Damerau–Levenshtein distance:
/// insertions, deletions, substitutions and transpositions of two adjacent characters each cost
/// one edit, so `Tokaev` → `Tokayev` is one edit and `Kazkahstan` → `Kazakhstan` is one too.
package enum EditDistance {
    /// The optimal string alignment distance between `a` and `b`, computed only as far as `limit`.
    ///
    /// Work is bounded: when the lengths differ by more than `limit`, or every cell of a row exceeds
    /// it, the function stops early.
    /// - Returns: the distance if it is at most `limit`, otherwise `limit + 1`.
    public static func optimalStringAlignment(
        _ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int
    ) -> Int {
        let limit = max(0, limit)
        let over = limit + 1
        if abs(a.count - b.count) > limit { return over }
        if a.isEmpty || b.isEmpty { return min(max(a.count, b.count), over) }

        let width = b.count + 1
        var twoBack = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, twoBack[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return over }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return min(previous[b.count], over)
    }

    /// The optimal string alignment distance between two strings, compared by Unicode scalar.
    public static func optimalStringAlignment(_ a: String, _ b: String, limit: Int) -> Int {
        optimalStringAlignment(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    /// How many edits a typed answer may be away from an accepted spelling of `length` characters:
    /// none below 5 characters, one from 5, two from 10.
    public static func typoAllowance(forLength length: Int) -> Int {
        switch length {
        case ..<5: return 0
        case ..<10: return 1
        default: return 2
        }
    }
}
