/// One memory derived from a deck: a fact in one direction (or a gap, a timeline, a card written
/// by hand), with the ways it can be asked.
///
/// A card is a value: the generator makes it from the fact model; the session picks one of its
/// `presentations` by the learner's memory of it (see `Presentation.Style`) and shows that
/// presentation's `prompt`; the answer checker grades the reply against its `body`.
public struct Card: Sendable, Hashable, Identifiable {
    /// The kinds of question, read from the body (one per `Body` case).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A typed answer to a question about a fact's value (year, place, number …).
        case typed
        /// The reverse direction: the value is given, the subject is typed.
        case reverse
        /// Multiple choice; `choices` holds the options and `answerIndex` the right one.
        case choice
        /// A statement to judge; `answer` is `true` or `false`.
        case trueFalse = "truefalse"
        /// Name every element of a set, in any order; `items` holds each element's accepted names.
        case set
        /// Put events in chronological order; `choices` holds them as shown, `order` the right order.
        case order
        /// Fill the gap in a quoted passage.
        case cloze
        /// A free-form question and answer written by an instructor.
        case free
    }

    /// What is needed to grade a reply, per kind: the one place a new kind has to be handled.
    public enum Body: Sendable, Hashable {
        /// Typed recall of a fact's value; accepted spellings, the canonical one first.
        case typed(accepted: [String])
        /// Typed recall of the subject from the value.
        case reverse(accepted: [String])
        /// Options, the right one at `answer` (nil for a hand-written card whose answer is not among them).
        case choice(options: [String], answer: Int?)
        /// A statement that is true or false.
        case trueFalse(Bool)
        /// Every element, each as its accepted names.
        case set(items: [[String]])
        /// Events as shown and the right order (indices into `items`, earliest first).
        case order(items: [String], order: [Int])
        /// The gap's accepted text.
        case cloze(accepted: [String])
        /// A hand-written question's accepted answers.
        case free(accepted: [String])

        public var kind: Kind {
            switch self {
            case .typed: .typed
            case .reverse: .reverse
            case .choice: .choice
            case .trueFalse: .trueFalse
            case .set: .set
            case .order: .order
            case .cloze: .cloze
            case .free: .free
            }
        }
    }

    /// One way to ask the card: its question, shown answer and what grades it.
    public struct Presentation: Sendable, Hashable {
        /// How hard a way of asking is; the session picks one by memory strength.
        public enum Style: String, Sendable, Hashable, Codable, CaseIterable {
            /// Recall: type the answer (also sets, orderings and gaps).
            case recall
            /// Recognition: choose the answer among options.
            case choose
            /// Recognition: judge a statement true or false (quizzes, and facts that are yes/no).
            case trueFalse = "truefalse"
        }

        public var style: Style
        public var prompt: String
        public var answer: String
        public var body: Body

        public init(style: Style, prompt: String, answer: String, body: Body) {
            self.style = style
            self.prompt = prompt
            self.answer = answer
            self.body = body
        }
    }

    /// Stable id: deck, fact and direction (see `CardID`).
    public let cardID: CardID
    /// Id of the deck the card comes from.
    public var deck: String
    /// The question as the learner sees it (without numbered choices; see `choices`).
    public var prompt: String
    /// The right answer as shown after grading.
    public var answer: String
    /// What grades the reply.
    public var body: Body
    /// The presentation this value asks (`presented(as:)` picks another).
    public private(set) var style: Presentation.Style
    /// Every way the card can be asked, easiest last; the first is the card's own form.
    public var presentations: [Presentation]
    /// For fact cards: the direction asked.
    public var direction: CardID.Direction?
    /// Ids of the facts the card was derived from (one, or several for a timeline).
    public var facts: [String]
    /// Where the facts come from, for people: e.g. `article § Origins`.
    public var source: String
    /// The fact in a sentence, shown after a wrong answer to say why.
    public var why: String
    /// The attribute or template the card came from, for filtering and export tags.
    public var topic: String
    /// Cards sharing a sibling key come from the same fact and are not asked twice a day.
    public var siblingKey: String
    /// The labels of a free-form card (`FreeCard.tags`), for `tag:` in a card query.
    public var tags: [String] = []

    /// The id as profiles store it.
    public var id: String { cardID.rawValue }
    public var kind: Kind { body.kind }

    public init(
        id: CardID, deck: String, prompt: String, answer: String, body: Body,
        presentations: [Presentation] = [], direction: CardID.Direction? = nil, facts: [String],
        source: String, why: String, topic: String, siblingKey: String
    ) {
        self.cardID = id
        self.deck = deck
        self.prompt = prompt
        self.answer = answer
        self.body = body
        let own = Presentation(style: Self.style(of: body), prompt: prompt, answer: answer, body: body)
        self.style = own.style
        self.presentations = [own] + presentations.filter { $0.style != own.style }
        self.direction = direction
        self.facts = facts
        self.source = source
        self.why = why
        self.topic = topic
        self.siblingKey = siblingKey
    }

    /// A card exactly as stored, every property given (the deck cache reads cards back this way).
    init(
        cardID: CardID, deck: String, prompt: String, answer: String, body: Body, style: Presentation.Style,
        presentations: [Presentation], direction: CardID.Direction?, facts: [String], source: String,
        why: String, topic: String, siblingKey: String, tags: [String]
    ) {
        self.cardID = cardID
        self.deck = deck
        self.prompt = prompt
        self.answer = answer
        self.body = body
        self.style = style
        self.presentations = presentations
        self.direction = direction
        self.facts = facts
        self.source = source
        self.why = why
        self.topic = topic
        self.siblingKey = siblingKey
        self.tags = tags
    }

    /// A card from a kind and loose fields (hand-written, imported and test cards).
    public init(
        id: CardID, deck: String, kind: Kind, prompt: String, answer: String,
        accepted: [String] = [], choices: [String] = [], answerIndex: Int? = nil,
        order: [Int] = [], items: [[String]] = [], facts: [String], source: String,
        why: String, topic: String, siblingKey: String
    ) {
        let typed = accepted.isEmpty ? [answer] : accepted
        let body: Body =
            switch kind {
            case .typed: .typed(accepted: typed)
            case .reverse: .reverse(accepted: typed)
            case .choice: .choice(options: choices, answer: answerIndex)
            case .trueFalse: .trueFalse(Self.isTrue(accepted.first ?? answer))
            case .set: .set(items: items)
            case .order: .order(items: choices, order: order)
            case .cloze: .cloze(accepted: typed)
            case .free: .free(accepted: typed)
            }
        self.init(
            id: id, deck: deck, prompt: prompt, answer: answer, body: body, facts: facts, source: source,
            why: why, topic: topic, siblingKey: siblingKey)
    }

    private static func isTrue(_ text: String) -> Bool {
        TextFold.fold(text) == "true"
    }

    /// The style a body asks in.
    static func style(of body: Body) -> Presentation.Style {
        switch body {
        case .typed, .reverse, .set, .order, .cloze, .free: .recall
        case .choice: .choose
        case .trueFalse: .trueFalse
        }
    }

    /// The presentations' styles, in the card's order.
    public var styles: [Presentation.Style] { presentations.map(\.style) }

    /// The card asked in `style` (same id, facts and why), or nil when it cannot be asked that way.
    public func presented(as style: Presentation.Style) -> Card? {
        guard let presentation = presentations.first(where: { $0.style == style }) else { return nil }
        var card = self
        card.prompt = presentation.prompt
        card.answer = presentation.answer
        card.body = presentation.body
        card.style = style
        return card
    }

    /// The card in each of its presentations (a card already presented: only as it is).
    public var askable: [Card] {
        guard style == presentations.first?.style else { return [self] }
        return styles.compactMap { presented(as: $0) }
    }

    /// Accepted spellings for typed kinds, the canonical one first (empty for other kinds).
    public var accepted: [String] {
        get {
            switch body {
            case .typed(let accepted), .reverse(let accepted), .cloze(let accepted), .free(let accepted):
                accepted
            case .trueFalse(let truth): [truth ? "true" : "false"]
            case .choice, .set, .order: []
            }
        }
        set {
            switch body {
            case .typed: body = .typed(accepted: newValue)
            case .reverse: body = .reverse(accepted: newValue)
            case .cloze: body = .cloze(accepted: newValue)
            case .free: body = .free(accepted: newValue)
            case .choice, .trueFalse, .set, .order: break
            }
        }
    }

    /// Options of a choice, and the items of an ordering as shown.
    public var choices: [String] {
        switch body {
        case .choice(let options, _): options
        case .order(let items, _): items
        case .typed, .reverse, .trueFalse, .set, .cloze, .free: []
        }
    }

    /// Index of the right option in `choices`, for `choice`.
    public var answerIndex: Int? {
        if case .choice(_, let answer) = body { return answer }
        return nil
    }

    /// For `order`: indices into `choices`, earliest first.
    public var order: [Int] {
        if case .order(_, let order) = body { return order }
        return []
    }

    /// For `set`: each element's accepted names, canonical name first.
    public var items: [[String]] {
        if case .set(let items) = body { return items }
        return []
    }
}

extension Card.Body {
    /// The options a learner picks from (choices, and the events of an ordering).
    var options: [String] {
        switch self {
        case .choice(let options, _): options
        case .order(let items, _): items
        case .typed, .reverse, .trueFalse, .set, .cloze, .free: []
        }
    }
}
