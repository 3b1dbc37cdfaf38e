/// Warnings about generated cards that a careful reader would catch: a prompt or option that
/// contains the answer of another fact's card, a year question on a month date, a fact without a
/// statement (its why line is a raw `subject: value`), template output with an unfilled
/// placeholder, and year options whose answer is always the earliest or the latest.
enum CardLint {
    /// Seeds over which option order and distractors are checked.
    static let seeds: [UInt64] = Array(0..<8)

    static func warnings(deck: Deck, cards: [Card]) -> [Diagnostic] {
        let facts = Dictionary(deck.facts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [Diagnostic] = []
        func warn(_ card: Card, _ message: String) {
            let location =
                card.facts.first.flatMap { facts[$0]?.location } ?? SourceLocation(line: 1, column: 1)
            found.append(Diagnostic(.warning, file: deck.path, at: location, "card '\(card.id)': \(message)"))
        }
        let answers = leakableAnswers(cards, facts: facts)
        for card in cards {
            var reported: Set<String> = []
            for presentation in card.presentations {
                let texts = [presentation.prompt] + presentation.body.options
                for text in texts {
                    let folded = TextFold.fold(text)
                    if let (other, answer) = answers.first(where: { other, answer in
                        other.siblingKey != card.siblingKey && TextFold.containsWords(folded: folded, answer)
                    }), reported.insert(answer).inserted {
                        warn(
                            card,
                            "its \(presentation.style.rawValue) presentation shows '\(answer)', the answer of card '\(other.id)'"
                        )
                    }
                    if hasPlaceholder(text), reported.insert(text).inserted {
                        warn(card, "'\(text)' has a placeholder the template did not fill")
                    }
                }
            }
            guard let fact = card.facts.first.flatMap({ facts[$0] }), card.facts.count == 1 else { continue }
            if case .date(let date) = fact.value, date.month != nil, card.direction == .forward,
                TextFold.fold(card.prompt).contains("what year")
            {
                warn(card, "asks for a year, but the fact's date has a month: ask 'when (month and year)'")
            }
            if card.direction == .forward, deck.attribute(fact.attribute)?.statement == nil,
                fact.statement == nil
            {
                if case .passage = fact.value {
                } else {
                    warn(card, "its fact has no 'statement', so the why line reads '\(card.why)'")
                }
            }
        }
        found += extremeYearAnswers(deck: deck)
        return found
    }

    /// Answers that give a card away when another card prints them: texts and gaps (not names
    /// of entities or years, which prompts must use), and a set's whole list of elements.
    static func leakableAnswers(_ cards: [Card], facts: [String: Fact]) -> [(Card, String)] {
        cards.flatMap { card -> [(Card, String)] in
            guard let fact = card.facts.first.flatMap({ facts[$0] }) else { return [] }
            switch (card.body, fact.value) {
            case (.cloze(let accepted), _), (.typed(let accepted), .text):
                // One word ("security") is vocabulary that names use too; a phrase is an answer.
                return accepted.prefix(1).filter { TextFold.fold($0).split(separator: " ").count >= 2 }
                    .map { (card, $0) }
            case (.set(let items), _) where items.count >= 2:
                return [(card, DeckIndex.list(items.compactMap(\.first)))]
            default:
                return []
            }
        }
    }

    /// Whether the text still holds a `{name}` placeholder.
    static func hasPlaceholder(_ text: String) -> Bool {
        !Template.placeholders(in: text).isEmpty
    }

    /// Year choices whose right answer is the earliest (or the latest) option at every seed.
    static func extremeYearAnswers(deck: Deck) -> [Diagnostic] {
        var earliest: [String: Int] = [:]
        var latest: [String: Int] = [:]
        var seen: [String: Int] = [:]
        var locations: [String: SourceLocation] = [:]
        for seed in seeds {
            for card in QuestionGenerator(seed: seed).generate(deck).cards {
                guard let choice = card.presented(as: .choose), card.direction == .forward,
                    let answer = Int(choice.answer)
                else { continue }
                let years = choice.choices.compactMap { Int($0) }
                guard years.count == choice.choices.count else { continue }
                seen[card.id, default: 0] += 1
                if years.min() == answer { earliest[card.id, default: 0] += 1 }
                if years.max() == answer { latest[card.id, default: 0] += 1 }
                locations[card.id] = card.facts.first.flatMap { id in
                    deck.facts.first { $0.id == id }?.location
                }
            }
        }
        return seen.keys.sorted().compactMap { id in
            let count = seen[id] ?? 0
            guard earliest[id] == count || latest[id] == count else { return nil }
            let side = earliest[id] == count ? "earliest" : "latest"
            return Diagnostic(
                .warning, file: deck.path, at: locations[id] ?? SourceLocation(line: 1, column: 1),
                "card '\(id)': the right year is the \(side) option at every seed, which gives it away")
        }
    }
}
