/// Cards as JSON (`recall cards --json`): every field by its snake_case name, empty lists and
/// absent values left out; the body's fields flat beside the prompt, and each presentation with
/// its own prompt, answer and body.
extension Card: Codable {
    enum CodingKeys: String, CodingKey {
        case id, deck, kind, style, direction, prompt, answer, presentations, facts, source, why, topic
        case siblingKey = "sibling_key"
    }

    enum BodyKeys: String, CodingKey {
        case accepted, choices
        case answerIndex = "answer_index"
        case order, items
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let own = try Card.Body(kind: container.decode(Kind.self, forKey: .kind), from: decoder)
        self.init(
            id: CardID(stored: try container.decode(String.self, forKey: .id)),
            deck: try container.decode(String.self, forKey: .deck),
            prompt: try container.decode(String.self, forKey: .prompt),
            answer: try container.decode(String.self, forKey: .answer), body: own,
            presentations: try container.decodeIfPresent([Presentation].self, forKey: .presentations) ?? [],
            direction: try container.decodeIfPresent(CardID.Direction.self, forKey: .direction),
            facts: try container.decodeIfPresent([String].self, forKey: .facts) ?? [],
            source: try container.decode(String.self, forKey: .source),
            why: try container.decodeIfPresent(String.self, forKey: .why) ?? "",
            topic: try container.decodeIfPresent(String.self, forKey: .topic) ?? "",
            siblingKey: try container.decodeIfPresent(String.self, forKey: .siblingKey) ?? "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(deck, forKey: .deck)
        try container.encode(kind, forKey: .kind)
        try container.encode(style, forKey: .style)
        try container.encodeIfPresent(direction, forKey: .direction)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(answer, forKey: .answer)
        try body.encodeFields(to: encoder)
        try container.encode(presentations, forKey: .presentations)
        try container.encode(facts, forKey: .facts)
        try container.encode(source, forKey: .source)
        try container.encode(why, forKey: .why)
        try container.encode(topic, forKey: .topic)
        try container.encode(siblingKey, forKey: .siblingKey)
    }
}

extension Card.Presentation: Codable {
    enum CodingKeys: String, CodingKey {
        case style, kind, prompt, answer
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            style: try container.decode(Style.self, forKey: .style),
            prompt: try container.decode(String.self, forKey: .prompt),
            answer: try container.decode(String.self, forKey: .answer),
            body: try Card.Body(kind: container.decode(Card.Kind.self, forKey: .kind), from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(style, forKey: .style)
        try container.encode(body.kind, forKey: .kind)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(answer, forKey: .answer)
        try body.encodeFields(to: encoder)
    }
}

extension Card.Body {
    /// The body of `kind` from its fields beside the others of the enclosing object.
    init(kind: Card.Kind, from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Card.BodyKeys.self)
        let accepted = try container.decodeIfPresent([String].self, forKey: .accepted) ?? []
        let choices = try container.decodeIfPresent([String].self, forKey: .choices) ?? []
        switch kind {
        case .typed: self = .typed(accepted: accepted)
        case .reverse: self = .reverse(accepted: accepted)
        case .cloze: self = .cloze(accepted: accepted)
        case .free: self = .free(accepted: accepted)
        case .choice:
            self = .choice(
                options: choices, answer: try container.decodeIfPresent(Int.self, forKey: .answerIndex))
        case .trueFalse: self = .trueFalse(accepted.first.map { TextFold.fold($0) == "true" } ?? false)
        case .set: self = .set(items: try container.decodeIfPresent([[String]].self, forKey: .items) ?? [])
        case .order:
            self = .order(
                items: choices, order: try container.decodeIfPresent([Int].self, forKey: .order) ?? [])
        }
    }

    /// The body's fields beside the others of the enclosing object.
    func encodeFields(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Card.BodyKeys.self)
        switch self {
        case .typed(let accepted), .reverse(let accepted), .cloze(let accepted), .free(let accepted):
            try container.encode(accepted, forKey: .accepted)
        case .choice(let options, let answer):
            try container.encode(options, forKey: .choices)
            try container.encodeIfPresent(answer, forKey: .answerIndex)
        case .trueFalse(let truth):
            try container.encode([truth ? "true" : "false"], forKey: .accepted)
        case .set(let items):
            try container.encode(items, forKey: .items)
        case .order(let items, let order):
            try container.encode(items, forKey: .choices)
            try container.encode(order, forKey: .order)
        }
    }
}
