/// Grades what a learner typed against a card.
///
/// Typed answers (and reverse, cloze and free cards) are compared after `Normalizer` has removed
/// case, accents, punctuation, articles, hedges and number spelling; a small typo is accepted as
/// `close` (0 edits below 5 characters, 1 from 5, 2 from 10), unless the reply is a different number
/// or names — or is at least as near to — another thing in the deck's vocabulary: `Zambia` for
/// `Gambia` is a wrong answer, not a typo. Sets, choices, true/false and ordering have their own
/// rules (see `gradeSet`, `gradeChoice`, `gradeTrueFalse`, `gradeOrder`).
///
/// The checker reads only the first `Normalizer.maximumLength` Unicode scalars of a reply.
public struct AnswerChecker: Sendable {
    let normalizer = Normalizer()
    /// Every thing in the deck, each as its normalized names.
    let vocabulary: [[NormalizedAnswer]]

    /// - Parameter vocabulary: the names of each thing in the deck (an entity's display name, then
    ///   its aliases), used to tell a near miss between two real names from a typo.
    public init(vocabulary: [[String]] = []) {
        let normalizer = Normalizer()
        self.vocabulary = vocabulary.map { names in
            names.map(normalizer.normalize).filter { !$0.isEmpty }
        }.filter { !$0.isEmpty }
    }

    /// Grades `reply` by the rules of `card.kind`.
    public func grade(_ reply: String, for card: Card) -> Grade {
        switch card.kind {
        case .typed, .reverse, .cloze, .free:
            let accepted = card.accepted.isEmpty ? [card.answer] : card.accepted
            let shown = card.answer.isEmpty ? (accepted.first ?? "") : card.answer
            return grade(reply, accepting: accepted, shown: shown)
        case .choice:
            guard let answerIndex = card.answerIndex else {
                return Grade(verdict: .wrong, score: 0, expected: card.answer)
            }
            return gradeChoice(reply, choices: card.choices, answerIndex: answerIndex)
        case .trueFalse:
            guard let truth = Self.truthValue(of: card.answer) else {
                return grade(reply, accepting: [card.answer])
            }
            return gradeTrueFalse(reply, answer: truth)
        case .set:
            return gradeSet(reply, items: card.items)
        case .order:
            return gradeOrder(reply, choices: card.choices, order: card.order)
        }
    }

    /// Grades a typed reply against the accepted spellings, the canonical one first.
    ///
    /// - Returns: `correct` when the reply equals a spelling after normalization, `close` when it
    ///   is a typo of one (with the canonical spelling in `expected`), `wrong` otherwise.
    public func grade(_ reply: String, accepting accepted: [String]) -> Grade {
        grade(reply, accepting: accepted, shown: accepted.first ?? "")
    }

    func grade(_ reply: String, accepting accepted: [String], shown: String) -> Grade {
        let wrong = Grade(verdict: .wrong, score: 0, expected: shown)
        let normalizedReply = normalizer.normalize(reply)
        guard !normalizedReply.isEmpty else { return wrong }
        let spellings = accepted.map(normalizer.normalize).filter { !$0.isEmpty }
        switch match(normalizedReply, against: spellings) {
        case .exact:
            return Grade(verdict: .correct, score: 1, expected: shown)
        case .close(let distance):
            if namesSomethingElse(normalizedReply, distance: distance, rightNames: spellings) {
                return wrong
            }
            return Grade(verdict: .close, score: 1, expected: shown)
        case .none:
            return wrong
        }
    }
}
