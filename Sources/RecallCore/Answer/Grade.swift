/// The checker's judgement of one reply.
public struct Grade: Sendable, Hashable, Codable {
    /// How a reply is judged.
    public enum Verdict: String, Sendable, Hashable, Codable {
        /// Right as typed (up to case, accents, punctuation, articles, number spelling).
        case correct
        /// Accepted, but misspelt: show the right spelling.
        case close
        /// Not accepted.
        case wrong
    }

    public var verdict: Verdict
    /// Partial credit from 0 to 1 (set recall and ordering); 1 for correct or close, 0 for wrong otherwise.
    public var score: Double
    /// The right answer as it should be shown.
    public var expected: String
    /// For sets: the elements the reply left out (canonical names).
    public var missing: [String]
    /// For sets: what the reply named that is not in the set, as typed.
    public var extra: [String]

    public init(
        verdict: Verdict, score: Double, expected: String, missing: [String] = [], extra: [String] = []
    ) {
        self.verdict = verdict
        self.score = score
        self.expected = expected
        self.missing = missing
        self.extra = extra
    }

    /// Whether the reply counts as right (correct or close).
    public var isAccepted: Bool { verdict != .wrong }
}
