extension DeckCache {
    /// The cards `QuestionGenerator(seed: seed)` makes of `deck`: from the cache when the deck
    /// was read from a file (through `deck(data:path:)`) and not changed since, else generated
    /// (and kept, for a deck read from a file).
    public func cards(for deck: Deck, seed: UInt64) -> [Card] {
        guard let digest = deck.origin.digest else { return QuestionGenerator(seed: seed).cards(for: deck) }
        let key = "cards \(digest) seed \(seed)"
        if let cards = read(
            key,
            { reader throws(CacheByteReader.Damaged) in
                try reader.array { reader throws(CacheByteReader.Damaged) in try reader.card() }
            })
        {
            return cards
        }
        let cards = QuestionGenerator(seed: seed).cards(for: deck)
        var writer = CacheByteWriter(capacity: cards.count * 256)
        writer.array(cards) { $0.card($1) }
        write(key, writer.bytes)
        return cards
    }

    /// The cards of several decks, in order.
    public func cards(for decks: [Deck], seed: UInt64) -> [Card] {
        decks.flatMap { cards(for: $0, seed: seed) }
    }
}

/// The binary form of generated cards in the cache: every stored property of `Card`, in
/// declaration order, and each presentation in full.
extension CacheByteWriter {
    mutating func card(_ card: Card) {
        string(card.cardID.rawValue)
        string(card.deck)
        string(card.prompt)
        string(card.answer)
        body(card.body)
        style(card.style)
        array(card.presentations) { writer, presentation in
            writer.style(presentation.style)
            writer.string(presentation.prompt)
            writer.string(presentation.answer)
            writer.body(presentation.body)
        }
        byte(card.direction.map { $0 == .forward ? 1 : 2 } ?? 0)
        strings(card.facts)
        string(card.source)
        string(card.why)
        string(card.topic)
        string(card.siblingKey)
        strings(card.tags)
    }

    mutating func style(_ style: Card.Presentation.Style) {
        byte(UInt8(Card.Presentation.Style.allCases.firstIndex(of: style) ?? 0))
    }

    mutating func body(_ body: Card.Body) {
        switch body {
        case .typed(let accepted):
            byte(0)
            strings(accepted)
        case .reverse(let accepted):
            byte(1)
            strings(accepted)
        case .choice(let options, let answer):
            byte(2)
            strings(options)
            optional(answer)
        case .trueFalse(let truth):
            byte(3)
            bool(truth)
        case .set(let items):
            byte(4)
            array(items) { $0.strings($1) }
        case .order(let items, let order):
            byte(5)
            strings(items)
            ints(order)
        case .cloze(let accepted):
            byte(6)
            strings(accepted)
        case .free(let accepted):
            byte(7)
            strings(accepted)
        }
    }
}

extension CacheByteReader {
    /// A card, refused when it could not have come from the generator (no presentation, its own
    /// presentation not first, an option index outside its options).
    mutating func card() throws(Damaged) -> Card {
        let id = CardID(stored: try string())
        let deck = try string()
        let prompt = try string()
        let answer = try string()
        let body = try body()
        let style = try style()
        let presentations = try array { reader throws(Damaged) in
            Card.Presentation(
                style: try reader.style(), prompt: try reader.string(), answer: try reader.string(),
                body: try reader.body())
        }
        guard let own = presentations.first, own.style == style, own.body == body else { throw Damaged() }
        let direction: CardID.Direction?
        switch try byte() {
        case 0: direction = nil
        case 1: direction = .forward
        case 2: direction = .reverse
        default: throw Damaged()
        }
        return Card(
            cardID: id, deck: deck, prompt: prompt, answer: answer, body: body, style: style,
            presentations: presentations, direction: direction, facts: try strings(), source: try string(),
            why: try string(), topic: try string(), siblingKey: try string(), tags: try strings())
    }

    mutating func style() throws(Damaged) -> Card.Presentation.Style {
        let index = Int(try byte())
        guard index < Card.Presentation.Style.allCases.count else { throw Damaged() }
        return Card.Presentation.Style.allCases[index]
    }

    mutating func body() throws(Damaged) -> Card.Body {
        switch try byte() {
        case 0: return .typed(accepted: try strings())
        case 1: return .reverse(accepted: try strings())
        case 2:
            let options = try strings()
            let answer = try optionalInt()
            if let answer, !options.indices.contains(answer) { throw Damaged() }
            return .choice(options: options, answer: answer)
        case 3: return .trueFalse(try bool())
        case 4: return .set(items: try array { reader throws(Damaged) in try reader.strings() })
        case 5:
            let items = try strings()
            let order = try ints()
            guard order.allSatisfy(items.indices.contains) else { throw Damaged() }
            return .order(items: items, order: order)
        case 6: return .cloze(accepted: try strings())
        case 7: return .free(accepted: try strings())
        default: throw Damaged()
        }
    }
}
