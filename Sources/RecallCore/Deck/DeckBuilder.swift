import Yams

/// Builds a `Deck` from a composed YAML tree, reporting shape errors (unknown fields, wrong
/// value types) through the reader. Cross-references are checked later by `DeckValidator`.
struct DeckBuilder {
    let reader: YAMLReader

    static let rootFields: Set<String> = ["deck", "entities", "attributes", "facts", "distractors", "cards"]
    static let deckFields: Set<String> = ["id", "name", "description", "source", "as-of"]
    static let entityFields: Set<String> = ["type", "name", "aliases", "mention"]
    static let attributeFields: Set<String> = [
        "type", "of", "ask", "reverse", "statement", "event", "element", "choose", "choose-not", "typed",
        "choice",
    ]
    static let valueKeys: [String] = ["date", "entity", "number", "text", "set", "passage"]
    static let factFields: Set<String> = Set(valueKeys).union([
        "id", "subject", "attribute", "unit", "qualifier", "aliases", "complete", "source", "ask", "reverse",
        "statement", "event", "note", "terms", "accept-bare", "among", "confusable-with",
    ])
    static let cardFields: Set<String> = [
        "id", "question", "answer", "aliases", "choices", "cloze", "source", "tags", "extra", "modified",
    ]

    func build(_ root: Node, path: String) -> Deck? {
        guard let fields = reader.fields(root, "the deck file", allowed: Self.rootFields) else { return nil }
        guard let header = fields["deck"] else {
            reader.error("the deck file needs a 'deck:' section with an id and a name", at: root)
            return nil
        }
        guard let headerFields = reader.fields(header, "the 'deck' section", allowed: Self.deckFields) else {
            return nil
        }
        let id = headerFields["id"].flatMap { reader.identifier($0, "the deck id") }
        let name = headerFields["name"].flatMap { reader.string($0, "the deck name") }
        if headerFields["id"] == nil { reader.error("the 'deck' section needs an 'id'", at: header) }
        if headerFields["name"] == nil { reader.error("the 'deck' section needs a 'name'", at: header) }
        var deck = Deck(
            id: id ?? "", name: name ?? "",
            summary: headerFields["description"].flatMap { reader.string($0, "the description") },
            sourceTitle: headerFields["source"].flatMap { reader.string($0, "the source") },
            path: path)
        deck.asOf = headerFields["as-of"].flatMap { date($0, what: "the deck (its 'as-of')") }
        if let node = fields["entities"] { deck.entities = entities(node) }
        if let node = fields["attributes"] { deck.attributes = attributes(node) }
        if let node = fields["facts"] { deck.facts = facts(node) }
        if let node = fields["distractors"] { deck.distractors = distractors(node) }
        if let node = fields["cards"] { deck.freeCards = freeCards(node) }
        return deck
    }

    private func entities(_ node: Node) -> [Entity] {
        guard let pairs = reader.mapping(node, "'entities'") else { return [] }
        return pairs.compactMap { pair in
            guard YAMLReader.isIdentifier(pair.key) else {
                reader.error(
                    "entity id '\(pair.key)' may only use letters, digits, '-', '_' and '.'", at: pair.keyNode
                )
                return nil
            }
            let what = "entity '\(pair.key)'"
            guard let fields = reader.fields(pair.value, what, allowed: Self.entityFields) else { return nil }
            guard let typeNode = fields["type"], let nameNode = fields["name"] else {
                reader.error("\(what) needs a 'type' and a 'name'", at: pair.keyNode)
                return nil
            }
            guard let type = reader.identifier(typeNode, "the type of \(what)"),
                let name = reader.string(nameNode, "the name of \(what)")
            else { return nil }
            return Entity(
                id: pair.key, type: type, name: name,
                aliases: fields["aliases"].flatMap { reader.strings($0, "aliases") } ?? [],
                mention: fields["mention"].flatMap { reader.string($0, "the mention of \(what)") },
                location: reader.location(of: pair.keyNode))
        }
    }

    private func attributes(_ node: Node) -> [Attribute] {
        guard let pairs = reader.mapping(node, "'attributes'") else { return [] }
        return pairs.compactMap { pair in
            let what = "attribute '\(pair.key)'"
            guard YAMLReader.isIdentifier(pair.key) else {
                reader.error(
                    "\(what): an id may only use letters, digits, '-', '_' and '.'", at: pair.keyNode)
                return nil
            }
            guard let fields = reader.fields(pair.value, what, allowed: Self.attributeFields) else {
                return nil
            }
            guard let typeNode = fields["type"], let typeName = reader.string(typeNode, "the type of \(what)")
            else {
                if fields["type"] == nil { reader.error("\(what) needs a 'type'", at: pair.keyNode) }
                return nil
            }
            guard let type = ValueType(rawValue: typeName) else {
                let known = ValueType.allCases.map(\.rawValue).joined(separator: ", ")
                reader.error("\(what) has unknown type '\(typeName)'; known types: \(known)", at: typeNode)
                return nil
            }
            func text(_ key: String) -> String? {
                fields[key].flatMap { reader.string($0, "'\(key)' of \(what)") }
            }
            return Attribute(
                id: pair.key, type: type,
                valueType: fields["of"].flatMap { reader.identifier($0, "'of' of \(what)") },
                ask: text("ask"), reverse: text("reverse"), statement: text("statement"),
                event: text("event"),
                element: text("element"), choose: text("choose"), chooseNot: text("choose-not"),
                typed: fields["typed"].flatMap { reader.bool($0, "'typed' of \(what)") } ?? false,
                choice: fields["choice"].flatMap { reader.bool($0, "'choice' of \(what)") } ?? true,
                location: reader.location(of: pair.keyNode))
        }
    }

    private func facts(_ node: Node) -> [Fact] {
        guard let items = reader.sequence(node, "'facts'") else { return [] }
        return items.compactMap(fact)
    }

    private func fact(_ node: Node) -> Fact? {
        guard let fields = reader.fields(node, "a fact", allowed: Self.factFields) else { return nil }
        guard let idNode = fields["id"] else {
            reader.error("a fact needs an 'id'", at: node)
            return nil
        }
        guard let id = reader.identifier(idNode, "the fact id") else { return nil }
        let what = "fact '\(id)'"
        guard let subjectNode = fields["subject"], let attributeNode = fields["attribute"] else {
            reader.error("\(what) needs a 'subject' and an 'attribute'", at: node)
            return nil
        }
        let present = Self.valueKeys.filter { fields[$0] != nil }
        guard present.count == 1, let key = present.first, let valueNode = fields[key] else {
            let options = Self.valueKeys.joined(separator: ", ")
            let found = present.isEmpty ? "none" : present.joined(separator: " and ")
            reader.error("\(what) needs exactly one value (\(options)); found \(found)", at: idNode)
            return nil
        }
        guard let subject = reader.identifier(subjectNode, "the subject of \(what)"),
            let attribute = reader.identifier(attributeNode, "the attribute of \(what)"),
            let value = value(key, valueNode, fields: fields, what: what)
        else { return nil }
        func text(_ key: String) -> String? {
            fields[key].flatMap { reader.string($0, "'\(key)' of \(what)") }
        }
        return Fact(
            id: id, subject: subject, attribute: attribute, value: value, source: text("source"),
            ask: text("ask"), reverse: text("reverse"), statement: text("statement"), event: text("event"),
            note: text("note"), terms: fields["terms"].flatMap { terms($0, what: what) } ?? [],
            acceptsBareFigure: fields["accept-bare"].flatMap { reader.bool($0, "'accept-bare'") } ?? false,
            among: ids("among"), confusableWith: ids("confusable-with"),
            location: reader.location(of: idNode))
        func ids(_ key: String) -> [String] {
            guard let node = fields[key], let items = reader.sequence(node, "'\(key)' of \(what) (ids)")
            else {
                return []
            }
            return items.compactMap { reader.identifier($0, "an id in '\(key)' of \(what)") }
        }
    }

    private func value(_ key: String, _ node: Node, fields: [String: Node], what: String) -> FactValue? {
        let extras: [String: Set<String>] = [
            "number": ["unit", "qualifier", "accept-bare"], "text": ["aliases", "terms"], "set": ["complete"],
        ]
        for extra in ["unit", "qualifier", "aliases", "complete", "terms", "accept-bare"]
        where fields[extra] != nil {
            if !(extras[key]?.contains(extra) ?? false), let extraNode = fields[extra] {
                reader.error("'\(extra)' does not apply to a \(key) value in \(what)", at: extraNode)
            }
        }
        switch key {
        case "date":
            return date(node, what: what).map(FactValue.date)
        case "entity":
            return reader.identifier(node, "the entity of \(what)").map(FactValue.entity)
        case "number":
            guard let number = reader.int(node, "the number of \(what)") else { return nil }
            return .number(
                number, unit: fields["unit"].flatMap { reader.string($0, "the unit") },
                qualifier: fields["qualifier"].flatMap { reader.string($0, "the qualifier") })
        case "text":
            guard let text = reader.string(node, "the text of \(what)") else { return nil }
            return .text(text, aliases: fields["aliases"].flatMap { reader.strings($0, "aliases") } ?? [])
        case "set":
            guard let items = reader.sequence(node, "the set of \(what) (entity ids)") else { return nil }
            let ids = items.compactMap { reader.identifier($0, "an element of \(what)") }
            guard ids.count == items.count else { return nil }
            return .set(ids, complete: fields["complete"].flatMap { reader.bool($0, "'complete'") } ?? false)
        default:
            return reader.string(node, "the passage of \(what)").map(FactValue.passage)
        }
    }

    /// `terms: [heads, [member states, member countries]]`: each key term, a word or a list of
    /// its wordings.
    private func terms(_ node: Node, what: String) -> [[String]]? {
        guard let items = reader.sequence(node, "the key terms of \(what)") else { return nil }
        var terms: [[String]] = []
        for item in items {
            if case .sequence = item {
                guard let wordings = reader.strings(item, "a key term of \(what)"), !wordings.isEmpty else {
                    return nil
                }
                terms.append(wordings)
            } else {
                guard let wording = reader.string(item, "a key term of \(what)") else { return nil }
                terms.append([wording])
            }
        }
        return terms
    }

    /// `2002`, or `2022-01` for a month.
    private func date(_ node: Node, what: String) -> DeckDate? {
        guard case .scalar(let scalar) = node else {
            reader.error(
                "expected the date of \(what) as a year (2002) or a year and month (2022-01)", at: node)
            return nil
        }
        let parts = scalar.string.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 1, let year = Int(parts[0]), (1...9999).contains(year) {
            return DeckDate(year: year)
        }
        if parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...9999).contains(year),
            (1...12).contains(month)
        {
            return DeckDate(year: year, month: month)
        }
        reader.error(
            "the date of \(what) is '\(scalar.string)'; write a year (2002) or a year and month (2022-01)",
            at: node)
        return nil
    }

    private func distractors(_ node: Node) -> [String: [String]] {
        guard let pairs = reader.mapping(node, "'distractors'") else { return [:] }
        var result: [String: [String]] = [:]
        for pair in pairs {
            result[pair.key] = reader.strings(pair.value, "distractors for '\(pair.key)'") ?? []
        }
        return result
    }

    private func freeCards(_ node: Node) -> [FreeCard] {
        guard let items = reader.sequence(node, "'cards'") else { return [] }
        return items.compactMap { item in
            guard let fields = reader.fields(item, "a card", allowed: Self.cardFields) else { return nil }
            guard let idNode = fields["id"], let id = reader.identifier(idNode, "the card id") else {
                if fields["id"] == nil { reader.error("a card needs an 'id'", at: item) }
                return nil
            }
            let source = fields["source"].flatMap { reader.string($0, "the source") }
            let tags = fields["tags"].flatMap { reader.strings($0, "tags") } ?? []
            let modified = fields["modified"].flatMap { reader.int($0, "the modification time") }
            let location = reader.location(of: idNode)
            if let clozeNode = fields["cloze"] {
                if fields["question"] != nil || fields["answer"] != nil || fields["choices"] != nil {
                    reader.error(
                        "card '\(id)' is either a cloze or a question and answer, not both", at: idNode)
                    return nil
                }
                guard let text = reader.string(clozeNode, "the cloze of card '\(id)'") else { return nil }
                var card = FreeCard(
                    id: id, content: .cloze(text), source: source, tags: tags, location: location)
                card.extra = fields["extra"].flatMap { reader.string($0, "the extra of card '\(id)'") }
                return card
            }
            guard let questionNode = fields["question"], let answerNode = fields["answer"] else {
                reader.error("card '\(id)' needs a 'question' and an 'answer', or a 'cloze'", at: idNode)
                return nil
            }
            guard let question = reader.string(questionNode, "the question of card '\(id)'"),
                let answer = reader.string(answerNode, "the answer of card '\(id)'")
            else { return nil }
            let aliases = fields["aliases"].flatMap { reader.strings($0, "aliases") } ?? []
            let choices = fields["choices"].flatMap { reader.strings($0, "choices") } ?? []
            var card = FreeCard(
                id: id, content: .question(question, answer: answer, aliases: aliases), choices: choices,
                source: source, tags: tags, location: location)
            card.modified = modified
            return card
        }
    }
}
