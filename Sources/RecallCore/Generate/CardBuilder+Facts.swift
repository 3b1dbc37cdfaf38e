/// Cards for one fact: typed both ways, multiple choice, true/false, set recall and cloze.
extension CardBuilder {
    /// What every card of a fact shares.
    struct FactContext {
        let fact: Fact
        let attribute: Attribute
        let subject: Entity
        let source: String
        let why: String

        var ask: String? { fact.ask ?? attribute.ask }
        var reverse: String? { fact.reverse ?? attribute.reverse }
        var statement: String? { fact.statement ?? attribute.statement }
        var location: SourceLocation { fact.location }

        func id(_ deck: String, _ template: String) -> String { "\(deck):\(fact.id):\(template)" }
    }

    mutating func addCards(for fact: Fact) {
        guard let attribute = index.attributes[fact.attribute], let subject = index.entities[fact.subject],
            attribute.type == fact.value.type
        else { return }
        let context = FactContext(
            fact: fact, attribute: attribute, subject: subject, source: sourceLine(fact.source),
            why: whySentence(fact, attribute: attribute, subject: subject))
        switch fact.value {
        case .date, .entity, .number, .text:
            addValueCards(context)
        case .set(let ids, let complete):
            addSetCards(context, elements: ids, complete: complete)
        case .passage(let text):
            addClozeCards(
                text: text, idPrefix: context.id(deck.id, "cloze"), source: context.source,
                why: context.statement == nil ? "" : context.why, topic: attribute.id,
                sibling: "\(deck.id):\(fact.id)",
                facts: [fact.id], at: fact.location)
        }
    }

    func values(for context: FactContext, _ value: FactValue) -> [String: String] {
        [
            "subject": context.subject.inSentence, "value": index.inSentence(value),
            "count": DeckIndex.countWord(setCount(value)),
        ]
    }

    private func setCount(_ value: FactValue) -> Int {
        if case .set(let ids, _) = value { return ids.count }
        return 0
    }

    func whySentence(_ fact: Fact, attribute: Attribute, subject: Entity) -> String {
        if let statement = fact.statement ?? attribute.statement {
            return Template.render(
                statement,
                [
                    "subject": subject.inSentence, "value": index.inSentence(fact.value),
                    "count": DeckIndex.countWord(setCount(fact.value)),
                ])
        }
        return "\(Template.capitalized(subject.inSentence)) — \(attribute.id): \(index.display(fact.value))."
    }

    func card(
        _ context: FactContext, _ template: String, _ kind: Card.Kind, prompt: String, answer: String,
        accepted: [String] = [], choices: [String] = [], answerIndex: Int? = nil, items: [[String]] = []
    ) -> Card {
        Card(
            id: context.id(deck.id, template), deck: deck.id, kind: kind, prompt: prompt, answer: answer,
            accepted: accepted, choices: choices, answerIndex: answerIndex, items: items,
            facts: [context.fact.id], source: context.source, why: context.why, topic: context.attribute.id,
            siblingKey: "\(deck.id):\(context.fact.id)")
    }

    /// Typed, reverse, multiple choice and true/false for a single-valued fact.
    private mutating func addValueCards(_ context: FactContext) {
        let value = context.fact.value
        let picker = DistractorPicker(index: index)
        let isTypeable: Bool = {
            if case .text = value { return context.attribute.typed }
            return true
        }()
        if let ask = context.ask {
            let prompt = Template.render(ask, values(for: context, value))
            if isTypeable {
                add(
                    card(
                        context, "typed", .typed, prompt: prompt, answer: index.display(value),
                        accepted: index.accepted(value)), at: context.location)
            }
            guard context.attribute.choice else { return addOtherValueCards(context, picker: picker) }
            var rng = random(for: context.id(deck.id, "choice"))
            let wrong = picker.distractors(for: context.fact, count: 3, using: &rng)
            if wrong.count == 3 {
                var options = wrong + [index.display(value)]
                options.shuffle(using: &rng)
                let answerIndex = options.firstIndex(of: index.display(value))
                add(
                    card(
                        context, "choice", .choice, prompt: prompt, answer: index.display(value),
                        choices: options, answerIndex: answerIndex), at: context.location)
            } else {
                warn(
                    "fact '\(context.fact.id)': no multiple-choice card, only \(wrong.count) distinct distractors (3 are needed); add entities of the same type or 'distractors', or set 'choice: false' on attribute '\(context.attribute.id)'",
                    at: context.location)
            }
        }
        addOtherValueCards(context, picker: picker)
    }

    /// Reverse, true/false and event-by-date cards of a single-valued fact.
    private mutating func addOtherValueCards(_ context: FactContext, picker: DistractorPicker) {
        let value = context.fact.value
        if let reverse = context.reverse {
            addReverseCard(context, template: reverse)
        }
        if let statement = context.statement {
            var rng = random(for: context.id(deck.id, "truefalse"))
            // A statement that does not name its value cannot be made false by swapping it.
            let namesValue = Template.placeholders(in: statement).contains { $0.lowercased() == "value" }
            let swapped =
                namesValue ? picker.distractors(for: context.fact, count: 1, using: &rng).first : nil
            let isTrue = swapped == nil || Bool.random(using: &rng)
            let shown = isTrue ? index.inSentence(value) : picker.inSentence(swapped ?? "", like: value)
            let prompt = Template.render(
                statement, values(for: context, value).merging(["value": shown]) { $1 })
            add(
                card(
                    context, "truefalse", .trueFalse, prompt: prompt, answer: isTrue ? "true" : "false",
                    accepted: [isTrue ? "true" : "false"]), at: context.location)
        }
        if case .date = value {
            addEventByDateCard(context)
        }
    }

    /// The subject asked from the value; left out when another subject shares the value.
    private mutating func addReverseCard(_ context: FactContext, template: String) {
        let value = context.fact.value
        let owners = index.subjectsByValue[context.attribute.id]?[TextFold.fold(index.display(value))] ?? []
        if let other = owners.subtracting([context.fact.subject]).sorted().first {
            warn(
                "fact '\(context.fact.id)': no reverse card, '\(other)' has the same value, so two answers would be right",
                at: context.location)
            return
        }
        let prompt = Template.render(template, values(for: context, value))
        add(
            card(
                context, "reverse", .reverse, prompt: prompt, answer: context.subject.name,
                accepted: context.subject.names), at: context.location)
    }

    /// Set recall, which-is-a-member and which-is-not choices, and a true/false per element.
    private mutating func addSetCards(_ context: FactContext, elements: [String], complete: Bool) {
        let names = elements.map { index.entities[$0]?.names ?? [$0] }
        let vars = values(for: context, context.fact.value)
        if let ask = context.ask {
            add(
                card(
                    context, "set", .set, prompt: Template.render(ask, vars),
                    answer: index.display(context.fact.value), items: names), at: context.location)
        }
        guard complete else { return }
        let picker = DistractorPicker(index: index)
        let outsiders = picker.nonElements(of: elements)
        let insiders = elements.compactMap { index.entities[$0]?.name }
        if let choose = context.attribute.choose {
            var rng = random(for: context.id(deck.id, "choose"))
            addSetChoice(
                context, "choose", prompt: Template.render(choose, vars),
                right: insiders.randomElement(using: &rng), wrong: outsiders, rng: &rng)
        }
        if let chooseNot = context.attribute.chooseNot {
            var rng = random(for: context.id(deck.id, "choose-not"))
            addSetChoice(
                context, "choose-not", prompt: Template.render(chooseNot, vars),
                right: outsiders.randomElement(using: &rng), wrong: insiders, rng: &rng)
        }
        if let element = context.attribute.element {
            addMembershipCards(context, template: element, elements: elements)
        }
    }

    private mutating func addSetChoice(
        _ context: FactContext, _ template: String, prompt: String, right: String?, wrong: [String],
        rng: inout SplitMix64
    ) {
        guard let right, wrong.count >= 3 else {
            warn(
                "fact '\(context.fact.id)': no '\(template)' card, fewer than three distractors",
                at: context.location)
            return
        }
        var options = Array(wrong.shuffled(using: &rng).prefix(3)) + [right]
        options.shuffle(using: &rng)
        add(
            card(
                context, template, .choice, prompt: prompt, answer: right, choices: options,
                answerIndex: options.firstIndex(of: right)), at: context.location)
    }

    /// One true statement per element and, for complete sets, up to three false ones.
    private mutating func addMembershipCards(_ context: FactContext, template: String, elements: [String]) {
        let outsiders = DistractorPicker(index: index).nonElementEntities(of: elements)
            .sorted { StableHash.fnv1a($0.id) < StableHash.fnv1a($1.id) }
            .prefix(3)
        let candidates =
            elements.compactMap { index.entities[$0] }.map { ($0, true) } + outsiders.map { ($0, false) }
        for (entity, isMember) in candidates {
            var vars = values(for: context, context.fact.value)
            vars["element"] = entity.inSentence
            add(
                card(
                    context, "member.\(entity.id)", .trueFalse, prompt: Template.render(template, vars),
                    answer: isMember ? "true" : "false", accepted: [isMember ? "true" : "false"]),
                at: context.location)
        }
    }

    /// One cloze card per gap number of a passage.
    mutating func addClozeCards(
        text: String, idPrefix: String, source: String, why: String, topic: String, sibling: String,
        facts: [String], at location: SourceLocation
    ) {
        guard case .success(let cloze) = Cloze.parse(text) else { return }
        for number in cloze.numbers {
            let answers = cloze.answers(for: number)
            let answer = answers.joined(separator: " … ")
            let prompt = "Fill the gap: " + cloze.prompt(hiding: number)
            add(
                Card(
                    id: "\(idPrefix).c\(number)", deck: deck.id, kind: .cloze, prompt: prompt, answer: answer,
                    accepted: [answer], facts: facts, source: source, why: why.isEmpty ? cloze.fullText : why,
                    topic: topic, siblingKey: sibling),
                at: location)
        }
    }

    /// Free-form cards written by an instructor.
    mutating func addCards(for free: FreeCard) {
        let source = sourceLine(free.source)
        let sibling = "\(deck.id):card:\(free.id)"
        switch free.content {
        case .question(let question, let answer, _) where !free.choices.isEmpty:
            let index = free.choices.firstIndex { TextFold.fold($0) == TextFold.fold(answer) }
            add(
                Card(
                    id: "\(deck.id):card:\(free.id)", deck: deck.id, kind: .choice, prompt: question,
                    answer: index.map { free.choices[$0] } ?? answer, choices: free.choices,
                    answerIndex: index,
                    facts: [], source: source, why: answer, topic: "card", siblingKey: sibling),
                at: free.location)
        case .question(let question, let answer, let aliases):
            add(
                Card(
                    id: "\(deck.id):card:\(free.id)", deck: deck.id, kind: .free, prompt: question,
                    answer: answer,
                    accepted: [answer] + aliases, facts: [], source: source, why: answer, topic: "card",
                    siblingKey: sibling),
                at: free.location)
        case .cloze(let text):
            addClozeCards(
                text: text, idPrefix: "\(deck.id):card:\(free.id)", source: source, why: "",
                topic: "card", sibling: sibling, facts: [], at: free.location)
        }
    }
}
