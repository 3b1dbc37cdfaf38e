import Foundation

/// A card read from another tool's file, before it becomes a free-form card of a deck.
package struct ImportedCard: Sendable, Hashable {
    /// The card id in the deck: from the source's GUID when it has one, else a hash of the content.
    public var id: String
    public var front: String
    public var back: String
    public var source: String?
    /// Where in the input the card was read (a line, or a note id), for messages.
    public var origin: String
    /// The Anki note the card was read from, to attach its review history.
    var noteID: Int64?
    /// The Anki template the card was rendered from (nil for a cloze passage: all its cards).
    var ankiOrd: Int64?
    /// An Anki cloze passage: a cloze card whatever its back.
    var isCloze = false
    /// The Anki note's GUID as written (recall's export writes its card id there).
    var guid: String?
    /// The note's tags and the card's deck path (`Lang::Spanish::Vocab`), queryable with `tag:`.
    public var tags: [String] = []
    /// What an Anki cloze shows beside its answer (the "Back Extra" field), as terminal text.
    public var extra: String?
    /// The Anki note's modification time (seconds), for updates "if newer".
    public var modified: Int?

    public init(id: String, front: String, back: String, source: String? = nil, origin: String) {
        self.id = id
        self.front = front
        self.back = back
        self.source = source
        self.origin = origin
    }

    /// A card from a front and back, with its id from `guid` or, without one, from the content.
    public init(guid: String?, front: String, back: String, source: String?, origin: String) {
        let id: String
        if let guid, !guid.isEmpty {
            id = Self.identifier(fromGUID: guid)
        } else {
            id = "imported-" + StableHash.digest(front + "\u{1F}" + back).prefix(12)
        }
        self.init(id: id, front: front, back: back, source: source, origin: origin)
    }

    /// A deck id for a GUID: the GUID itself when it is a valid id (recall's own exports), else
    /// its letters and digits followed by a hash of the whole GUID, so distinct GUIDs stay distinct.
    static func identifier(fromGUID guid: String) -> String {
        let cleaned = String(
            guid.unicodeScalars.map { scalar -> Character in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "-_.".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "-"
            }.prefix(48))
        let trimmed = cleaned.drop { !$0.isLetter && !$0.isNumber }
        if trimmed == Substring(guid), guid.count <= 48 { return guid }
        return (trimmed.isEmpty ? "guid" : String(trimmed)) + "-" + StableHash.digest(guid).prefix(10)
    }

    /// The deck id of an imported Anki card: the note's GUID as an id (`identifier(fromGUID:)`)
    /// for its first template or its cloze passage, `…-card2` for the second template and so on.
    /// The one place imported Anki cards get their ids.
    static func ankiCardID(guid: String, noteID: Int64, ord: Int64?) -> String {
        let base = guid.isEmpty ? "anki-note-\(noteID)" : identifier(fromGUID: guid)
        guard let ord, ord > 0 else { return base }
        return "\(base)-card\(ord + 1)"
    }

    /// What the card becomes in a deck: a cloze when the front has `{{c1::…}}` gaps, multiple
    /// choice when the front ends with lettered options and the back is one of them, else a
    /// question and answer.
    public var freeCard: FreeCard {
        var card = plainFreeCard
        card.modified = modified
        return card
    }

    private var plainFreeCard: FreeCard {
        if isCloze {
            var card = FreeCard(id: id, content: .cloze(front), source: source, tags: tags)
            card.extra = extra
            return card
        }
        if back.isEmpty || back == front, case .success(let cloze) = Cloze.parse(front),
            !cloze.numbers.isEmpty
        {
            return FreeCard(id: id, content: .cloze(front), source: source, tags: tags)
        }
        if let (question, options) = Self.splitChoices(front), options.contains(back) {
            return FreeCard(
                id: id, content: .question(question, answer: back, aliases: []), choices: options,
                source: source, tags: tags)
        }
        return FreeCard(
            id: id, content: .question(front, answer: back, aliases: []), source: source, tags: tags)
    }

    /// `Question\na) X\nb) Y` → (`Question`, [X, Y]) when the last lines are options a), b), … in order.
    static func splitChoices(_ front: String) -> (String, [String])? {
        let lines = front.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var start = lines.count
        while start > 0 {
            let line = lines[start - 1]
            guard line.count >= 3, let first = line.first, line.dropFirst().hasPrefix(") "),
                letters.contains(first)
            else { break }
            start -= 1
        }
        let options = Array(lines[start...])
        guard options.count >= 2, start >= 1 else { return nil }
        for (index, option) in options.enumerated()
        where option.first != letters[min(index, letters.count - 1)] {
            return nil
        }
        let question = lines[..<start].joined(separator: "\n").trimmingWhitespace
        guard !question.isEmpty else { return nil }
        return (question, options.map { String($0.dropFirst(3)) })
    }
}

/// One answer from an Anki review log, before it becomes a `Review` of an imported card.
struct ImportedReview: Sendable, Hashable {
    /// The revlog row id (the review time in milliseconds), part of the review's stable id.
    var revlogID: Int64
    var noteID: Int64
    /// The card's template (or cloze number minus one) within its note.
    var ord: Int64
    /// The Anki card's id.
    var ankiCardID: Int64 = 0
    var at: Date
    var rating: Rating
    var seconds: Double
}
