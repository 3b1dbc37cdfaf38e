/// Cards as JSON: every field by its snake_case name, empty lists and absent values left out.
extension Card {
    enum CodingKeys: String, CodingKey {
        case id, deck, kind, prompt, answer, accepted, choices
        case answerIndex = "answer_index"
        case order, items, facts, source, why, topic
        case siblingKey = "sibling_key"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            deck: try container.decode(String.self, forKey: .deck),
            kind: try container.decode(Kind.self, forKey: .kind),
            prompt: try container.decode(String.self, forKey: .prompt),
            answer: try container.decode(String.self, forKey: .answer),
            accepted: try container.decodeIfPresent([String].self, forKey: .accepted) ?? [],
            choices: try container.decodeIfPresent([String].self, forKey: .choices) ?? [],
            answerIndex: try container.decodeIfPresent(Int.self, forKey: .answerIndex),
            order: try container.decodeIfPresent([Int].self, forKey: .order) ?? [],
            items: try container.decodeIfPresent([[String]].self, forKey: .items) ?? [],
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
        try container.encode(prompt, forKey: .prompt)
        try container.encode(answer, forKey: .answer)
        if !accepted.isEmpty { try container.encode(accepted, forKey: .accepted) }
        if !choices.isEmpty { try container.encode(choices, forKey: .choices) }
        try container.encodeIfPresent(answerIndex, forKey: .answerIndex)
        if !order.isEmpty { try container.encode(order, forKey: .order) }
        if !items.isEmpty { try container.encode(items, forKey: .items) }
        try container.encode(facts, forKey: .facts)
        try container.encode(source, forKey: .source)
        try container.encode(why, forKey: .why)
        try container.encode(topic, forKey: .topic)
        try container.encode(siblingKey, forKey: .siblingKey)
    }
}
