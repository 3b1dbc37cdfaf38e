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

    var spellings: [String]
    /// The answer as shown.
    var shown: String
    var value: Value = .plain
    /// The question, whose words a reply may repeat.
    var prompt: String = ""
    /// Vocabulary groups wrapping may name besides the answer: the question's subject and what the
    /// deck says the answer is in or part of.
    var allowedGroups: Set<Int> = []
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
                if let answer = group(id) { key.allowedGroups.formUnion(knowledge.links[answer] ?? []) }
            default:
                break
            }
        case .reverse:
            if let subject { key.allowedGroups.formUnion(knowledge.links[subject] ?? []) }
        default:
            break
        }
        return key
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
        tokens = NumberWords.canonicalize(normalizer.fold(capped))
        let trimmed = capped.trimmingWhitespace
        quoted = trimmed.count > 60 ? String(trimmed.prefix(57)) + "…" : trimmed
    }

    var isSearchable: Bool { !tokens.isEmpty && tokens.count <= Self.maximumWords }
}
