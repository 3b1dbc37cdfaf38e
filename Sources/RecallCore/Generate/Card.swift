/// One question derived from a deck, with everything needed to ask it and grade the reply.
///
/// A card is a value: the generator makes it from the fact model, the session shows `prompt`,
/// and the answer checker grades what the learner typed against `accepted`, `choices` or `items`
/// depending on `kind`.
public struct Card: Sendable, Hashable, Codable, Identifiable {
    /// The kinds of question the generator derives.
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

    /// Stable id: deck id, fact id, template and direction; never rendered text or positions.
    public var id: String
    /// Id of the deck the card comes from.
    public var deck: String
    public var kind: Kind
    /// The question as the learner sees it (without numbered choices; see `choices`).
    public var prompt: String
    /// The right answer as shown after grading.
    public var answer: String
    /// Accepted spellings for typed kinds, the canonical one first.
    public var accepted: [String]
    /// Options for `choice` (the right one at `answerIndex`) and the items of `order` as shown.
    public var choices: [String]
    /// Index of the right option in `choices`, for `choice`.
    public var answerIndex: Int?
    /// For `order`: indices into `choices`, earliest first.
    public var order: [Int]
    /// For `set`: each element's accepted names, canonical name first.
    public var items: [[String]]
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

    public init(
        id: String, deck: String, kind: Kind, prompt: String, answer: String,
        accepted: [String] = [], choices: [String] = [], answerIndex: Int? = nil,
        order: [Int] = [], items: [[String]] = [], facts: [String], source: String,
        why: String, topic: String, siblingKey: String
    ) {
        self.id = id
        self.deck = deck
        self.kind = kind
        self.prompt = prompt
        self.answer = answer
        self.accepted = accepted
        self.choices = choices
        self.answerIndex = answerIndex
        self.order = order
        self.items = items
        self.facts = facts
        self.source = source
        self.why = why
        self.topic = topic
        self.siblingKey = siblingKey
    }
}
