/// A card's stable id, the key of every learner's progress on it.
///
/// Built only through the constructors below, from what identifies the memory: the deck, the
/// fact and the direction (or the gap, the facts a timeline orders, the hand-written card's id),
/// never from rendered text or positions. Its text form (`rawValue`) is what profiles store.
public struct CardID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Which way a fact card asks: the value from the subject, or the subject from the value.
    public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
        /// Subject and attribute given, the value asked (also a set's elements).
        case forward
        /// The value given, the subject asked.
        case reverse
    }

    /// The id as profiles, exports and manifests store it.
    public let rawValue: String

    private init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: CardID, rhs: CardID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `deck:fact:forward` or `deck:fact:reverse`: one card per fact and direction.
    public static func fact(deck: String, fact: String, direction: Direction) -> CardID {
        CardID("\(deck):\(fact):\(direction.rawValue)")
    }

    /// `deck:fact:cloze.cN`: one card per gap number of a passage fact.
    public static func cloze(deck: String, fact: String, gap: Int) -> CardID {
        CardID("\(deck):\(fact):cloze.c\(gap)")
    }

    /// `deck:timeline:<digest>`, derived from the ids of the facts the card orders (in any order).
    public static func timeline(deck: String, facts: [String]) -> CardID {
        CardID("\(deck):timeline:\(StableHash.digest(facts.sorted().joined(separator: ",")))")
    }

    /// `deck:card:id`: a card written by hand (or imported).
    public static func free(deck: String, card: String) -> CardID {
        CardID("\(deck):card:\(card)")
    }

    /// `deck:card:id.cN`: gap N of a hand-written (or imported) cloze card.
    public static func free(deck: String, card: String, gap: Int) -> CardID {
        CardID("\(deck):card:\(card).c\(gap)")
    }

    /// An id as a file stored it (a profile, a card listing, an export), kept verbatim.
    public init(stored text: String) {
        self.init(text)
    }

    /// The deck id the card belongs to.
    public var deck: String { String(rawValue.prefix { $0 != ":" }) }
}
