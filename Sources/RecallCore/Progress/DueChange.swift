public import Foundation

/// A due date set by hand, in the profile's log beside the answers: Anki's "Set due date" (a
/// manual revlog row) or the due date Anki gave a card, kept on import.
///
/// Replay applies it in time order with the card's answers: the card becomes due at `due` and
/// keeps its phase, stability and difficulty, as Anki does. A later answer schedules the card anew.
public struct DueChange: Sendable, Hashable, Codable, Identifiable {
    /// Unique per change, so merging two logs drops the copies.
    public var id: String
    /// The card's stable id.
    public var cardID: String
    /// When the due date was set.
    public var changedAt: Date
    /// The card's new due date.
    public var due: Date
    /// Anki's SM-2 interval (days) and ease (e.g. 2.5) the change gave a card never answered, when
    /// it was made with FSRS off: the card's memory state is inferred from them, as Anki does.
    public var interval: Int?
    public var ease: Double?

    public init(
        id: String, cardID: String, changedAt: Date, due: Date, interval: Int? = nil, ease: Double? = nil
    ) {
        self.id = id
        self.cardID = cardID
        self.changedAt = changedAt.storable
        self.due = due.storable
        self.interval = interval
        self.ease = ease
    }

    enum CodingKeys: String, CodingKey {
        case id, cardID = "card", changedAt = "at", due, interval = "ivl", ease
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        cardID = try container.decode(String.self, forKey: .cardID)
        let at = try container.decode(Double.self, forKey: .changedAt)
        let due = try container.decode(Double.self, forKey: .due)
        guard at.isFinite, due.isFinite else {
            throw DecodingError.dataCorruptedError(
                forKey: .due, in: container, debugDescription: "a due change needs finite times")
        }
        changedAt = Date(timeIntervalSince1970: at)
        self.due = Date(timeIntervalSince1970: due)
        interval = try container.decodeIfPresent(Int.self, forKey: .interval)
        ease = try container.decodeIfPresent(Double.self, forKey: .ease)
        if let ease, !ease.isFinite {
            throw DecodingError.dataCorruptedError(
                forKey: .ease, in: container, debugDescription: "a due change needs a finite ease")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(cardID, forKey: .cardID)
        try container.encode(changedAt.timeIntervalSince1970, forKey: .changedAt)
        try container.encode(due.timeIntervalSince1970, forKey: .due)
        try container.encodeIfPresent(interval, forKey: .interval)
        try container.encodeIfPresent(ease, forKey: .ease)
    }

    /// A total order, so merged logs come out the same whichever side is first.
    static func logOrder(_ a: DueChange, _ b: DueChange) -> Bool {
        (a.changedAt, a.id, a.cardID, a.due.timeIntervalSince1970, a.interval ?? -1, a.ease ?? -1)
            < (b.changedAt, b.id, b.cardID, b.due.timeIntervalSince1970, b.interval ?? -1, b.ease ?? -1)
    }
}
