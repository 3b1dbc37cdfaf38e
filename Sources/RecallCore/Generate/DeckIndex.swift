/// Lookups over a deck that the generator needs again and again, and how values read.
struct DeckIndex {
    let deck: Deck
    let entities: [String: Entity]
    let attributes: [String: Attribute]
    /// Facts by subject and attribute: what is true of a subject for an attribute.
    let factsBySlot: [String: [Fact]]
    /// Facts by attribute, indexed for reverse cards and text distractors.
    let factsByAttribute: [String: AttributeFacts]
    /// For each fact id, the facts that name it as confusable.
    let confusableNaming: [String: [String]]
    /// Entities by type, in deck order.
    let entitiesByType: [String: [Entity]]
    /// Entities by display name.
    let entitiesByName: [String: Entity]
    /// Every year a fact of the deck names, ascending, once each.
    let years: [Int]
    /// For each attribute, the subjects that have each value (folded display text).
    let subjectsByValue: [String: [String: Set<String>]]

    init(_ deck: Deck) {
        self.deck = deck
        entities = Dictionary(deck.entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        attributes = Dictionary(deck.attributes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        factsBySlot = Dictionary(grouping: deck.facts) { Self.slot($0.subject, $0.attribute) }
        let entities = entities
        factsByAttribute = Dictionary(grouping: deck.facts, by: \.attribute).mapValues {
            AttributeFacts($0, entities: entities)
        }
        var naming: [String: [String]] = [:]
        for fact in deck.facts {
            for id in fact.confusableWith { naming[id, default: []].append(fact.id) }
        }
        confusableNaming = naming
        entitiesByType = Dictionary(grouping: deck.entities, by: \.type)
        entitiesByName = Dictionary(
            deck.entities.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var owners: [String: [String: Set<String>]] = [:]
        for fact in deck.facts {
            owners[fact.attribute, default: [:]][
                TextFold.fold(Self.display(fact.value, entities)), default: []
            ]
            .insert(fact.subject)
        }
        subjectsByValue = owners
        years = Set(
            deck.facts.compactMap { fact -> Int? in
                if case .date(let date) = fact.value { return date.year }
                return nil
            }
        ).sorted()
    }

    static func slot(_ subject: String, _ attribute: String) -> String { subject + "\u{1F}" + attribute }

    /// Every value the deck holds true for this fact's subject and attribute.
    func trueValues(of fact: Fact) -> [FactValue] {
        (factsBySlot[Self.slot(fact.subject, fact.attribute)] ?? []).map(\.value)
    }

    /// The value as an answer is shown.
    func display(_ value: FactValue) -> String {
        Self.display(value, entities)
    }

    private static func display(_ value: FactValue, _ entities: [String: Entity]) -> String {
        switch value {
        case .date(let date): date.display
        case .entity(let id): entities[id]?.name ?? id
        case .number(let number, let unit, let qualifier):
            [qualifier, grouped(number), unit].compactMap { $0 }.joined(separator: " ")
        case .text(let text, _): text
        case .set(let ids, _): list(ids.map { entities[$0]?.name ?? $0 })
        case .passage(let text):
            (try? Cloze.parse(text).get())?.fullText ?? text
        }
    }

    /// The value as it reads inside a sentence.
    func inSentence(_ value: FactValue) -> String {
        switch value {
        case .entity(let id): entities[id]?.inSentence ?? id
        case .set(let ids, _): Self.list(ids.map { entities[$0]?.inSentence ?? $0 })
        default: display(value)
        }
    }

    /// Every spelling accepted as this value typed, the canonical one first.
    func accepted(_ value: FactValue) -> [String] {
        var spellings: [String]
        switch value {
        case .date(let date):
            spellings = [date.display]
            if let month = date.month { spellings.append("\(date.year)-\(month < 10 ? "0" : "")\(month)") }
        case .entity(let id):
            spellings = entities[id]?.names ?? [id]
        case .number(let number, let unit, _):
            spellings = [display(value), String(number)]
            if let unit { spellings.append("\(number) \(unit)") }
        case .text(let text, let aliases):
            spellings = [text] + aliases
        case .set, .passage:
            spellings = [display(value)]
        }
        var seen: Set<String> = []
        return spellings.filter { seen.insert($0).inserted }
    }

    /// `A, B and C`.
    static func list(_ names: [String]) -> String {
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + last
    }

    /// `2,000`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        guard digits.count > 3 else { return number < 0 ? "-" + digits : digits }
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }

    /// Number words for small counts in prompts ("the six members").
    static func countWord(_ count: Int) -> String {
        let words = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve",
        ]
        return count < words.count ? words[count] : String(count)
    }
}
