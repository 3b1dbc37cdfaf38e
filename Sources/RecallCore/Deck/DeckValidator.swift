/// Checks a built deck's cross-references and consistency: unknown entities and attributes,
/// duplicate ids, values of the wrong type, shared aliases, facts without a source.
struct DeckValidator {
    let deck: Deck

    func diagnostics() -> [Diagnostic] {
        var found: [Diagnostic] = []
        func error(_ message: String, _ location: SourceLocation) {
            found.append(Diagnostic(.error, file: deck.path, at: location, message))
        }
        func warning(_ message: String, _ location: SourceLocation) {
            found.append(Diagnostic(.warning, file: deck.path, at: location, message))
        }
        let entities = Dictionary(deck.entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let attributes = Dictionary(
            deck.attributes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var factIDs: Set<String> = []
        for fact in deck.facts {
            if !factIDs.insert(fact.id).inserted { error("duplicate fact id '\(fact.id)'", fact.location) }
            if entities[fact.subject] == nil {
                error(
                    "fact '\(fact.id)' has unknown subject '\(fact.subject)'\(hint(fact.subject, entities.keys))",
                    fact.location)
            }
            guard let attribute = attributes[fact.attribute] else {
                error(
                    "fact '\(fact.id)' uses unknown attribute '\(fact.attribute)'\(hint(fact.attribute, attributes.keys))",
                    fact.location)
                continue
            }
            if fact.value.type != attribute.type {
                error(
                    "fact '\(fact.id)' has a \(fact.value.type.rawValue) value, but attribute '\(attribute.id)' is of type '\(attribute.type.rawValue)'",
                    fact.location)
            }
            for id in referencedEntities(fact.value) {
                guard let entity = entities[id] else {
                    error(
                        "fact '\(fact.id)' refers to unknown entity '\(id)'\(hint(id, entities.keys))",
                        fact.location)
                    continue
                }
                if let expected = attribute.valueType, entity.type != expected {
                    error(
                        "fact '\(fact.id)': '\(id)' is of type '\(entity.type)', but attribute '\(attribute.id)' takes type '\(expected)'",
                        fact.location)
                }
            }
            if case .set(let ids, _) = fact.value, Set(ids).count != ids.count {
                error("fact '\(fact.id)' lists an element twice", fact.location)
            }
            if case .passage(let text) = fact.value {
                checkCloze(text, owner: "fact '\(fact.id)'", at: fact.location, error: error)
            }
            for id in fact.among where entities[id] == nil {
                error(
                    "fact '\(fact.id)': 'among' names unknown entity '\(id)'\(hint(id, entities.keys))",
                    fact.location)
            }
            if !fact.among.isEmpty, case .set(let ids, _) = fact.value, !Set(ids).isSubset(of: fact.among) {
                error(
                    "fact '\(fact.id)': every element of the set must be in its 'among' list", fact.location)
            }
            for id in fact.confusableWith where !deck.facts.contains(where: { $0.id == id }) {
                error("fact '\(fact.id)': 'confusable-with' names unknown fact '\(id)'", fact.location)
            }
            if fact.source == nil {
                warning(
                    "fact '\(fact.id)' has no source; say which section of the source it comes from",
                    fact.location)
            }
            checkTemplates(fact: fact, attribute: attribute, error: error)
        }

        var cardIDs: Set<String> = []
        for card in deck.freeCards {
            if !cardIDs.insert(card.id).inserted { error("duplicate card id '\(card.id)'", card.location) }
            if case .cloze(let text) = card.content {
                checkCloze(text, owner: "card '\(card.id)'", at: card.location, error: error)
            }
            if case .question(_, let answer, _) = card.content, !card.choices.isEmpty {
                let folded = card.choices.map(TextFold.fold)
                if card.choices.count < 2 {
                    error("card '\(card.id)' needs at least two choices", card.location)
                } else if Set(folded).count != folded.count {
                    error("card '\(card.id)' has two choices that read the same", card.location)
                } else if !folded.contains(TextFold.fold(answer)) {
                    error(
                        "the answer '\(answer)' of card '\(card.id)' is not one of its choices", card.location
                    )
                }
            }
        }

        var owners: [String: Entity] = [:]
        for entity in deck.entities {
            for name in Set(entity.names.map(TextFold.fold)) where !name.isEmpty {
                if let other = owners[name], other.id != entity.id {
                    warning(
                        "'\(name)' names both entity '\(other.id)' and entity '\(entity.id)'; answers would be ambiguous",
                        entity.location)
                } else {
                    owners[name] = entity
                }
            }
        }
        return found
    }

    private func referencedEntities(_ value: FactValue) -> [String] {
        switch value {
        case .entity(let id): [id]
        case .set(let ids, _): ids
        default: []
        }
    }

    private func hint(_ word: String, _ known: some Collection<String>) -> String {
        Suggestion.closest(to: word, in: known).map { "; did you mean '\($0)'?" } ?? ""
    }

    private func checkCloze(
        _ text: String, owner: String, at location: SourceLocation, error: (String, SourceLocation) -> Void
    ) {
        switch Cloze.parse(text) {
        case .failure(let problem):
            error("\(owner): \(problem.message)", location)
        case .success(let cloze) where cloze.numbers.isEmpty:
            error("\(owner) has no gap; mark one as {{c1::text}}", location)
        case .success:
            break
        }
    }

    private func checkTemplates(fact: Fact, attribute: Attribute, error: (String, SourceLocation) -> Void) {
        let allowed: Set<String> =
            attribute.type == .set
            ? ["subject", "Subject", "value", "Value", "count", "element", "Element"]
            : ["subject", "Subject", "value", "Value"]
        let templates = [
            fact.ask ?? attribute.ask, fact.reverse ?? attribute.reverse,
            fact.statement ?? attribute.statement,
            fact.event ?? attribute.event, attribute.element, attribute.choose, attribute.chooseNot,
        ]
        for template in templates.compactMap({ $0 }) {
            for name in Template.placeholders(in: template) where !allowed.contains(name) {
                let known = allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
                error(
                    "fact '\(fact.id)': template '\(template)' names '{\(name)}', which a \(attribute.type.rawValue) fact lacks; it may use \(known)",
                    fact.location)
            }
        }
    }
}
