/// What the checker knows about the right answer to a typed card: its spellings and, when the card
/// comes from a fact, what kind of value it is.
struct AnswerKey: Sendable {
    /// A number fact: the figure, and the bound the deck puts on it.
    struct NumberValue: Sendable {
        var value: Int
        var bound: NormalizedAnswer.Qualifier?
        /// Whether the bare figure counts as correct for a bounded fact (`accept-bare: true`).
        var acceptsBare: Bool
    }

    enum Value: Sendable {
        /// Graded by spelling (with wrapping).
        case plain
        case date(DeckDate)
        case number(NumberValue)
        /// A description graded by the key terms it must contain, each with its wordings.
        case terms([[String]])
    }

    var spellings: [String] {
        didSet { normalizedSpellings = spellings.map(Normalizer().normalize) }
    }
    /// `spellings`, normalized.
    private(set) var normalizedSpellings: [NormalizedAnswer]
    /// The answer as shown.
    var shown: String
    var value: Value = .plain
    /// The question, whose words a reply may repeat.
    var prompt: String = "" {
        didSet { promptWords = Self.words(of: prompt) }
    }
    /// The question's words, numbers in digits.
    private(set) var promptWords: Set<String> = []
    /// Vocabulary groups wrapping may name besides the answer: the question's subject and what the
    /// deck says the answer is in or part of.
    var allowedGroups: Set<Int> = []
    /// Figures wrapping may give: the years and numbers the deck states about the answer
    /// (`the Collective Security Treaty of 1992`).
    var allowedFigures: Set<String> = []

    init(spellings: [String], shown: String, prompt: String = "") {
        self.spellings = spellings
        normalizedSpellings = spellings.map(Normalizer().normalize)
        self.shown = shown
        self.prompt = prompt
        promptWords = Self.words(of: prompt)
    }

    static func words(of text: String) -> Set<String> {
        text.isEmpty ? [] : Set(NumberWords.canonicalize(Normalizer().fold(text)))
    }
}

extension AnswerChecker {
    /// The key for a typed card: its accepted spellings, and what its fact says.
    func answerKey(for card: Card) -> AnswerKey {
        let spellings = card.accepted.isEmpty ? [card.answer] : card.accepted
        var key = AnswerKey(
            spellings: spellings, shown: card.answer.isEmpty ? (spellings.first ?? "") : card.answer,
            prompt: card.prompt)
        guard let knowledge, let fact = knowledge.fact(of: card) else { return key }
        let group = { (id: String) in knowledge.groupOfEntity[GradingKnowledge.key(card.deck, id)] }
        let subject = group(fact.subject)
        switch card.kind {
        case .typed:
            if let subject { key.allowedGroups.insert(subject) }
            switch fact.value {
            case .date(let date):
                key.value = .date(date)
            case .number(let number, _, let qualifier):
                key.value = .number(
                    AnswerKey.NumberValue(
                        value: number, bound: qualifier.flatMap(Normalizer.qualifier(named:)),
                        acceptsBare: fact.acceptsBareFigure))
            case .text where !fact.terms.isEmpty:
                key.value = .terms(fact.terms)
            case .entity(let id):
                key.allowQualifiers(of: id, in: card.deck, knowledge)
            default:
                break
            }
        case .reverse:
            key.allowQualifiers(of: fact.subject, in: card.deck, knowledge)
        default:
            break
        }
        return key
    }
}

extension AnswerKey {
    /// Lets wrapping name what the deck says entity `id` is in or part of, and the figures it
    /// states about it.
    mutating func allowQualifiers(of id: String, in deck: String, _ knowledge: GradingKnowledge) {
        if let group = knowledge.groupOfEntity[GradingKnowledge.key(deck, id)] {
            allowedGroups.formUnion(knowledge.links[group] ?? [])
        }
        allowedFigures.formUnion(knowledge.figures[GradingKnowledge.key(deck, id)] ?? [])
    }
}

/// A reply read once for the rules that look inside it: its words with numbers in digits (no
/// article or hedge removed), and the raw text for signs that folding drops (`2,000+`, `1991-12`).
struct ReplyReading {
    /// Longest reply, in words, that is searched for an answer inside wrapping.
    static let maximumWords = 24

    let raw: [Unicode.Scalar]
    let tokens: [String]
    /// The reply as typed, trimmed, for reasons.
    let quoted: String

    init(_ reply: String, normalizer: Normalizer) {
        let capped = Normalizer.capped(reply)
        raw = Array(capped.lowercased().unicodeScalars)
        var words = normalizer.fold(capped)
        // `the first one` is `the first`.
        for index in words.indices.reversed()
        where index > 0 && words[index] == "one" && NumberWords.word(words[index - 1])?.isOrdinal == true {
            words.remove(at: index)
        }
        tokens = NumberWords.canonicalize(words)
        let trimmed = capped.trimmingWhitespace
        quoted = trimmed.count > 60 ? String(trimmed.prefix(57)) + "…" : trimmed
    }

    var isSearchable: Bool { !tokens.isEmpty && tokens.count <= Self.maximumWords }
}
