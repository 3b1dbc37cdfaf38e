/// Derives cards from a deck's fact model.
///
/// One card per fact and direction (see `CardID`), so editing one fact never changes another
/// fact's card ids; multiple choice and true/false are presentations of those cards.
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
    /// Set by the builder's extensions (a free card's tags are put on its cards there).
    var cards: [Card] = []
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

    mutating func warn(_ message: String, at location: SourceLocation) {
        warnings.append(Diagnostic(.warning, file: deck.path, at: location, message))
    }

    /// Adds a card after checking it cannot mislead; otherwise records why it was left out. A
    /// presentation that could mislead is dropped from the card (the card stays if one is left).
    mutating func add(_ card: Card, at location: SourceLocation) {
        var card = card
        if let leak = revealedAnswer(card.presentations[0], of: card) {
            warn("card '\(card.id)' was left out: its prompt gives the answer '\(leak)' away", at: location)
            return
        }
        card.presentations = card.presentations.filter { presentation in
            if let leak = revealedAnswer(presentation, of: card) {
                warn(
                    "card '\(card.id)': its \(presentation.style.rawValue) presentation gives the answer '\(leak)' away",
                    at: location)
                return false
            }
            let folded = presentation.body.options.map(TextFold.fold)
            if Set(folded).count != folded.count {
                warn(
                    "card '\(card.id)': two options of its \(presentation.style.rawValue) presentation read the same",
                    at: location)
                return false
            }
            return true
        }
        guard let own = card.presentations.first, own.style == card.style else {
            warn("card '\(card.id)' was left out: two of its options read the same", at: location)
            return
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

    /// An answer of the card that the presentation's prompt contains as whole words, if any.
    private func revealedAnswer(_ presentation: Card.Presentation, of card: Card) -> String? {
        let answers: [String]
        switch card.body {
        case .typed(let accepted), .reverse(let accepted), .cloze(let accepted), .free(let accepted):
            answers = accepted
        case .choice(let options, let answer): answers = answer.map { [options[$0]] } ?? []
        case .set(let items): answers = items.flatMap { $0 }
        case .trueFalse, .order: answers = []
        }
        // A true/false statement names its value on purpose.
        guard presentation.style != .trueFalse else { return nil }
        let prompt = TextFold.fold(presentation.prompt)
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
