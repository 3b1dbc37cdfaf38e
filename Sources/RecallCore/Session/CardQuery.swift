public import Foundation

/// A small query language for choosing cards: `kind:choice attr:established -state:new Moscow`.
///
/// Terms are separated by spaces; all must hold. `key:value` filters by a field, a leading `-`
/// negates a term, and a bare word must appear in the card's prompt or answer (case and accents
/// ignored). Keys: `deck`, `kind`, `attr` (the fact attribute or template topic), `type` (the
/// fact's value type), `fact`, `tag` (the card's own tags, kind, attribute, value type or source
/// section), `state` (`new`, `learning`, `review`, `relearning`, `due`, `suspended`, `buried`,
/// `leech`, as `CardStatus` defines them) and `wrong` (`today`, or a number of days).
public struct CardQuery: Sendable, Hashable {
    /// One condition of a query.
    public struct Term: Sendable, Hashable {
        public var key: Key?
        public var value: String
        public var isNegated: Bool
    }

    /// The fields a term can filter by.
    public enum Key: String, Sendable, Hashable, CaseIterable {
        case deck, kind, attr, type, fact, tag, state, wrong
    }

    /// What the query needs to know beyond the card itself.
    public struct Context: Sendable {
        /// The value type of a fact (`date`, `entity` …), by fact id.
        public var valueType: @Sendable (String) -> String?
        /// The learner's state words for a card (`new`, `review`, `due`, `suspended` …).
        public var states: @Sendable (Card) -> Set<String>
        /// Days since the card was last answered wrongly (0 for today), or nil.
        public var daysSinceWrong: @Sendable (Card) -> Int?

        public init(
            valueType: @escaping @Sendable (String) -> String? = { _ in nil },
            states: @escaping @Sendable (Card) -> Set<String> = { _ in ["new"] },
            daysSinceWrong: @escaping @Sendable (Card) -> Int? = { _ in nil }
        ) {
            self.valueType = valueType
            self.states = states
            self.daysSinceWrong = daysSinceWrong
        }
    }

    /// Why a query could not be read.
    public enum ParseError: LocalizedError, Equatable, Sendable, CustomStringConvertible {
        /// A `key:value` term names a key that does not exist.
        case unknownKey(String, suggestion: String?)
        /// A term such as `kind:` has no value.
        case emptyValue(String)

        public var description: String {
            switch self {
            case .unknownKey(let key, let suggestion):
                let known = Key.allCases.map(\.rawValue).joined(separator: ", ")
                return "unknown filter '\(key):'"
                    + (suggestion.map { "; did you mean '\($0):'?" } ?? "; filters are \(known)")
            case .emptyValue(let key): return "'\(key):' needs a value, e.g. '\(key):\(Self.example(key))'"
            }
        }

        public var errorDescription: String? { description }

        static func example(_ key: String) -> String {
            switch Key(rawValue: key) {
            case .kind: "choice"
            case .state: "due"
            case .wrong: "today"
            case .type: "date"
            default: "csto"
            }
        }
    }

    public var terms: [Term]

    /// Reads a query; an empty text matches every card.
    public init(_ text: String) throws(ParseError) {
        var terms: [Term] = []
        for word in text.split(whereSeparator: \.isWhitespace) {
            var word = Substring(word)
            let isNegated = word.hasPrefix("-") && word.count > 1
            if isNegated { word = word.dropFirst() }
            if let colon = word.firstIndex(of: ":"), colon != word.startIndex {
                let name = word[..<colon].lowercased()
                let value = String(word[word.index(after: colon)...])
                guard let key = Key(rawValue: name) else {
                    throw .unknownKey(
                        name, suggestion: Suggestion.closest(to: name, in: Key.allCases.map(\.rawValue)))
                }
                guard !value.isEmpty else { throw .emptyValue(name) }
                terms.append(Term(key: key, value: value.lowercased(), isNegated: isNegated))
            } else {
                terms.append(Term(key: nil, value: String(word), isNegated: isNegated))
            }
        }
        self.terms = terms
    }

    /// Whether `card` satisfies every term.
    public func matches(_ card: Card, in context: Context) -> Bool {
        terms.allSatisfy { term in holds(term, for: card, in: context) != term.isNegated }
    }

    /// Whether a card's own tag matches `value`, as Anki's `tag:` does: case and accents ignored,
    /// and a path tag (`Lang::Spanish::Vocab`) matched by each of its leading parts (`lang::spanish`).
    static func tag(_ tag: String, matches value: String) -> Bool {
        let parts = tag.components(separatedBy: "::").map(TextFold.fold)
        let wanted = value.components(separatedBy: "::").map(TextFold.fold)
        return wanted.count <= parts.count && Array(parts.prefix(wanted.count)) == wanted
    }

    private func holds(_ term: Term, for card: Card, in context: Context) -> Bool {
        let value = term.value
        switch term.key {
        case nil:
            return TextFold.containsWords(
                card.prompt + " " + card.answer + " " + card.choices.joined(separator: " "), value)
                || TextFold.fold(card.prompt).contains(TextFold.fold(value))
        case .deck: return card.deck.lowercased() == value
        case .kind: return card.kind.rawValue == value || (value == "tf" && card.kind == .trueFalse)
        case .attr: return card.topic.lowercased() == value
        case .type: return card.facts.contains { context.valueType($0) == value }
        case .fact:
            return card.facts.contains { $0.lowercased() == value || $0.lowercased().hasPrefix(value + "-") }
        case .tag:
            let section = card.source.split(separator: "§").last.map { TextFold.fold(String($0)) } ?? ""
            let tags: Set<String> = [card.kind.rawValue, card.topic.lowercased(), section]
            return tags.contains(TextFold.fold(value)) || tags.contains(value)
                || card.facts.contains { context.valueType($0) == value }
                || card.tags.contains { Self.tag($0, matches: value) }
        case .state: return context.states(card).contains(value)
        case .wrong:
            guard let days = context.daysSinceWrong(card) else { return false }
            if value == "today" { return days == 0 }
            return Int(value).map { days < $0 } ?? false
        }
    }
}

extension CardQuery.Context {
    /// The learner's cards as `board` sees them (the one definition of each state), with the value
    /// types of the decks' facts.
    public init(board: CardStatusBoard, decks: [Deck]) {
        let types = Dictionary(
            decks.flatMap { deck in deck.facts.map { ($0.id, $0.value.type.rawValue) } },
            uniquingKeysWith: { first, _ in first })
        self.init(
            valueType: { types[$0] }, states: { board.status(of: $0).words },
            daysSinceWrong: { board.status(of: $0).daysSinceWrong })
    }
}
