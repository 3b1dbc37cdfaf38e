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
    /// The accepted spelling (or option) the reply was matched to, when it was matched to one.
    public var matched: String?
    /// Why the verdict is what it is, when that is not plain from the reply itself: "accepted:
    /// 'Moscow, Russia' names Moscow", "wrong: 'less than 2,000' contradicts 'more than 2,000'".
    public var reason: String?

    public init(
        verdict: Verdict, score: Double, expected: String, missing: [String] = [], extra: [String] = [],
        matched: String? = nil, reason: String? = nil
    ) {
        self.verdict = verdict
        self.score = score
        self.expected = expected
        self.missing = missing
        self.extra = extra
        self.matched = matched
        self.reason = reason
    }

    /// A wrong verdict for `expected`, saying why.
    static func wrong(_ expected: String, because reason: String? = nil) -> Grade {
        Grade(verdict: .wrong, score: 0, expected: expected, reason: reason.map { "wrong: " + $0 })
    }

    /// An accepted verdict (`correct` or `close`) for `expected`, matched to `matched`.
    static func accepted(
        _ verdict: Verdict, _ expected: String, matched: String?, because reason: String? = nil
    ) -> Grade {
        Grade(
            verdict: verdict, score: 1, expected: expected, matched: matched,
            reason: reason.map { (verdict == .close ? "close: " : "accepted: ") + $0 })
    }

    /// Whether the reply counts as right (correct or close).
    public var isAccepted: Bool { verdict != .wrong }
}
