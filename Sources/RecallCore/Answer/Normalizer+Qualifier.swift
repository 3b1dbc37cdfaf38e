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
            "about", "around", "approximately", "approx", "roughly", "some", "circa", "ca", "c",
            "close to", "just about", "an estimated", "estimated", "round about", "more or less",
        ]
        let atLeast = [
            "more than", "over", "at least", "just over", "well over", "upwards of", "in excess of",
            "no fewer than", "no less than", "greater than", "above", "more then", "north of", "exceeding",
            "a minimum of", "minimum", "min",
        ]
        let atMost = [
            "less than", "fewer than", "under", "just under", "up to", "at most", "no more than",
            "not more than", "below", "less then", "nearly", "almost", "shy of", "just shy of",
            "a maximum of", "maximum", "max", "not even", "not quite",
        ]
        let all =
            approximate.map { ($0, NormalizedAnswer.Qualifier.approximate) }
            + atLeast.map { ($0, .atLeast) } + atMost.map { ($0, .atMost) }
        // Longest first, so `just over` wins over `just about`'s prefix and `over`.
        return all.map { (words: $0.0.split(separator: " ").map(String.init), kind: $0.1) }
            .sorted { $0.words.count > $1.words.count }
    }()

    /// Bounds written after a number: `2,000 or more`, `2000 plus`, `a week or so`.
    private static let trailingQualifiers: [(words: [String], kind: NormalizedAnswer.Qualifier)] = {
        let atLeast = [
            "or more", "or over", "or above", "plus", "and more", "and up", "and above", "at least",
        ]
        let atMost = ["or less", "or fewer", "or under", "or below", "at most", "at the most", "max", "tops"]
        let approximate = ["or so", "ish", "give or take", "approximately", "roughly", "or thereabouts"]
        let all =
            approximate.map { ($0, NormalizedAnswer.Qualifier.approximate) }
            + atLeast.map { ($0, .atLeast) } + atMost.map { ($0, .atMost) }
        return all.map { (words: $0.0.split(separator: " ").map(String.init), kind: $0.1) }
            .sorted { $0.words.count > $1.words.count }
    }()

    /// The bound whose words end just before `index` in `tokens`, and where it starts.
    static func qualifier(endingBefore index: Int, in tokens: [String]) -> (NormalizedAnswer.Qualifier, Int)?
    {
        for qualifier in qualifiers where qualifier.words.count <= index {
            let start = index - qualifier.words.count
            if Array(tokens[start..<index]) == qualifier.words { return (qualifier.kind, start) }
        }
        return nil
    }

    /// The bound whose words start just after `index` in `tokens`, and where they end.
    static func qualifier(startingAfter index: Int, in tokens: [String]) -> (NormalizedAnswer.Qualifier, Int)?
    {
        let start = index + 1
        for qualifier in trailingQualifiers where start + qualifier.words.count <= tokens.count {
            let end = start + qualifier.words.count
            if Array(tokens[start..<end]) == qualifier.words { return (qualifier.kind, end) }
        }
        return nil
    }

    /// The bound a deck's qualifier text (`more than`) states, if it states one.
    static func qualifier(named text: String) -> NormalizedAnswer.Qualifier? {
        let words = Normalizer().fold(text)
        return qualifiers.first { $0.words == words }?.kind
    }

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
