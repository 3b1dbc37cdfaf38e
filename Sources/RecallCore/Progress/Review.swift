public import Foundation

/// One answer in a profile's append-only review log: the truth every card state is rebuilt from.
public struct Review: Sendable, Hashable, Codable, Identifiable {
    /// Unique per review (a UUID unless given), so merging two logs drops the copies.
    public var id: String
    /// The card's stable id.
    public var cardID: String
    /// When the learner answered; stored to the precision the JSON files keep (see `Date.storable`).
    public var reviewedAt: Date
    public var rating: Rating
    /// What the learner typed.
    public var answer: String
    public var verdict: Grade.Verdict
    /// Seconds the learner took to answer (0 when unknown; never negative or infinite).
    public var duration: TimeInterval
    /// Hints the learner asked for before answering (0 when none; omitted from the files then).
    public var hints: Int = 0
    /// The learner rated a wrong verdict as a pass: the verdict stays wrong, the rating is theirs
    /// (omitted from the files when false).
    public var overridden: Bool = false

    public init(
        id: String = UUID().uuidString, cardID: String, reviewedAt: Date, rating: Rating,
        answer: String, verdict: Grade.Verdict, duration: TimeInterval, hints: Int = 0,
        overridden: Bool = false
    ) {
        self.id = id
        self.cardID = cardID
        self.reviewedAt = reviewedAt.storable
        self.rating = rating
        self.answer = answer
        self.verdict = verdict
        self.duration = duration.isFinite ? max(0, duration) : 0
        self.hints = max(0, hints)
        self.overridden = overridden
    }

    enum CodingKeys: String, CodingKey {
        case id, cardID = "card", reviewedAt = "at", rating, answer, verdict, duration = "seconds", hints,
            overridden
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        cardID = try container.decode(String.self, forKey: .cardID)
        reviewedAt = Date(timeIntervalSince1970: try container.decode(Double.self, forKey: .reviewedAt))
        let rawRating = try container.decode(Int.self, forKey: .rating)
        guard let rating = Rating(rawValue: rawRating) else {
            throw DecodingError.dataCorruptedError(
                forKey: .rating, in: container,
                debugDescription: "unknown rating '\(rawRating)' (expected 1 again, 2 hard, 3 good or 4 easy)"
            )
        }
        self.rating = rating
        answer = try container.decode(String.self, forKey: .answer)
        let rawVerdict = try container.decode(String.self, forKey: .verdict)
        guard let verdict = Grade.Verdict(rawValue: rawVerdict) else {
            throw DecodingError.dataCorruptedError(
                forKey: .verdict, in: container,
                debugDescription: "unknown verdict '\(rawVerdict)' (expected correct, close or wrong)")
        }
        self.verdict = verdict
        let seconds = try container.decode(Double.self, forKey: .duration)
        duration = seconds.isFinite ? max(0, seconds) : 0
        hints = max(0, try container.decodeIfPresent(Int.self, forKey: .hints) ?? 0)
        overridden = try container.decodeIfPresent(Bool.self, forKey: .overridden) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(cardID, forKey: .cardID)
        try container.encode(reviewedAt.timeIntervalSince1970, forKey: .reviewedAt)
        try container.encode(rating.rawValue, forKey: .rating)
        try container.encode(answer, forKey: .answer)
        try container.encode(verdict.rawValue, forKey: .verdict)
        try container.encode(duration, forKey: .duration)
        if hints > 0 { try container.encode(hints, forKey: .hints) }
        if overridden { try container.encode(overridden, forKey: .overridden) }
    }
}

extension Date {
    /// This date as the progress files store it: seconds since 1970 as a JSON number.
    ///
    /// Converting once lands on a value that survives every later write and read unchanged, so
    /// states compared after a round trip (or rebuilt by replay) are equal, not merely close.
    public var storable: Date { Date(timeIntervalSince1970: timeIntervalSince1970) }
}

extension CardState {
    /// The state with its dates as the progress files store them (see `Date.storable`).
    public var storable: CardState {
        var copy = self
        copy.due = due.storable
        copy.lastReview = lastReview?.storable
        return copy
    }
}
