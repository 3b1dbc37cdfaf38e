/// What a deck holds, for `recall deck stats`: facts, entities, attributes and cards by kind.
public struct DeckStatistics: Sendable, Hashable {
    public var deckID: String
    public var facts: Int
    public var entities: Int
    public var attributes: Int
    public var freeCards: Int
    public var cards: Int
    /// Cards per kind, every kind listed (zero included), in `Card.Kind` order.
    public var cardsByKind: [(kind: Card.Kind, count: Int)] {
        Card.Kind.allCases.map { ($0, countByKind[$0] ?? 0) }
    }
    /// Facts per source section, most first, then by name; facts without a source under `nil`.
    public var factsBySource: [(source: String?, count: Int)]

    private var countByKind: [Card.Kind: Int]

    public init(deck: Deck, cards: [Card]) {
        deckID = deck.id
        facts = deck.facts.count
        entities = deck.entities.count
        attributes = deck.attributes.count
        freeCards = deck.freeCards.count
        self.cards = cards.count
        countByKind = Dictionary(grouping: cards, by: \.kind).mapValues(\.count)
        let bySource = Dictionary(grouping: deck.facts, by: \.source).mapValues(\.count)
        factsBySource = bySource.map { ($0.key, $0.value) }
            .sorted { ($1.count, $0.source ?? "") < ($0.count, $1.source ?? "") }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.deckID == rhs.deckID && lhs.facts == rhs.facts && lhs.entities == rhs.entities
            && lhs.attributes == rhs.attributes && lhs.freeCards == rhs.freeCards && lhs.cards == rhs.cards
            && lhs.countByKind == rhs.countByKind
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(deckID)
        hasher.combine(cards)
    }
}
