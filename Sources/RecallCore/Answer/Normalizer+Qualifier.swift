/// Hedges in front of a number (`more than 2,000`, `about a week`).
///
/// A learner who types the bare core (`2000`, `a week`) has remembered the fact, so the hedge is
/// removed from both the reply and the accepted spelling before they are compared; the hedge's
/// direction is kept, and a lower bound never matches an upper one (`less than 2000` is not
/// `more than 2,000`). A hedge is only removed in front of a number or `a`/`an`, so answers that
/// merely start with such a word (`Over the Rainbow`) are left alone.
extension Normalizer {
    private static let qualifiers: [(words: [String], kind: NormalizedAnswer.Qualifier)] = {
        let approximate = [
            "about", "around", "approximately", "approx", "roughly", "nearly", "almost", "some",
            "circa", "ca", "c", "close to", "just about", "an estimated", "estimated",
        ]
        let atLeast = [
            "more than", "over", "at least", "just over", "well over", "upwards of", "in excess of",
            "no fewer than", "no less than", "greater than",
        ]
        let atMost = [
            "less than", "fewer than", "under", "just under", "up to", "at most", "no more than",
        ]
        let all =
            approximate.map { ($0, NormalizedAnswer.Qualifier.approximate) }
            + atLeast.map { ($0, .atLeast) } + atMost.map { ($0, .atMost) }
        // Longest first, so `just over` wins over `just about`'s prefix and `over`.
        return all.map { (words: $0.0.split(separator: " ").map(String.init), kind: $0.1) }
            .sorted { $0.words.count > $1.words.count }
    }()

    /// The hedge at the front of `tokens` and how many words it takes, if one is followed by a
    /// number or `a`/`an`.
    func leadingQualifier(_ tokens: [String]) -> (NormalizedAnswer.Qualifier, Int)? {
        for qualifier in Self.qualifiers where tokens.count > qualifier.words.count {
            guard Array(tokens.prefix(qualifier.words.count)) == qualifier.words else { continue }
            let next = tokens[qualifier.words.count]
            if NumberWords.isDigits(next) || next == "a" || next == "an" {
                return (qualifier.kind, qualifier.words.count)
            }
        }
        return nil
    }
}
