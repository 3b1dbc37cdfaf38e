/// Derives cards from a deck's fact model.
///
/// Every card id is `deck:fact:template` (plus a direction or element where one fact yields
/// several cards of a template), so editing one fact never changes another fact's card ids.
/// Randomness (distractors, option order, true or false) comes from a generator seeded with
/// `seed` and the card id, so a card reads the same however many others the deck has.
public struct QuestionGenerator: Sendable {
    /// What generation produced: the cards, and warnings for cards that could not be made well.
    public struct Output: Sendable {
        public var cards: [Card]
        public var warnings: [Diagnostic]
    }

    public var seed: UInt64

    public init(seed: UInt64 = 0) {
        self.seed = seed
    }

    /// The cards of `deck`, in deck order.
    public func cards(for deck: Deck) -> [Card] {
        generate(deck).cards
    }

    /// The cards of `deck`, with a warning for every card left out and why.
    public func generate(_ deck: Deck) -> Output {
        var builder = CardBuilder(index: DeckIndex(deck), seed: seed)
        for fact in deck.facts {
            builder.addCards(for: fact)
        }
        builder.addTimelineCards()
        for card in deck.freeCards {
            builder.addCards(for: card)
        }
        return Output(cards: builder.cards, warnings: builder.warnings)
    }
}

/// Collects cards, refusing any that would be wrong: a prompt that gives its answer away,
/// a duplicate id or question, a choice with two right options.
struct CardBuilder {
    let index: DeckIndex
    let seed: UInt64
    /// The deck's events, earliest first.
    let events: [Event]
    private let eventsByFact: [String: Event]
    private(set) var cards: [Card] = []
    private(set) var warnings: [Diagnostic] = []
    private var ids: Set<String> = []
    private var prompts: [String: String] = [:]

    init(index: DeckIndex, seed: UInt64) {
        self.index = index
        self.seed = seed
        events = Self.events(of: index)
        eventsByFact = Dictionary(events.map { ($0.fact.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The event a dated fact names on the timeline, if it names one.
    func event(for factID: String) -> Event? { eventsByFact[factID] }

    var deck: Deck { index.deck }

    func random(for id: String) -> SplitMix64 {
        SplitMix64(seed: seed, purpose: id)
    }

    mutating func warn(_ message: String, at location: SourceLocation) {
        warnings.append(Diagnostic(.warning, file: deck.path, at: location, message))
    }

    /// Adds a card after checking it cannot mislead; otherwise records why it was left out.
    mutating func add(_ card: Card, at location: SourceLocation) {
        if let leak = revealedAnswer(card) {
            warn("card '\(card.id)' was left out: its prompt gives the answer '\(leak)' away", at: location)
            return
        }
        if card.kind == .choice || card.kind == .order {
            let folded = card.choices.map(TextFold.fold)
            if Set(folded).count != folded.count {
                warn("card '\(card.id)' was left out: two of its options read the same", at: location)
                return
            }
        }
        let promptKey =
            card.kind.rawValue + "|" + TextFold.fold(card.prompt) + "|"
            + card.choices.map(TextFold.fold).sorted().joined(separator: "|")
        if let other = prompts[promptKey] {
            warn("card '\(card.id)' was left out: it asks the same as card '\(other)'", at: location)
            return
        }
        guard ids.insert(card.id).inserted else {
            warn("card '\(card.id)' was left out: another card has the same id", at: location)
            return
        }
        prompts[promptKey] = card.id
        cards.append(card)
    }

    /// The accepted answer the prompt contains as whole words, if any.
    private func revealedAnswer(_ card: Card) -> String? {
        let answers: [String]
        switch card.kind {
        case .typed, .reverse, .cloze, .free: answers = card.accepted
        case .choice: answers = card.answerIndex.map { [card.choices[$0]] } ?? []
        case .set: answers = card.items.flatMap { $0 }
        case .trueFalse, .order: answers = []
        }
        let prompt = TextFold.fold(card.prompt)
        return answers.first { answer in
            TextFold.fold(answer).count >= 2 && TextFold.containsWords(folded: prompt, answer)
        }
    }

    /// `Collective Security Treaty Organization § Origins`.
    func sourceLine(_ section: String?) -> String {
        let title = deck.sourceTitle ?? deck.name
        guard let section else { return title }
        return "\(title) § \(section)"
    }
}
