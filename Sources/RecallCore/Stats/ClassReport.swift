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

/// The class report's counts so far: learners added one at a time, each as a `LearnerPart`
/// computed from its profile alone, so that profiles can be read, counted and dropped one by one
/// (and on several threads; see `ClassReport.streaming`).
struct ClassTally {
    /// One learner's contribution: its row and its counts per card.
    struct LearnerPart: Sendable {
        var learner: ClassReport.Learner
        var cards: [String: CardTally]
    }

    let prompts: [String: String]?
    var learners: [ClassReport.Learner] = []
    var perCard: [String: CardTally] = [:]

    init(cards: [Card]?) {
        prompts = cards.map {
            Dictionary($0.map { ($0.id, $0.prompt) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func included(_ id: String) -> Bool { prompts.map { $0[id] != nil } ?? true }

    /// The learner's row and per-card counts, from its profile.
    func part(name: String, profile: Profile) -> LearnerPart {
        part(name: name, profile: StreamedProfile(profile, keepsWrongAnswers: true))
    }

    /// The learner's row and per-card counts, from its profile read with `ReviewLogReader`
    /// (wrong answers kept).
    func part(name: String, profile streamed: StreamedProfile) -> LearnerPart {
        let log = streamed.log
        let profile = streamed.profile
        let isIncluded = log.cardIDs.map(included)
        var byCard = [CardTally?](repeating: nil, count: log.cardIDs.count)
        var tally = CardTally()
        var seen = [Bool](repeating: false, count: log.cardIDs.count)
        var cards = 0
        // In time order, ties in log order (a log is usually in time order already).
        var reviews = Array(log.reviews)
        if zip(reviews, reviews.dropFirst()).contains(where: { $0.time > $1.time }) {
            reviews.sort { $0.time < $1.time }
        }
        for review in reviews where isIncluded[Int(review.card)] {
            let card = Int(review.card)
            let isFirst = !seen[card]
            if isFirst {
                seen[card] = true
                cards += 1
            }
            let answer = log.answer(of: review)
            tally.add(rating: review.rating, verdict: review.verdict, answer: answer, isFirst: isFirst)
            if byCard[card] == nil { byCard[card] = CardTally(learner: name) }
            byCard[card]?.add(
                rating: review.rating, verdict: review.verdict, answer: answer, isFirst: isFirst)
        }
        var perCard: [String: CardTally] = [:]
        for (card, cardTally) in byCard.enumerated() {
            if let cardTally { perCard[log.cardIDs[card]] = cardTally }
        }
        let mature = profile.states.filter { included($0.key) }.values.filter { state in
            guard state.phase == .review, let last = state.lastReview else { return false }
            return state.due.timeIntervalSince(last) >= ClassReport.matureDays * 86_400
        }.count
        let lapses = profile.flags.filter { included($0.key) }.values.map(\.lapses).reduce(0, +)
        for (id, flags) in profile.flags where included(id) && flags.lapses > 0 {
            perCard[id, default: CardTally()].lapses += flags.lapses
        }
        let learner = ClassReport.Learner(
            name: name, reviews: tally.reviews, cards: cards, passRate: tally.passRate, mature: mature,
            lapses: lapses)
        return LearnerPart(learner: learner, cards: perCard)
    }

    /// Adds a learner; learners must be added in the order they are listed.
    mutating func add(_ part: LearnerPart) {
        learners.append(part.learner)
        for (id, tally) in part.cards { perCard[id, default: CardTally()].absorb(tally) }
    }

    func report(top: Int) -> ClassReport {
        let hardest = perCard.map { id, tally in
            ClassReport.CardSummary(
                cardID: id, prompt: prompts?[id], reviews: tally.reviews, learners: tally.learners.count,
                passRate: tally.passRate, lapses: tally.lapses, wrongAnswers: tally.commonWrongAnswers)
        }
        .filter { $0.passRate != nil || $0.lapses > 0 || !$0.wrongAnswers.isEmpty }
        .sorted(by: ClassReport.harder)
        .prefix(max(0, top)).map { $0 }
        return ClassReport(learners: learners, hardest: hardest)
    }
}

/// Counts for one learner or one card.
struct CardTally: Sendable {
    var reviews = 0
    var repeated = 0
    var remembered = 0
    var lapses = 0
    var learners: Set<String> = []
    /// Folded wrong answer → (as first written, count).
    var wrong: [String: (text: String, count: Int)] = [:]

    init(learner: String? = nil) {
        if let learner { learners = [learner] }
    }

    /// Counts a review; `answer` is what was typed when the verdict is wrong (nil otherwise).
    mutating func add(rating: Rating, verdict: Grade.Verdict, answer typed: String?, isFirst: Bool) {
        reviews += 1
        if !isFirst {
            repeated += 1
            if rating != .again { remembered += 1 }
        }
        let answer = typed?.trimmingWhitespace ?? ""
        if verdict == .wrong, !answer.isEmpty {
            let key = TextFold.fold(answer)
            wrong[key] = (wrong[key]?.text ?? answer, (wrong[key]?.count ?? 0) + 1)
        }
    }

    var passRate: Double? {
        repeated == 0 ? nil : Double(remembered) / Double(repeated)
    }

    /// Adds the counts of `other`, a later learner's: a wrong answer keeps the spelling it was
    /// first given in.
    mutating func absorb(_ other: CardTally) {
        reviews += other.reviews
        repeated += other.repeated
        remembered += other.remembered
        lapses += other.lapses
        learners.formUnion(other.learners)
        for (key, answer) in other.wrong {
            wrong[key] = (wrong[key]?.text ?? answer.text, (wrong[key]?.count ?? 0) + answer.count)
        }
    }

    /// The three most common wrong answers.
    var commonWrongAnswers: [ClassReport.WrongAnswer] {
        wrong.values.sorted { ($1.count, $0.text) < ($0.count, $1.text) }.prefix(3)
            .map { ClassReport.WrongAnswer(answer: $0.text, count: $0.count) }
    }
}
