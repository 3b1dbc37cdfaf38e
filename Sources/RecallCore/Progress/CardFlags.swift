public import Foundation

/// What the study session keeps about a card besides its schedule.
public struct CardFlags: Sendable, Hashable, Codable {
    /// The learner took the card out of study.
    public var isSuspended: Bool
    /// The card is hidden until this time (e.g. a sibling was studied today).
    public var buriedUntil: Date?
    /// The card lapsed so often that the session marked it a leech.
    public var isLeech: Bool
    /// How often the learner forgot the card after it had graduated (rebuilt by replay).
    public var lapses: Int
    /// Answers the learner chose to accept for this card, beyond the deck's.
    public var aliases: [String]

    public init(
        isSuspended: Bool = false, buriedUntil: Date? = nil, isLeech: Bool = false, lapses: Int = 0,
        aliases: [String] = []
    ) {
        self.isSuspended = isSuspended
        self.buriedUntil = buriedUntil?.storable
        self.isLeech = isLeech
        self.lapses = lapses
        self.aliases = aliases
    }

    /// Whether nothing is set, so the card needs no entry.
    public var isEmpty: Bool { self == CardFlags() }

    /// Both sides' flags combined the same way whichever side is first: set wins, the later burial,
    /// the larger lapse count, the union of aliases.
    public func merged(with other: CardFlags) -> CardFlags {
        let burial: Date? =
            switch (buriedUntil, other.buriedUntil) {
            case (let a?, let b?): max(a, b)
            case (let a, let b): a ?? b
            }
        return CardFlags(
            isSuspended: isSuspended || other.isSuspended, buriedUntil: burial,
            isLeech: isLeech || other.isLeech, lapses: max(lapses, other.lapses),
            aliases: Array(Set(aliases).union(other.aliases)).sorted())
    }

    enum CodingKeys: String, CodingKey {
        case isSuspended = "suspended", buriedUntil = "buried_until", isLeech = "leech", lapses, aliases
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        isSuspended = try container.decodeIfPresent(Bool.self, forKey: .isSuspended) ?? false
        buriedUntil = try container.decodeIfPresent(Double.self, forKey: .buriedUntil).map {
            Date(timeIntervalSince1970: $0)
        }
        isLeech = try container.decodeIfPresent(Bool.self, forKey: .isLeech) ?? false
        lapses = try container.decodeIfPresent(Int.self, forKey: .lapses) ?? 0
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if isSuspended { try container.encode(true, forKey: .isSuspended) }
        if let buriedUntil { try container.encode(buriedUntil.timeIntervalSince1970, forKey: .buriedUntil) }
        if isLeech { try container.encode(true, forKey: .isLeech) }
        if lapses != 0 { try container.encode(lapses, forKey: .lapses) }
        if !aliases.isEmpty { try container.encode(aliases, forKey: .aliases) }
    }
}
