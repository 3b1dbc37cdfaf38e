import Foundation

/// What an instructor learns from the progress files learners hand in: per learner, how much
/// they studied and how well they remember; per card, the ones the class finds hardest.
///
/// Numbers only; the executable draws the table. Built from the review logs (the truth) and the
/// card states and flags the files hold.
public struct ClassReport: Sendable, Hashable, Codable {
    /// One learner's figures.
    public struct Learner: Sendable, Hashable, Codable {
        public var name: String
        public var reviews: Int
        /// Distinct cards reviewed.
        public var cards: Int
        /// Share of reviews of already-seen cards not rated Again; nil before any.
        public var passRate: Double?
        /// Cards whose current interval is 21 days or more (Anki's "mature").
        public var mature: Int
        public var lapses: Int

        enum CodingKeys: String, CodingKey {
            case name, reviews, cards, mature, lapses
            case passRate = "pass_rate"
        }
    }

    /// One card's figures across the class.
    public struct CardSummary: Sendable, Hashable, Codable {
        public var cardID: String
        /// The card's question, when the deck was given and still has the card.
        public var prompt: String?
        public var reviews: Int
        /// How many learners reviewed it.
        public var learners: Int
        /// Share of reviews of the card, after each learner's first, not rated Again; nil before any.
        public var passRate: Double?
        public var lapses: Int
        /// The most common wrong answers, most frequent first.
        public var wrongAnswers: [WrongAnswer]

        enum CodingKeys: String, CodingKey {
            case cardID = "card", prompt, reviews, learners, lapses
            case passRate = "pass_rate"
            case wrongAnswers = "wrong_answers"
        }
    }

    /// A wrong answer and how many times it was given.
    public struct WrongAnswer: Sendable, Hashable, Codable {
        public var answer: String
        public var count: Int
    }

    /// Cards with an interval of at least this many days count as mature.
    public static let matureDays: Double = 21

    public var learners: [Learner]
    /// The hardest cards: lowest pass rate, then most lapses, then most reviews.
    public var hardest: [CardSummary]

    /// - Parameters:
    ///   - profiles: each learner's name and profile.
    ///   - cards: the deck's cards, to restrict the report to them and show prompts; nil for all.
    ///   - top: how many of the hardest cards to list.
    public init(profiles: [(name: String, profile: Profile)], cards: [Card]? = nil, top: Int = 10) {
        var tally = ClassTally(cards: cards)
        for (name, profile) in profiles { tally.add(tally.part(name: name, profile: profile)) }
        self = tally.report(top: top)
    }

    init(learners: [Learner], hardest: [CardSummary]) {
        self.learners = learners
        self.hardest = hardest
    }

    /// Lowest pass rate first (cards with none yet last), then most lapses, most reviews, id.
    static func harder(_ a: CardSummary, _ b: CardSummary) -> Bool {
        let ra = a.passRate ?? 2
        let rb = b.passRate ?? 2
        if ra != rb { return ra < rb }
        if a.lapses != b.lapses { return a.lapses > b.lapses }
        if a.reviews != b.reviews { return a.reviews > b.reviews }
        return a.cardID < b.cardID
    }
}
