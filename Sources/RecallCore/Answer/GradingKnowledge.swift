/// What the checker knows of the decks beyond their names: the fact behind each card, which thing
/// each name belongs to, and which things the deck relates (Chișinău is in Moldova), so that a
/// reply can be read as a teacher reads it.
struct GradingKnowledge: Sendable {
    /// The facts of every deck, by `deck` + `fact id`.
    let facts: [String: Fact]
    /// The entities of every deck, by `deck` + `entity id`.
    let entities: [String: Entity]
    /// The vocabulary group of each entity, by `deck` + `entity id`.
    let groupOfEntity: [String: Int]
    /// For each group, the groups the deck says it is in or part of (an entity-valued fact about it).
    let links: [Int: Set<Int>]
    /// The years and numbers the facts about each entity state, by `deck` + `entity id`.
    let figures: [String: Set<String>]
    /// Entities by folded name or alias, per deck: to find the entity a multiple-choice option names.
    let entityByName: [String: String]

    static func key(_ deck: String, _ id: String) -> String { deck + "\u{1F}" + id }

    /// Knowledge of `decks`, whose entities are the vocabulary groups from `firstGroup` on, in order.
    init(decks: [Deck], firstGroup: Int) {
        var facts: [String: Fact] = [:]
        var entities: [String: Entity] = [:]
        var groupOfEntity: [String: Int] = [:]
        var entityByName: [String: String] = [:]
        var group = firstGroup
        for deck in decks {
            for entity in deck.entities {
                let key = Self.key(deck.id, entity.id)
                entities[key] = entity
                groupOfEntity[key] = group
                group += 1
                for name in entity.names {
                    let nameKey = Self.key(deck.id, TextFold.fold(name))
                    if entityByName[nameKey] == nil { entityByName[nameKey] = entity.id }
                }
            }
            group += deck.distractors.values.reduce(0) { $0 + $1.count }
            for fact in deck.facts { facts[Self.key(deck.id, fact.id)] = fact }
        }
        var links: [Int: Set<Int>] = [:]
        var figures: [String: Set<String>] = [:]
        for deck in decks {
            for fact in deck.facts {
                switch fact.value {
                case .date(let date):
                    figures[Self.key(deck.id, fact.subject), default: []].insert(String(date.year))
                case .number(let number, _, _):
                    figures[Self.key(deck.id, fact.subject), default: []].insert(String(number))
                default: break
                }
                guard case .entity(let value) = fact.value,
                    let from = groupOfEntity[Self.key(deck.id, fact.subject)],
                    let to = groupOfEntity[Self.key(deck.id, value)]
                else { continue }
                links[from, default: []].insert(to)
            }
        }
        self.facts = facts
        self.entities = entities
        self.groupOfEntity = groupOfEntity
        self.links = links
        self.figures = figures
        self.entityByName = entityByName
    }

    /// The fact a card was derived from (its first), if the card comes from a fact.
    func fact(of card: Card) -> Fact? {
        card.facts.first.flatMap { facts[Self.key(card.deck, $0)] }
    }

    /// The id of the entity a multiple-choice option of `card` names, if it names one.
    func entity(ofOption option: String, in card: Card) -> String? {
        entityByName[Self.key(card.deck, TextFold.fold(option))]
    }
}
