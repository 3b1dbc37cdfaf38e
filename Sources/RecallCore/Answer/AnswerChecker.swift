/// Grades what a learner typed against a card, as a fair teacher would.
///
/// Typed answers (and reverse, cloze and free cards) are compared after `Normalizer` has removed
/// case, accents, punctuation, articles, hedges and number spelling; a small typo is accepted as
/// `close` (0 edits below 5 characters, 1 from 5, 2 from 10), unless the reply is a different number
/// or names — or is at least as near to — another thing in the deck's vocabulary: `Zambia` for
/// `Gambia` is a wrong answer, not a typo.
///
/// Around the answer, a reply may carry wrapping that says nothing else: filler and prepositions
/// (`in 2002`, `I think Moscow`), titles (`President Tokayev`), the question's own words, and a
/// qualifier the deck agrees with (`Chișinău, Moldova`). Wrapping that names another thing or
/// figure of the deck, or hedges (`Moscow or Minsk`, `not Minsk`), makes the reply wrong. Dates,
/// numbers with bounds and key-term descriptions have their own rules (see `gradeDate`,
/// `gradeNumber`, `gradeTerms`), as do sets, choices, true/false and ordering (`gradeSet`,
/// `gradeChoice`, `gradeTrueFalse`, `gradeOrder`). Every verdict that is not plain from the reply
/// carries a `reason`. The rules for instructors are in `Decks/README.md`.
///
/// The checker reads only the first `Normalizer.maximumLength` Unicode scalars of a reply.
public struct AnswerChecker: Sendable {
    let normalizer = Normalizer()
    /// Every thing in the decks, each as its normalized names.
    let vocabulary: [[NormalizedAnswer]]
    /// The display name of each vocabulary group.
    let vocabularyNames: [String]
    /// Vocabulary names by their first word, as word lists: for finding names inside a reply.
    let namesByFirstWord: [String: [(words: [String], group: Int)]]
    /// Vocabulary names of one word long enough to carry a typo (5 letters or more).
    let singleWordNames: [(name: NormalizedAnswer, group: Int)]
    /// What the decks say beyond names, when the checker was made from decks.
    let knowledge: GradingKnowledge?

    /// - Parameters:
    ///   - vocabulary: the names of each thing (a display name, then its aliases), used to tell a
    ///     near miss between two real names from a typo, and wrapping that names something else.
    ///   - decks: decks whose facts the checker may read (dates, bounds, key terms, what is in
    ///     what); their names join the vocabulary.
    public init(vocabulary: [[String]] = [], decks: [Deck] = []) {
        let normalizer = Normalizer()
        let groups = vocabulary + decks.flatMap(\.vocabulary)
        self.vocabulary = groups.map { names in names.map(normalizer.normalize).filter { !$0.isEmpty } }
        vocabularyNames = groups.map { $0.first ?? "" }
        var index: [String: [(words: [String], group: Int)]] = [:]
        for (group, names) in self.vocabulary.enumerated() {
            for name in names {
                let words = name.canonical.split(separator: " ").map(String.init)
                guard let first = words.first else { continue }
                index[first, default: []].append((words, group))
            }
        }
        namesByFirstWord = index
        singleWordNames = self.vocabulary.enumerated().flatMap { group, names in
            names.filter { !$0.canonical.contains(" ") && $0.canonical.count >= 4 }.map { ($0, group) }
        }
        knowledge = decks.isEmpty ? nil : GradingKnowledge(decks: decks, firstGroup: vocabulary.count)
    }

    /// Grades `reply` by the rules of `card.kind`. A reply with more than `Normalizer.maximumLength`
    /// characters besides whitespace is wrong whatever it starts with: nobody types an answer that long.
    public func grade(_ reply: String, for card: Card) -> Grade {
        if Self.isOverlong(reply) {
            return Grade.wrong(card.answer, because: "the reply is too long to be an answer")
        }
        switch card.kind {
        case .typed, .reverse, .cloze, .free:
            return gradeTyped(reply, key: answerKey(for: card))
        case .choice:
            guard let answerIndex = card.answerIndex else {
                return Grade(verdict: .wrong, score: 0, expected: card.answer)
            }
            let keys = card.choices.map { option in
                var key = AnswerKey(spellings: [option], shown: option, prompt: card.prompt)
                if let knowledge, let id = knowledge.entity(ofOption: option, in: card) {
                    key.spellings += knowledge.entities[GradingKnowledge.key(card.deck, id)]?.aliases ?? []
                    key.allowQualifiers(of: id, in: card.deck, knowledge)
                }
                return key
            }
            return gradeChoice(reply, choices: card.choices, answerIndex: answerIndex, keys: keys)
        case .trueFalse:
            guard let truth = TruthWords.read(card.answer)?.value else {
                return grade(reply, accepting: [card.answer])
            }
            return gradeTrueFalse(reply, answer: truth)
        case .set:
            return gradeSet(reply, items: card.items)
        case .order:
            return gradeOrder(reply, choices: card.choices, order: card.order)
        }
    }

    /// Whether `reply` has more than `Normalizer.maximumLength` scalars that are not whitespace.
    static func isOverlong(_ reply: String) -> Bool {
        var count = 0
        for scalar in reply.unicodeScalars where !scalar.properties.isWhitespace {
            count += 1
            if count > Normalizer.maximumLength { return true }
        }
        return false
    }

    /// Grades a typed reply against the accepted spellings, the canonical one first.
    ///
    /// - Returns: `correct` when the reply equals a spelling after normalization (or is one inside
    ///   wrapping that says nothing else), `close` when it is a typo of one (with the canonical
    ///   spelling in `expected`), `wrong` otherwise.
    public func grade(_ reply: String, accepting accepted: [String]) -> Grade {
        gradeTyped(reply, key: AnswerKey(spellings: accepted, shown: accepted.first ?? ""))
    }

    /// Grades a typed reply against what the key says the answer is.
    func gradeTyped(_ reply: String, key: AnswerKey) -> Grade {
        let normalizedReply = normalizer.normalize(reply)
        guard !normalizedReply.isEmpty else { return Grade.wrong(key.shown) }
        let reading = ReplyReading(reply, normalizer: normalizer)
        switch key.value {
        case .date(let date):
            if let grade = gradeDate(reading, date: date, key: key) { return grade }
        case .number(let number):
            if let grade = gradeNumber(reading, number: number, key: key) { return grade }
        case .terms(let terms):
            return gradeTerms(reading, normalizedReply, terms: terms, key: key)
        case .plain:
            break
        }
        return gradeSpelling(reading, normalizedReply, key: key)
    }

    /// Grades a reply against spellings: whole, then as an answer inside wrapping.
    func gradeSpelling(
        _ reading: ReplyReading, _ normalizedReply: NormalizedAnswer, key: AnswerKey,
        otherGroups: [[NormalizedAnswer]] = []
    ) -> Grade {
        let spellings = key.normalizedSpellings
        let shown = key.shown
        switch match(normalizedReply, against: spellings) {
        case .exact:
            let matched = key.spellings.indices.first { spellings[$0].isEquivalent(to: normalizedReply) }
            return Grade.accepted(.correct, shown, matched: matched.map { key.spellings[$0] })
        case .close(let distance):
            if namesSomethingElse(
                normalizedReply, distance: distance, rightNames: spellings, otherGroups: otherGroups)
            {
                return Grade.wrong(shown)
            }
            return Grade.accepted(.close, shown, matched: shown)
        case .none:
            return gradeWrapped(reading, spellings: spellings, key: key, otherGroups: otherGroups)
        }
    }
}
