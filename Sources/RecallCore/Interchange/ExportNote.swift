/// A card as other tools see it: a front, a back, where it comes from, its kind and tags.
///
/// Every export format writes these; every importer reads them back. The GUID is the card id,
/// so a re-exported deck updates the notes a learner already has instead of duplicating them.
public struct ExportNote: Sendable, Hashable {
    /// The card id: stable across edits that keep the fact's id, so it is also the Anki note GUID.
    public var guid: String
    public var kind: Card.Kind
    /// The question, with the options of a multiple-choice or ordering card on their own lines.
    public var front: String
    public var back: String
    public var source: String
    /// `recall`, `deck::<id>`, `kind::<kind>`, `topic::<topic>`, then the card's own tags: no
    /// spaces, as Anki requires.
    public var tags: [String]

    public init(guid: String, kind: Card.Kind, front: String, back: String, source: String, tags: [String]) {
        self.guid = guid
        self.kind = kind
        self.front = front
        self.back = back
        self.source = source
        self.tags = tags
    }

    /// The note for a generated card.
    public init(card: Card) {
        var front = card.prompt
        if !card.choices.isEmpty {
            front += "\n" + Self.lettered(card.choices).joined(separator: "\n")
        }
        self.init(
            guid: card.id, kind: card.kind, front: front, back: card.answer, source: card.source,
            tags: ["recall", "deck::" + Self.tag(card.deck), "kind::" + card.kind.rawValue]
                + (card.topic.isEmpty ? [] : ["topic::" + Self.tag(card.topic)]) + card.tags.map(Self.tag))
    }

    /// `a) Moscow`, `b) Minsk` …; past `z`, numbers.
    public static func lettered(_ options: [String]) -> [String] {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return options.enumerated().map { index, option in
            "\(index < letters.count ? String(letters[index]) : String(index + 1))) \(option)"
        }
    }

    /// A tag without whitespace (Anki splits tags on spaces).
    static func tag(_ text: String) -> String {
        String(text.map { $0.isWhitespace ? "_" : $0 })
    }
}

/// What is exported: a deck, its cards, and each card as a note (front, back, source, tags).
public struct ExportInput: Sendable {
    public var deck: Deck
    public var cards: [Card]
    public var notes: [ExportNote]

    public init(deck: Deck, cards: [Card]) {
        self.deck = deck
        self.cards = cards
        notes = cards.map(ExportNote.init(card:))
    }
}
