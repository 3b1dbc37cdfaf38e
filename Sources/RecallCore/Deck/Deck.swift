/// A deck: a fact model that the question generator turns into cards.
///
/// Instructors write decks as YAML (see `Decks/README.md`). A deck holds typed entities, the
/// attributes that relate them (each with the sentences used to ask about it), facts that give
/// an attribute a typed value for a subject, and optional free-form cards.
public struct Deck: Sendable, Hashable {
    /// Stable id, part of every card id: changing it orphans learners' progress.
    public var id: String { didSet { origin = DeckOrigin() } }
    public var name: String { didSet { origin = DeckOrigin() } }
    public var summary: String? { didSet { origin = DeckOrigin() } }
    /// What the facts were taken from, e.g. the title of an article.
    public var sourceTitle: String? { didSet { origin = DeckOrigin() } }
    public var entities: [Entity] { didSet { origin = DeckOrigin() } }
    public var attributes: [Attribute] { didSet { origin = DeckOrigin() } }
    public var facts: [Fact] { didSet { origin = DeckOrigin() } }
    /// Extra wrong options for multiple choice, by entity type (e.g. more cities); never answers.
    public var distractors: [String: [String]] { didSet { origin = DeckOrigin() } }
    public var freeCards: [FreeCard] { didSet { origin = DeckOrigin() } }
    /// The date the source describes the world as of: no year distractor lies after it.
    public var asOf: DeckDate? { didSet { origin = DeckOrigin() } }
    /// The file the deck was read from (or `<built-in>`), for diagnostics.
    public var path: String
    /// The file contents the deck was parsed from, the key of its cached cards (`DeckCache`);
    /// none for a deck built in memory, and dropped by any change to the deck (the `didSet`s
    /// above), so an edited deck is never given the cards of the file it came from.
    var origin = DeckOrigin()

    public init(
        id: String, name: String, summary: String? = nil, sourceTitle: String? = nil,
        entities: [Entity] = [], attributes: [Attribute] = [], facts: [Fact] = [],
        distractors: [String: [String]] = [:], freeCards: [FreeCard] = [], path: String = "<memory>"
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.sourceTitle = sourceTitle
        self.entities = entities
        self.attributes = attributes
        self.facts = facts
        self.distractors = distractors
        self.freeCards = freeCards
        self.path = path
    }

    /// The attribute with this id, if the deck declares one.
    public func attribute(_ id: String) -> Attribute? {
        attributes.first { $0.id == id }
    }
}

/// The digest of the bytes a deck was parsed from. It takes no part in a deck's equality: a deck
/// read from the cache equals the same deck parsed afresh.
struct DeckOrigin: Sendable, Hashable {
    /// nil for a deck not read from a file, or changed since.
    var digest: String?

    static func == (lhs: DeckOrigin, rhs: DeckOrigin) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

/// A thing the deck talks about: an organization, a country, a city, a person, an event …
public struct Entity: Sendable, Hashable {
    public var id: String
    /// A free word such as `country` or `organ`; multiple-choice distractors share the type.
    public var type: String
    /// The display name, the canonical answer.
    public var name: String
    /// Other accepted answers (abbreviations, spellings without diacritics).
    public var aliases: [String]
    /// How the entity reads inside a sentence (`the CSTO`); the name when absent.
    public var mention: String?
    public var location: SourceLocation

    public init(
        id: String, type: String, name: String, aliases: [String] = [], mention: String? = nil,
        location: SourceLocation = SourceLocation(line: 1, column: 1)
    ) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = aliases
        self.mention = mention
        self.location = location
    }

    /// The name and the aliases: every spelling that names this entity.
    public var names: [String] { [name] + aliases }
    /// The phrase used when the entity is mentioned in a sentence.
    public var inSentence: String { mention ?? name }
}

/// The type of value an attribute takes.
public enum ValueType: String, Sendable, Hashable, CaseIterable {
    /// A year, optionally with a month.
    case date
    /// Another entity of the deck (a place, a person, an organ …).
    case entity
    /// A number, optionally with a unit and a qualifier such as `more than`.
    case number
    /// A short text: a role, a description.
    case text
    /// A set of entities (members).
    case set
    /// A passage of the source with `{{c1::…}}` gaps for cloze cards.
    case passage
}

/// A relation that facts give values to, with the sentences used to ask about it.
///
/// Templates use `{subject}`, `{Subject}` (capitalised), `{value}`, `{element}` and `{count}`.
public struct Attribute: Sendable, Hashable {
    public var id: String
    public var type: ValueType
    /// For entity and set attributes: the entity type values must have.
    public var valueType: String?
    /// The question for the forward direction, e.g. `In what year was {subject} established?`.
    public var ask: String?
    /// The question for the reverse direction, e.g. `Which organ {value}?`.
    public var reverse: String?
    /// The fact as a sentence, used for true/false cards and to say why an answer is right.
    public var statement: String?
    /// For dated facts: a short phrase naming the event on a timeline.
    public var event: String?
    /// For sets: one element as a sentence, e.g. `{element} is a member of {subject}.`.
    public var element: String?
    /// For sets: the multiple-choice question for an element, e.g. `Which of these is a member of {subject}?`.
    public var choose: String?
    /// For complete sets: the multiple-choice question for a non-element.
    public var chooseNot: String?
    /// For text attributes: whether the value is short enough to be typed as an answer.
    public var typed: Bool
    /// Whether to ask the forward question as multiple choice too (when three distractors exist).
    public var choice: Bool
    public var location: SourceLocation

    public init(
        id: String, type: ValueType, valueType: String? = nil, ask: String? = nil,
        reverse: String? = nil, statement: String? = nil, event: String? = nil,
        element: String? = nil, choose: String? = nil, chooseNot: String? = nil,
        typed: Bool = false, choice: Bool = true,
        location: SourceLocation = SourceLocation(line: 1, column: 1)
    ) {
        self.id = id
        self.type = type
        self.valueType = valueType
        self.ask = ask
        self.reverse = reverse
        self.statement = statement
        self.event = event
        self.element = element
        self.choose = choose
        self.chooseNot = chooseNot
        self.typed = typed
        self.choice = choice
        self.location = location
    }
}

/// A year, optionally with a month.
public struct DeckDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int?

    public init(year: Int, month: Int? = nil) {
        self.year = year
        self.month = month
    }

    public static func < (lhs: DeckDate, rhs: DeckDate) -> Bool {
        (lhs.year, lhs.month ?? 0) < (rhs.year, rhs.month ?? 0)
    }

    /// Whether two dates can be told apart on a timeline (a bare year overlaps its months).
    public func isDistinguishable(from other: DeckDate) -> Bool {
        if year != other.year { return true }
        guard let month, let otherMonth = other.month else { return false }
        return month != otherMonth
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// `2002` or `January 2022`.
    public var display: String {
        guard let month, (1...12).contains(month) else { return String(year) }
        return "\(Self.monthNames[month - 1]) \(year)"
    }
}

/// A typed value of a fact.
public enum FactValue: Sendable, Hashable {
    case date(DeckDate)
    /// The id of another entity.
    case entity(String)
    /// A number with an optional unit (`troops`) and qualifier (`more than`).
    case number(Int, unit: String?, qualifier: String?)
    /// A short text and other accepted wordings of it.
    case text(String, aliases: [String])
    /// Entity ids; `complete` when the set is the whole of it (closed world), so non-elements are false.
    case set([String], complete: Bool)
    /// A passage with `{{c1::…}}` gaps.
    case passage(String)

    /// The value type this value belongs to.
    public var type: ValueType {
        switch self {
        case .date: .date
        case .entity: .entity
        case .number: .number
        case .text: .text
        case .set: .set
        case .passage: .passage
        }
    }
}

/// One statement of the source: `subject` has `value` for `attribute`.
public struct Fact: Sendable, Hashable {
    /// Stable id, part of the ids of the cards derived from it.
    public var id: String
    public var subject: String
    public var attribute: String
    public var value: FactValue
    /// The section of the source the fact comes from.
    public var source: String?
    /// Per-fact wording that overrides the attribute's templates (same keys).
    public var ask: String?
    public var reverse: String?
    public var statement: String?
    public var event: String?
    /// A free note shown with the answer.
    public var note: String?
    /// For text values: the key terms a typed answer must contain, each with its other wordings
    /// (`[[heads, leaders], [member states, member countries]]`). When present, a typed answer is
    /// graded by these terms instead of by its distance from the text (see `AnswerChecker`).
    public var terms: [[String]]
    /// For a number with a qualifier (`more than 2,000`): whether the bare figure (`2000`) counts
    /// as correct; otherwise it is `close`.
    public var acceptsBareFigure: Bool
    /// For sets: the entities for which the source settles membership (a "which of these did NOT"
    /// question draws its options only from them); empty for every entity of the type.
    public var among: [String]
    /// Facts whose values are close in meaning to this one's: never distractors for each other.
    public var confusableWith: [String]
    public var location: SourceLocation

    public init(
        id: String, subject: String, attribute: String, value: FactValue, source: String? = nil,
        ask: String? = nil, reverse: String? = nil, statement: String? = nil, event: String? = nil,
        note: String? = nil, terms: [[String]] = [], acceptsBareFigure: Bool = false,
        among: [String] = [], confusableWith: [String] = [],
        location: SourceLocation = SourceLocation(line: 1, column: 1)
    ) {
        self.id = id
        self.subject = subject
        self.attribute = attribute
        self.value = value
        self.source = source
        self.ask = ask
        self.reverse = reverse
        self.statement = statement
        self.event = event
        self.note = note
        self.terms = terms
        self.acceptsBareFigure = acceptsBareFigure
        self.among = among
        self.confusableWith = confusableWith
        self.location = location
    }
}

/// A card written by hand, for instructors who do not want a model.
public struct FreeCard: Sendable, Hashable {
    /// What the card asks.
    public enum Content: Sendable, Hashable {
        /// A question and its answer, with other accepted answers.
        case question(String, answer: String, aliases: [String])
        /// A passage with `{{c1::…}}` gaps; one card per gap number.
        case cloze(String)
    }

    public var id: String
    public var content: Content
    /// For a question: the options of a multiple-choice card, the answer among them; empty for typed.
    public var choices: [String]
    public var source: String?
    /// Labels to choose the card by (`tag:` in a card query); Anki's tags and deck path on import.
    /// A tag may be a path (`Lang::Spanish::Vocab`): `tag:lang::spanish` matches it too.
    public var tags: [String]
    /// What the card says beside its answer (Anki's cloze "Back Extra"), shown as the card's why.
    public var extra: String?
    /// When the card's source last changed (an Anki note's modification time, seconds since
    /// 1970): a later import updates the card only from a newer version, as Anki does.
    public var modified: Int?
    public var location: SourceLocation

    public init(
        id: String, content: Content, choices: [String] = [], source: String? = nil, tags: [String] = [],
        location: SourceLocation = SourceLocation(line: 1, column: 1)
    ) {
        self.id = id
        self.content = content
        self.choices = choices
        self.source = source
        self.tags = tags
        self.extra = nil
        self.modified = nil
        self.location = location
    }
}
