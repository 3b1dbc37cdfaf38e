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

    public init(id: String, cardID: String, changedAt: Date, due: Date) {
        self.id = id
        self.cardID = cardID
        self.changedAt = changedAt.storable
        self.due = due.storable
    }

    enum CodingKeys: String, CodingKey {
        case id, cardID = "card", changedAt = "at", due
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
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(cardID, forKey: .cardID)
        try container.encode(changedAt.timeIntervalSince1970, forKey: .changedAt)
        try container.encode(due.timeIntervalSince1970, forKey: .due)
    }

    /// A total order, so merged logs come out the same whichever side is first.
    static func logOrder(_ a: DueChange, _ b: DueChange) -> Bool {
        (a.changedAt, a.id, a.cardID, a.due.timeIntervalSince1970)
            < (b.changedAt, b.id, b.cardID, b.due.timeIntervalSince1970)
    }
}
