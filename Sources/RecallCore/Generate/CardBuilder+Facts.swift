/// Cards for one fact: one per direction that has exactly one right answer (forward, reverse),
/// one per set, one per gap; multiple choice and true/false are presentations of those cards.
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
            addForwardCard(context)
            addReverseCard(context)
        case .set(let ids, let complete):
            addSetCard(context, elements: ids, complete: complete)
        case .passage(let text):
            let deckID = deck.id
            addClozeCards(
                text: text, id: { CardID.cloze(deck: deckID, fact: fact.id, gap: $0) },
                source: context.source,
                why: context.statement == nil ? "" : context.why, topic: attribute.id,
                sibling: "\(deck.id):\(fact.id)", facts: [fact.id], at: fact.location)
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

    /// The fact as a sentence: its statement, or (when the deck gives none) a plain one that lint flags.
    func whySentence(_ fact: Fact, attribute: Attribute, subject: Entity) -> String {
        if let statement = fact.statement ?? attribute.statement {
            return Template.render(
                statement,
                [
                    "subject": subject.inSentence, "value": index.inSentence(fact.value),
                    "count": DeckIndex.countWord(setCount(fact.value)),
                ])
        }
        return "\(Template.capitalized(subject.inSentence)): \(index.display(fact.value))."
    }

    func card(
        _ context: FactContext, _ direction: CardID.Direction, prompt: String, answer: String,
        body: Card.Body,
        presentations: [Card.Presentation]
    ) -> Card {
        Card(
            id: .fact(deck: deck.id, fact: context.fact.id, direction: direction), deck: deck.id,
            prompt: prompt, answer: answer, body: body, presentations: presentations, direction: direction,
            facts: [context.fact.id], source: context.source, why: context.why, topic: context.attribute.id,
            siblingKey: "\(deck.id):\(context.fact.id)")
    }

    func purpose(_ context: FactContext, _ direction: CardID.Direction, _ style: String) -> String {
        "\(deck.id):\(context.fact.id):\(direction.rawValue):\(style)"
    }

    /// The value asked from the subject: typed recall, with multiple choice and (for quizzes) a
    /// true/false statement as easier presentations when the deck holds false options for them.
    private mutating func addForwardCard(_ context: FactContext) {
        guard let ask = context.ask else { return }
        let value = context.fact.value
        let picker = DistractorPicker(index: index)
        let prompt = Template.render(ask, values(for: context, value))
        let answer = index.display(value)
        var easier: [Card.Presentation] = []
        if context.attribute.choice {
            var rng = SplitMix64(seed: seed, purpose: purpose(context, .forward, "choose"))
            let wrong = picker.distractors(for: context.fact, count: 3, using: &rng)
            if wrong.count == 3 {
                easier.append(choice(prompt: prompt, right: answer, wrong: wrong, rng: &rng))
            } else if !picker.isBounded(value) {
                warn(
                    "fact '\(context.fact.id)': asked only as recall, \(wrong.count) distractors false by the source (3 are needed); add entities of the same type or 'distractors', or set 'choice: false' on attribute '\(context.attribute.id)'",
                    at: context.location)
            }
        }
        // True/false only where wrong options are offered at all (an attribute with `choice: false`
        // has no distractor that is plausible and false by the source).
        if context.attribute.choice, let statement = context.statement,
            Template.placeholders(in: statement).contains(where: { $0.lowercased() == "value" })
        {
            var rng = SplitMix64(seed: seed, purpose: purpose(context, .forward, "truefalse"))
            // Only a statement that can be false is worth judging: one with a distractor.
            if let swapped = picker.distractors(for: context.fact, count: 1, using: &rng).first {
                let isTrue = Bool.random(using: &rng)
                let shown = isTrue ? index.inSentence(value) : picker.inSentence(swapped, like: value)
                let text = Template.render(
                    statement, values(for: context, value).merging(["value": shown]) { $1 })
                easier.append(
                    Card.Presentation(
                        style: .trueFalse, prompt: text, answer: isTrue ? "true" : "false",
                        body: .trueFalse(isTrue)))
            }
        }
        let isTypeable: Bool = {
            if case .text = value { return context.attribute.typed }
            return true
        }()
        if isTypeable {
            add(
                card(
                    context, .forward, prompt: prompt, answer: answer,
                    body: .typed(accepted: index.accepted(value)),
                    presentations: easier), at: context.location)
        } else if let first = easier.first(where: { $0.style == .choose }) {
            add(
                card(
                    context, .forward, prompt: first.prompt, answer: first.answer, body: first.body,
                    presentations: easier),
                at: context.location)
        }
    }

    /// Options in a seeded order, the right one among them.
    func choice(prompt: String, right: String, wrong: [String], rng: inout SplitMix64) -> Card.Presentation {
        var options = wrong + [right]
        options.shuffle(using: &rng)
        return Card.Presentation(
            style: .choose, prompt: prompt, answer: right,
            body: .choice(options: options, answer: options.firstIndex(of: right)))
    }

    /// The subject asked from the value; left out when another subject shares the value. A dated
    /// fact without a reverse question is asked as "which of these happened in …" from its event.
    private mutating func addReverseCard(_ context: FactContext) {
        let value = context.fact.value
        if context.reverse == nil, case .date = value {
            return addEventByDateCard(context)
        }
        guard let template = context.reverse else { return }
        let owners = index.subjectsByValue[context.attribute.id]?[TextFold.fold(index.display(value))] ?? []
        if let other = owners.subtracting([context.fact.subject]).sorted().first {
            warn(
                "fact '\(context.fact.id)': no reverse card, '\(other)' has the same value, so two answers would be right",
                at: context.location)
            return
        }
        let prompt = Template.render(template, values(for: context, value))
        // Wrong subjects only from those the source gives another value for the same attribute
        // (positions of their facts, one per name, never one reading as the subject's own name).
        var wrong: [Int] = []
        if let facts = index.factsByAttribute[context.attribute.id] {
            let confusable = facts.positions(
                of: DistractorPicker(index: index).confusableFacts(of: context.fact))
            wrong = facts.otherSubjects(
                than: context.fact.subject, named: context.subject.name, excluding: confusable)
        }
        var easier: [Card.Presentation] = []
        if wrong.count >= 3, let facts = index.factsByAttribute[context.attribute.id] {
            var rng = SplitMix64(seed: seed, purpose: purpose(context, .reverse, "choose"))
            let picked = wrong.shuffledPrefix(3, using: &rng).compactMap { facts.subjectNames[$0] }
            easier.append(choice(prompt: prompt, right: context.subject.name, wrong: picked, rng: &rng))
        }
        add(
            card(
                context, .reverse, prompt: prompt, answer: context.subject.name,
                body: .reverse(accepted: context.subject.names), presentations: easier), at: context.location)
    }

    /// Set recall, with "which of these" and one element judged true or false as presentations.
    private mutating func addSetCard(_ context: FactContext, elements: [String], complete: Bool) {
        guard let ask = context.ask else { return }
        let names = elements.map { index.entities[$0]?.names ?? [$0] }
        let vars = values(for: context, context.fact.value)
        var easier: [Card.Presentation] = []
        if complete {
            let picker = DistractorPicker(index: index)
            let outsiders = picker.nonElementEntities(of: elements, among: context.fact.among)
            let insiders = elements.compactMap { index.entities[$0] }
            var rng = SplitMix64(seed: seed, purpose: purpose(context, .forward, "choose"))
            // "Which of these is …" when three outsiders exist, else "which is NOT …" from three insiders.
            if let choose = context.attribute.choose, outsiders.count >= 3,
                let right = insiders.randomElement(using: &rng)
            {
                let wrong = Array(outsiders.shuffled(using: &rng).prefix(3)).map(\.name)
                easier.append(
                    choice(prompt: Template.render(choose, vars), right: right.name, wrong: wrong, rng: &rng))
            } else if let chooseNot = context.attribute.chooseNot, insiders.count >= 3,
                let right = outsiders.randomElement(using: &rng)
            {
                let wrong = Array(insiders.shuffled(using: &rng).prefix(3)).map(\.name)
                easier.append(
                    choice(
                        prompt: Template.render(chooseNot, vars), right: right.name, wrong: wrong, rng: &rng))
            }
            if let element = context.attribute.element {
                var rng = SplitMix64(seed: seed, purpose: purpose(context, .forward, "truefalse"))
                let isTrue = outsiders.isEmpty || Bool.random(using: &rng)
                if let shown = (isTrue ? insiders : outsiders).randomElement(using: &rng) {
                    var withElement = vars
                    withElement["element"] = shown.inSentence
                    easier.append(
                        Card.Presentation(
                            style: .trueFalse, prompt: Template.render(element, withElement),
                            answer: isTrue ? "true" : "false", body: .trueFalse(isTrue)))
                }
            }
        }
        add(
            card(
                context, .forward, prompt: Template.render(ask, vars),
                answer: index.display(context.fact.value),
                body: .set(items: names), presentations: easier), at: context.location)
    }

    /// One cloze card per gap number of a passage.
    mutating func addClozeCards(
        text: String, id: (Int) -> CardID, source: String, why: String, topic: String, sibling: String,
        facts: [String], at location: SourceLocation
    ) {
        guard case .success(let cloze) = Cloze.parse(text) else { return }
        for number in cloze.numbers {
            let answers = cloze.answers(for: number)
            let answer = answers.joined(separator: " … ")
            let prompt = "Fill the gap: " + cloze.prompt(hiding: number)
            add(
                Card(
                    id: id(number), deck: deck.id, prompt: prompt, answer: answer,
                    body: .cloze(accepted: [answer]),
                    facts: facts, source: source, why: why.isEmpty ? cloze.fullText : why, topic: topic,
                    siblingKey: sibling),
                at: location)
        }
    }

    /// Free-form cards written by an instructor.
    mutating func addCards(for free: FreeCard) {
        let before = cards.count
        defer {
            if !free.tags.isEmpty {
                for index in before..<cards.count { cards[index].tags = free.tags }
            }
        }
        let source = sourceLine(free.source)
        let sibling = "\(deck.id):card:\(free.id)"
        let id = CardID.free(deck: deck.id, card: free.id)
        switch free.content {
        case .question(let question, let answer, _) where !free.choices.isEmpty:
            let index = free.choices.firstIndex { TextFold.fold($0) == TextFold.fold(answer) }
            add(
                Card(
                    id: id, deck: deck.id, prompt: question, answer: index.map { free.choices[$0] } ?? answer,
                    body: .choice(options: free.choices, answer: index), facts: [], source: source,
                    why: answer,
                    topic: "card", siblingKey: sibling),
                at: free.location)
        case .question(let question, let answer, let aliases):
            add(
                Card(
                    id: id, deck: deck.id, prompt: question, answer: answer,
                    body: .free(accepted: [answer] + aliases),
                    facts: [], source: source, why: answer, topic: "card", siblingKey: sibling),
                at: free.location)
        case .cloze(let text):
            let deckID = deck.id
            addClozeCards(
                text: text, id: { CardID.free(deck: deckID, card: free.id, gap: $0) }, source: source,
                why: free.extra ?? "",
                topic: "card", sibling: sibling, facts: [], at: free.location)
        }
    }
}
