/// Grading a chronological ordering.
///
/// Items are shown labelled `a`, `b`, `c` … and numbered 1, 2, 3 …; the reply lists labels
/// earliest first, separated by spaces, commas, `>`, `-` (or other punctuation) or run together
/// (`cab`, `312`; digits run together only when there are at most nine items). It must name every
/// item exactly once, or it is wrong with score 0.
///
/// Partial credit is Kendall's: the fraction of item pairs the reply puts in the right relative
/// order (1 only for the right order, 0 for the reverse). The verdict is `correct` only for the
/// exact order, otherwise `wrong` with that score.
extension AnswerChecker {
    /// Grades `reply` for items `choices` (as shown) whose right order is `order` (indices into
    /// `choices`, earliest first).
    public func gradeOrder(_ reply: String, choices: [String], order: [Int]) -> Grade {
        let count = choices.count
        guard count > 0, order.count == count, Set(order) == Set(0..<count) else {
            return Grade(verdict: .wrong, score: 0, expected: "")
        }
        let labels = order.map { Self.label(for: $0) }.joined(separator: ", ")
        let texts = order.map { choices[$0] }.joined(separator: " → ")
        let expected = "\(labels) (\(texts))"
        guard let sequence = Self.orderSequence(of: Normalizer.capped(reply), count: count) else {
            return Grade(verdict: .wrong, score: 0, expected: expected)
        }
        if sequence == order { return Grade(verdict: .correct, score: 1, expected: expected) }
        return Grade(verdict: .wrong, score: Self.kendallScore(sequence, order), expected: expected)
    }

    /// The fraction of pairs of `sequence` in the same relative order as in `order` (both
    /// permutations of the same indices).
    public static func kendallScore(_ sequence: [Int], _ order: [Int]) -> Double {
        guard sequence.count > 1 else { return sequence == order ? 1 : 0 }
        var position: [Int: Int] = [:]
        for (rank, item) in order.enumerated() { position[item] = rank }
        var concordant = 0
        for first in 0..<(sequence.count - 1) {
            for second in (first + 1)..<sequence.count {
                if let a = position[sequence[first]], let b = position[sequence[second]], a < b {
                    concordant += 1
                }
            }
        }
        let pairs = sequence.count * (sequence.count - 1) / 2
        return Double(concordant) / Double(pairs)
    }

    /// The item indices a reply lists, if it is a permutation of `count` labels.
    static func orderSequence(of reply: String, count: Int) -> [Int]? {
        let tokens = reply.lowercased().unicodeScalars.split { !isLabelScalar($0) }
        var sequence: [Int] = []
        for token in tokens {
            guard let indices = labelIndices(of: Array(token), count: count) else { return nil }
            sequence += indices
            if sequence.count > count { return nil }
        }
        guard sequence.count == count, Set(sequence).count == count else { return nil }
        return sequence
    }

    private static func isLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// The items one token names: each letter is a label (`cab`); digits are one label each when
    /// there are at most nine items (`312`), otherwise the token is one number (`12`).
    private static func labelIndices(of token: [Unicode.Scalar], count: Int) -> [Int]? {
        if token.allSatisfy({ ("a"..."z").contains($0) }) {
            let indices = token.map { Int($0.value) - 97 }
            return indices.allSatisfy { $0 < count } ? indices : nil
        }
        guard token.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        if count <= 9 {
            let indices = token.map { Int($0.value) - 49 }
            return indices.allSatisfy { $0 >= 0 && $0 < count } ? indices : nil
        }
        guard token.count <= 4, let number = Int(String(String.UnicodeScalarView(token))),
            number >= 1, number <= count
        else { return nil }
        return [number - 1]
    }
}
