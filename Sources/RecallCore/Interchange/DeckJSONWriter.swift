package import Foundation

/// The whole deck as JSON: the fact model and every generated card, described by
/// `Decks/deck.schema.json` (format `recall-deck`, version 1).
package struct DeckJSONWriter: Sendable {
    public static let format = "recall-deck"
    public static let version = 1

    public init() {}

    public func write(_ input: ExportInput) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Document(input))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    struct Document: Encodable {
        var format = DeckJSONWriter.format
        var version = DeckJSONWriter.version
        var deck: Header
        var entities: [EntityRecord]
        var attributes: [AttributeRecord]
        var facts: [FactRecord]
        var distractors: [String: [String]]
        var freeCards: [FreeCardRecord]
        var cards: [Card]

        enum CodingKeys: String, CodingKey {
            case format, version, deck, entities, attributes, facts, distractors, cards
            case freeCards = "free_cards"
        }

        init(_ input: ExportInput) {
            let deck = input.deck
            self.deck = Header(
                id: deck.id, name: deck.name, description: deck.summary, source: deck.sourceTitle)
            entities = deck.entities.map {
                EntityRecord(
                    id: $0.id, type: $0.type, name: $0.name, aliases: $0.aliases, mention: $0.mention)
            }
            attributes = deck.attributes.map(AttributeRecord.init)
            facts = deck.facts.map(FactRecord.init)
            distractors = deck.distractors
            freeCards = deck.freeCards.map(FreeCardRecord.init)
            cards = input.cards
        }
    }

    struct Header: Encodable {
        var id: String
        var name: String
        var description: String?
        var source: String?
    }

    struct EntityRecord: Encodable {
        var id, type, name: String
        var aliases: [String]
        var mention: String?
    }

    struct AttributeRecord: Encodable {
        var id: String
        var type: String
        var of, ask, reverse, statement, event, element, choose, chooseNot: String?
        var typed, choice: Bool

        enum CodingKeys: String, CodingKey {
            case id, type, of, ask, reverse, statement, event, element, choose, typed, choice
            case chooseNot = "choose_not"
        }

        init(_ attribute: Attribute) {
            id = attribute.id
            type = attribute.type.rawValue
            of = attribute.valueType
            ask = attribute.ask
            reverse = attribute.reverse
            statement = attribute.statement
            event = attribute.event
            element = attribute.element
            choose = attribute.choose
            chooseNot = attribute.chooseNot
            typed = attribute.typed
            choice = attribute.choice
        }
    }

    struct FactRecord: Encodable {
        var id, subject, attribute: String
        var value: ValueRecord
        var source, ask, reverse, statement, event, note: String?

        init(_ fact: Fact) {
            id = fact.id
            subject = fact.subject
            attribute = fact.attribute
            value = ValueRecord(fact.value)
            source = fact.source
            ask = fact.ask
            reverse = fact.reverse
            statement = fact.statement
            event = fact.event
            note = fact.note
        }
    }

    /// A fact's value: `type` says which of the other keys is set.
    struct ValueRecord: Encodable {
        var type: String
        var year, month: Int?
        var entity: String?
        var number: Int?
        var unit, qualifier, text: String?
        var aliases: [String]?
        var set: [String]?
        var complete: Bool?
        var passage: String?

        init(_ value: FactValue) {
            type = value.type.rawValue
            switch value {
            case .date(let date): (year, month) = (date.year, date.month)
            case .entity(let id): entity = id
            case .number(let number, let unit, let qualifier):
                (self.number, self.unit, self.qualifier) = (number, unit, qualifier)
            case .text(let text, let aliases): (self.text, self.aliases) = (text, aliases)
            case .set(let ids, let complete): (set, self.complete) = (ids, complete)
            case .passage(let text): passage = text
            }
        }
    }

    struct FreeCardRecord: Encodable {
        var id: String
        var question, answer, cloze, source: String?
        var aliases, choices: [String]?

        init(_ card: FreeCard) {
            id = card.id
            source = card.source
            switch card.content {
            case .question(let question, let answer, let aliases):
                (self.question, self.answer, self.aliases) = (question, answer, aliases)
                choices = card.choices.isEmpty ? nil : card.choices
            case .cloze(let text): cloze = text
            }
        }
    }
}
