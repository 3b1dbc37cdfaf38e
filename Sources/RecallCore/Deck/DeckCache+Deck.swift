/// The binary form of a `Deck` in the cache: every stored property, in declaration order, except
/// the path (the deck is named by the file it is read from now) and the source stamp.
///
/// `DeckCacheTests` checks that a deck read back equals the deck written and that no stored
/// property was added without being written here.
extension CacheByteWriter {
    mutating func deck(_ deck: Deck) {
        string(deck.id)
        string(deck.name)
        optional(deck.summary)
        optional(deck.sourceTitle)
        array(deck.entities) { $0.entity($1) }
        array(deck.attributes) { $0.attribute($1) }
        array(deck.facts) { $0.fact($1) }
        array(deck.distractors.keys.sorted()) { writer, type in
            writer.string(type)
            writer.strings(deck.distractors[type] ?? [])
        }
        array(deck.freeCards) { $0.freeCard($1) }
        bool(deck.asOf != nil)
        if let asOf = deck.asOf { date(asOf) }
    }

    mutating func location(_ location: SourceLocation) {
        int(location.line)
        int(location.column)
    }

    mutating func date(_ date: DeckDate) {
        int(date.year)
        optional(date.month)
    }

    mutating func entity(_ entity: Entity) {
        string(entity.id)
        string(entity.type)
        string(entity.name)
        strings(entity.aliases)
        optional(entity.mention)
        location(entity.location)
    }

    mutating func attribute(_ attribute: Attribute) {
        string(attribute.id)
        byte(UInt8(ValueType.allCases.firstIndex(of: attribute.type) ?? 0))
        optional(attribute.valueType)
        for text in [
            attribute.ask, attribute.reverse, attribute.statement, attribute.event, attribute.element,
            attribute.choose, attribute.chooseNot,
        ] {
            optional(text)
        }
        bool(attribute.typed)
        bool(attribute.choice)
        location(attribute.location)
    }

    mutating func fact(_ fact: Fact) {
        string(fact.id)
        string(fact.subject)
        string(fact.attribute)
        factValue(fact.value)
        for text in [fact.source, fact.ask, fact.reverse, fact.statement, fact.event, fact.note] {
            optional(text)
        }
        array(fact.terms) { $0.strings($1) }
        bool(fact.acceptsBareFigure)
        strings(fact.among)
        strings(fact.confusableWith)
        location(fact.location)
    }

    mutating func factValue(_ value: FactValue) {
        switch value {
        case .date(let date):
            byte(0)
            self.date(date)
        case .entity(let id):
            byte(1)
            string(id)
        case .number(let number, let unit, let qualifier):
            byte(2)
            int(number)
            optional(unit)
            optional(qualifier)
        case .text(let text, let aliases):
            byte(3)
            string(text)
            strings(aliases)
        case .set(let elements, let complete):
            byte(4)
            strings(elements)
            bool(complete)
        case .passage(let text):
            byte(5)
            string(text)
        }
    }

    mutating func freeCard(_ card: FreeCard) {
        string(card.id)
        switch card.content {
        case .question(let question, let answer, let aliases):
            byte(0)
            string(question)
            string(answer)
            strings(aliases)
        case .cloze(let text):
            byte(1)
            string(text)
        }
        strings(card.choices)
        optional(card.source)
        strings(card.tags)
        optional(card.extra)
        optional(card.modified)
        location(card.location)
    }
}

extension CacheByteReader {
    mutating func deck(path: String) throws(Damaged) -> Deck {
        var deck = Deck(id: try string(), name: try string(), path: path)
        deck.summary = try optionalString()
        deck.sourceTitle = try optionalString()
        deck.entities = try array { reader throws(Damaged) in try reader.entity() }
        deck.attributes = try array { reader throws(Damaged) in try reader.attribute() }
        deck.facts = try array { reader throws(Damaged) in try reader.fact() }
        let distractors = try array { reader throws(Damaged) in (try reader.string(), try reader.strings()) }
        deck.distractors = Dictionary(distractors, uniquingKeysWith: { first, _ in first })
        guard deck.distractors.count == distractors.count else { throw Damaged() }
        deck.freeCards = try array { reader throws(Damaged) in try reader.freeCard() }
        deck.asOf = try bool() ? try date() : nil
        return deck
    }

    mutating func location() throws(Damaged) -> SourceLocation {
        SourceLocation(line: try int(), column: try int())
    }

    mutating func date() throws(Damaged) -> DeckDate {
        DeckDate(year: try int(), month: try optionalInt())
    }

    mutating func entity() throws(Damaged) -> Entity {
        Entity(
            id: try string(), type: try string(), name: try string(), aliases: try strings(),
            mention: try optionalString(), location: try location())
    }

    mutating func attribute() throws(Damaged) -> Attribute {
        let id = try string()
        let type = Int(try byte())
        guard type < ValueType.allCases.count else { throw Damaged() }
        return Attribute(
            id: id, type: ValueType.allCases[type], valueType: try optionalString(),
            ask: try optionalString(),
            reverse: try optionalString(), statement: try optionalString(), event: try optionalString(),
            element: try optionalString(), choose: try optionalString(), chooseNot: try optionalString(),
            typed: try bool(), choice: try bool(), location: try location())
    }

    mutating func fact() throws(Damaged) -> Fact {
        Fact(
            id: try string(), subject: try string(), attribute: try string(), value: try factValue(),
            source: try optionalString(), ask: try optionalString(), reverse: try optionalString(),
            statement: try optionalString(), event: try optionalString(), note: try optionalString(),
            terms: try array { reader throws(Damaged) in try reader.strings() },
            acceptsBareFigure: try bool(), among: try strings(), confusableWith: try strings(),
            location: try location())
    }

    mutating func factValue() throws(Damaged) -> FactValue {
        switch try byte() {
        case 0: .date(try date())
        case 1: .entity(try string())
        case 2: .number(try int(), unit: try optionalString(), qualifier: try optionalString())
        case 3: .text(try string(), aliases: try strings())
        case 4: .set(try strings(), complete: try bool())
        case 5: .passage(try string())
        default: throw Damaged()
        }
    }

    mutating func freeCard() throws(Damaged) -> FreeCard {
        let id = try string()
        let content: FreeCard.Content
        switch try byte() {
        case 0: content = .question(try string(), answer: try string(), aliases: try strings())
        case 1: content = .cloze(try string())
        default: throw Damaged()
        }
        var card = FreeCard(
            id: id, content: content, choices: try strings(), source: try optionalString(),
            tags: try strings())
        card.extra = try optionalString()
        card.modified = try optionalInt()
        card.location = try location()
        return card
    }
}
