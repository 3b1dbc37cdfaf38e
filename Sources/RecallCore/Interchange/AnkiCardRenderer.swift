import Foundation

/// Turns the Anki cards of a collection into imported cards: one per Anki card of a normal note
/// type (rendered from its template), one cloze passage per cloze note (its Anki cards are the
/// passage's gaps). Cards text cannot ask are skipped and counted.
struct AnkiCardRenderer {
    let path: String
    let types: [Int64: AnkiNoteType]
    let notes: [Int64: AnkiPackageReader.Note]
    /// How a note is named in messages: `note` (a package's note id), `line` (a text file's row).
    var noteWord = "note"
    private var cards: [ImportedCard] = []
    /// Cloze notes seen, with the gap numbers their Anki cards ask.
    private var clozeNotes: [Int64: Set<Int>] = [:]
    private var clozeOrder: [Int64] = []
    private var skipped: [(reason: String, detail: String)] = []
    /// The home deck of the card being added, and of each cloze note's first card.
    private var currentDeck: String?
    private var clozeDecks: [Int64: String] = [:]
    /// The Anki flag colour (1–7) of the card being added, and the flags of each cloze note's cards.
    private var currentFlag = 0
    private var clozeFlags: [Int64: Set<Int>] = [:]

    /// Each note type's templates, parsed once.
    private let parsed: [Int64: [(question: AnkiTemplate, answer: AnkiTemplate)]]

    init(path: String, types: [Int64: AnkiNoteType], notes: [Int64: AnkiPackageReader.Note]) {
        self.path = path
        self.types = types
        self.notes = notes
        parsed = types.mapValues { type in
            type.templates.map { (AnkiTemplate(source: $0.question), AnkiTemplate(source: $0.answer)) }
        }
    }

    /// Adds one Anki card; false when it is skipped (its history is then skipped too).
    mutating func add(_ key: AnkiPackageReader.CardKey, deck: String? = nil, flag: Int = 0) -> Bool {
        currentDeck = deck
        currentFlag = flag
        let detail = "\(path): \(noteWord) \(key.note) card \(key.ord + 1)"
        guard let note = notes[key.note] else {
            skipped.append(("without its note", detail))
            return false
        }
        guard let type = types[note.type] else {
            skipped.append(("of a note type the package lacks", detail))
            return false
        }
        if type.isImageOcclusion {
            skipped.append(("Image Occlusion (it needs its image)", detail))
            return false
        }
        var fields: [String: String] = [:]
        for (index, name) in type.fields.enumerated() {
            fields[name] = index < note.fields.count ? note.fields[index] : ""
        }
        switch type.kind {
        case .cloze:
            if clozeNotes[key.note] == nil {
                clozeOrder.append(key.note)
                clozeNotes[key.note] = []
                clozeDecks[key.note] = deck
            }
            clozeNotes[key.note]?.insert(Int(key.ord) + 1)
            if flag != 0 { clozeFlags[key.note, default: []].insert(flag) }
            return clozeCardExists(key, note: note, type: type, fields: fields, detail: detail)
        case .normal:
            guard key.ord < type.templates.count else {
                skipped.append(("of a template the note type lacks", detail))
                return false
            }
            if type.fields == AnkiPackageWriter.fieldNames, key.ord == 0 {
                // recall's own export: the question and answer are fields, the template adds the kind.
                return addCard(
                    key, note: note, front: HTMLText.terminalText(fields["Front"] ?? ""),
                    back: HTMLText.terminalText(fields["Back"] ?? ""), detail: detail)
            }
            guard let template = parsed[note.type]?[Int(key.ord)] else { return false }
            let question = template.question.render(fields: fields, side: .question)
            let answer = template.answer.render(
                fields: fields, side: .answer, frontSide: question.html)
            let front = HTMLText.terminalText(question.html)
            let back: String
            if let typed = question.typedField ?? answer.typedField {
                back = HTMLText.terminalText(fields[typed] ?? "")
            } else {
                back = Self.answerText(answer.html, front: front)
            }
            return addCard(key, note: note, front: front, back: back, detail: detail)
        }
    }

    /// The template ordinals (cloze numbers minus one) of the Anki cards a note has, as Anki
    /// generates them: a template whose question is not empty, a cloze number in the cloze field.
    /// For notes that come without their cards (a text export).
    func cardOrdinals(ofNote id: Int64) -> [Int64] {
        guard let note = notes[id], let type = types[note.type] else { return [] }
        var fields: [String: String] = [:]
        for (index, name) in type.fields.enumerated() {
            fields[name] = index < note.fields.count ? note.fields[index] : ""
        }
        switch type.kind {
        case .cloze:
            guard let field = clozeField(type, fields: fields) else { return [] }
            return Cloze.ankiNumbers(fields[field] ?? "").sorted().map { Int64($0 - 1) }
        case .normal:
            return (parsed[note.type] ?? []).indices.filter { ord in
                guard let template = parsed[note.type]?[ord] else { return false }
                let question = template.question.render(fields: fields, side: .question)
                return !HTMLText.isEmptyOrSpace(question.html)
            }.map(Int64.init)
        }
    }

    private mutating func addCard(
        _ key: AnkiPackageReader.CardKey, note: AnkiPackageReader.Note, front: String, back: String,
        detail: String
    ) -> Bool {
        guard !front.isEmpty else {
            skipped.append(("with an empty question", detail))
            return false
        }
        guard !back.isEmpty else {
            skipped.append(("with an empty answer", detail))
            return false
        }
        var card = ImportedCard(
            id: ImportedCard.ankiCardID(guid: note.guid, noteID: key.note, ord: key.ord),
            front: front, back: back, origin: detail)
        card.noteID = key.note
        card.ankiOrd = key.ord
        card.guid = key.ord == 0 ? note.guid : nil
        // The deck tree is kept: a card outside the main deck names its deck (`A::B`) as its source.
        card.source = currentDeck
        card.tags = Self.tags(of: note, deck: currentDeck, flags: [currentFlag])
        card.modified = note.modified
        cards.append(card)
        return true
    }

    /// Whether cloze card `key` has its gap in the note's cloze field.
    private func clozeCardExists(
        _ key: AnkiPackageReader.CardKey, note: AnkiPackageReader.Note, type: AnkiNoteType,
        fields: [String: String], detail: String
    ) -> Bool {
        guard let field = clozeField(type, fields: fields) else { return false }
        return Cloze.ankiNumbers(fields[field] ?? "").contains(Int(key.ord) + 1)
    }

    private func clozeField(_ type: AnkiNoteType, fields: [String: String]) -> String? {
        guard let template = type.templates.first else { return nil }
        return AnkiTemplate(source: template.question).render(fields: fields, side: .question, cloze: 1)
            .clozeField
    }

    /// The fields a cloze note type shows only on the answer side (the stock type's "Back Extra").
    static func answerOnlyFields(of type: AnkiNoteType, except cloze: String) -> [String] {
        guard let template = type.templates.first else { return [] }
        return type.fields.filter { name in
            name != cloze && template.answer.contains("{{\(name)}}")
                && !template.question.contains("{{\(name)}}")
        }
    }

    /// Anki's flag colours by number: a flagged card gets the tag `flag::red` (`tag:flag` finds
    /// every flagged card).
    static let flagNames = [
        1: "red", 2: "orange", 3: "green", 4: "blue", 5: "pink", 6: "turquoise", 7: "purple",
    ]

    /// A card's tags: its deck's path, then the note's own tags (Anki's `marked` and `leech` are
    /// Anki's bookkeeping, kept like any other), each once.
    static func tags(of note: AnkiPackageReader.Note, deck: String?, flags: Set<Int> = []) -> [String] {
        var seen: Set<String> = []
        let flagTags = flags.sorted().compactMap { flagNames[$0].map { "flag::" + $0 } }
        return ([deck].compactMap { $0 } + note.tags + flagTags).filter { tag in
            !tag.isEmpty && DeckYAMLWriter.isPlainTag(tag) && seen.insert(tag.lowercased()).inserted
        }
    }

    /// The answer side's own text: what follows `{{FrontSide}}` (and its `<hr id=answer>`), or,
    /// without one, the whole side less a repeated question.
    static func answerText(_ html: String, front: String) -> String {
        if html.unicodeScalars.contains("\u{E000}"), let marker = html.range(of: AnkiTemplate.frontSideMarker)
        {
            var after = html[marker.upperBound...]
            if let rule = after.firstRange(of: "<hr id=answer>")
                ?? after.range(of: "<hr id=answer>", options: .caseInsensitive)
                ?? after.range(of: "<hr id=\"answer\">", options: .caseInsensitive)
            {
                after = after[rule.upperBound...]
            }
            return HTMLText.terminalText(String(after))
        }
        let text = HTMLText.terminalText(html)
        if text.hasPrefix(front) { return String(text.dropFirst(front.count)).trimmingWhitespace }
        return text
    }

    /// The imported cards (cloze passages after the template cards), with skipped cards counted.
    mutating func finish(into report: inout ImportReport) -> [ImportedCard] {
        var result = cards
        for noteID in clozeOrder {
            guard let note = notes[noteID], let type = types[note.type] else { continue }
            var fields: [String: String] = [:]
            for (index, name) in type.fields.enumerated() {
                fields[name] = index < note.fields.count ? note.fields[index] : ""
            }
            let numbers = clozeNotes[noteID] ?? []
            let detail = "\(path): \(noteWord) \(noteID)"
            guard let field = clozeField(type, fields: fields) else {
                for _ in numbers { skipped.append(("a cloze without a cloze field", detail)) }
                continue
            }
            let passage = HTMLText.terminalText(fields[field] ?? "")
            guard case .success(let cloze) = Cloze.parse(passage), !cloze.numbers.isEmpty else {
                for _ in numbers { skipped.append(("a cloze recall cannot read (nested gaps)", detail)) }
                continue
            }
            let missing = numbers.subtracting(cloze.numbers)
            for _ in missing { skipped.append(("a cloze card whose gap is not in the text", detail)) }
            var card = ImportedCard(
                id: ImportedCard.ankiCardID(guid: note.guid, noteID: noteID, ord: nil), front: passage,
                back: "", origin: detail)
            card.noteID = noteID
            card.isCloze = true
            card.source = clozeDecks[noteID]
            card.tags = Self.tags(of: note, deck: clozeDecks[noteID], flags: clozeFlags[noteID] ?? [])
            card.modified = note.modified
            let extra = Self.answerOnlyFields(of: type, except: field).map {
                HTMLText.terminalText(fields[$0] ?? "")
            }
            .filter { !$0.isEmpty }.joined(separator: "\n")
            card.extra = extra.isEmpty ? nil : extra
            result.append(card)
        }
        for item in skipped { report.skipCard(item.reason, item.detail) }
        report.cardsImported = report.cardsRead - skipped.count
        return result
    }
}
