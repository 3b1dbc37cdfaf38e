/// Reads Anki text exports and spreadsheets: TSV or CSV, with or without Anki's `#key:value`
/// header lines, with or without a `front,back,…` header row.
///
/// Fields are quoted as Anki and RFC 4180 do (`"…"`, inner quotes doubled, line breaks inside
/// quotes). Columns come from `#columns:` or a header row; without either, the first two are
/// the front and the back.
struct DelimitedTextReader {
    let path: String
    /// The separator when the file's name says it (`.csv` comma, `.tsv` tab); detected otherwise.
    var separatorHint: Character?

    /// What the header lines and header row said.
    struct Layout {
        var separator: Character = "\t"
        var isHTML: Bool?
        var deckName: String?
        var front = 0
        var back = 1
        var guid: Int?
        var source: Int?
        /// Anki's `#notetype column`, `#deck column` and `#tags column` (0-based).
        var notetype: Int?
        var deck: Int?
        var tags: Int?
        /// Anki's `#tags:` header: tags for every row.
        var fileTags: [String] = []
        /// Whether the front and back columns were named (a header row or `#columns`).
        var named = false

        /// Columns that hold something other than card text.
        var reserved: Set<Int> { Set([guid, notetype, deck, tags].compactMap { $0 }) }

        /// Without names, the front and back are the first two columns not reserved for a GUID,
        /// note type, deck or tags (Anki's export puts those first).
        mutating func placeTextColumns() {
            guard !named else { return }
            let free = (0..<(reserved.max() ?? 0) + 3).filter { !reserved.contains($0) }
            front = free[0]
            back = free[1]
        }
    }

    struct Result {
        var cards: [ImportedCard]
        var deckName: String?
        /// Rows skipped because they lack a front or a back, by line number.
        var skippedLines: [Int] = []
        /// With a `#notetype column`: the notes and cards read, and the cards skipped and why.
        var report: ImportReport?
    }

    func read(_ text: String) throws(InterchangeError) -> Result {
        var layout = Layout()
        var rest = Substring(text)
        var headerLines = 0
        var metadata: [(key: String, value: String)] = []
        // Header lines come first; only they are split off, the body is parsed in one pass.
        while rest.hasPrefix("#") {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let body = rest[rest.index(after: rest.startIndex)..<end]
            if let colon = body.firstIndex(of: ":") {
                metadata.append(
                    (
                        String(body[..<colon]).trimmingWhitespace.lowercased(),
                        String(body[body.index(after: colon)...])
                    ))
            }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
            headerLines += 1
        }
        layout.separator = separator(metadata) ?? separatorHint ?? Self.detectSeparator(rest)
        applyMetadata(metadata, to: &layout)
        var rows = try Self.parse(
            String(rest), separator: layout.separator, path: path, firstLine: headerLines + 1)
        if let header = rows.first, applyHeaderRow(header.cells, to: &layout) {
            rows.removeFirst()
        }
        layout.placeTextColumns()
        var cards: [ImportedCard] = []
        var skipped: [Int] = []
        var decks: [String: Int] = [:]
        var notes = Notes()
        for row in rows {
            // Anki skips data lines starting with `#` (an unquoted `#`), and rows with an empty front.
            if row.startsWithHash { continue }
            let cells = row.cells
            guard cells.count > max(layout.front, layout.back) else {
                if cells.allSatisfy({ $0.trimmingWhitespace.isEmpty }) { continue }
                // As Anki does, a short row is skipped (and reported), not the whole file.
                skipped.append(row.line)
                continue
            }
            if let deck = layout.deck, deck < cells.count, !cells[deck].trimmingWhitespace.isEmpty {
                decks[cells[deck].trimmingWhitespace, default: 0] += 1
            }
            let guid = layout.guid.flatMap { $0 < cells.count ? cells[$0].trimmingWhitespace : nil }
            let typeName = layout.notetype.flatMap { $0 < cells.count ? cells[$0].trimmingWhitespace : nil }
            if let typeName, let type = Self.stockTypeIDs[typeName] {
                notes.add(row: row, type: type, guid: guid, layout: layout) {
                    field($0, layout: layout, as: .html)
                }
                continue
            }
            let front = field(cells[layout.front], layout: layout)
            let back = field(cells[layout.back], layout: layout)
            guard !front.isEmpty else { continue }
            let source = layout.source.flatMap { $0 < cells.count ? field(cells[$0], layout: layout) : nil }
            var card = ImportedCard(
                guid: guid, front: front, back: back, source: source?.isEmpty == false ? source : nil,
                origin: "\(path):\(row.line)")
            // Anki's tags: the `#tags:` header's, the row's deck path and its tags column.
            var tags = layout.fileTags
            if let deck = layout.deck, deck < cells.count { tags.append(cells[deck].trimmingWhitespace) }
            if let column = layout.tags, column < cells.count {
                tags += cells[column].split(whereSeparator: \.isWhitespace).map(String.init)
            }
            var seen: Set<String> = []
            card.tags = tags.filter {
                !$0.isEmpty && DeckYAMLWriter.isPlainTag($0) && seen.insert($0.lowercased()).inserted
            }
            if let typeName, !typeName.isEmpty { notes.unknownTypes[typeName, default: 0] += 1 }
            cards.append(card)
        }
        var report: ImportReport?
        if layout.notetype != nil {
            let rendered = notes.render(path: path, plainCards: cards.count)
            cards = Self.inFileOrder(plain: cards, rendered: rendered.cards)
            report = rendered.report
        }
        guard !cards.isEmpty || skipped.isEmpty else {
            throw .malformed(
                path: path, line: skipped[0],
                reason: "no row has both a front and a back (is the separator right?)")
        }
        let mainDeck = decks.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        return Result(
            cards: cards, deckName: layout.deckName ?? mainDeck, skippedLines: skipped, report: report)
    }

    /// The rows of a text export whose note type is one Anki ships (`AnkiNoteType.stock`), read
    /// as notes and turned into cards by `AnkiCardRenderer`, as the package importer does: each
    /// note is numbered by its line, and its Anki cards are those Anki generates for it.
    struct Notes {
        var notes: [Int64: AnkiPackageReader.Note] = [:]
        var order: [Int64] = []
        var decks: [Int64: String] = [:]
        /// Notes without a GUID column: their ids come from a hash of their fields instead.
        var withoutGUID: Set<Int64> = []
        /// Rows of note types recall does not know, read as front and back, by type name.
        var unknownTypes: [String: Int] = [:]

        mutating func add(
            row: Row, type: Int64, guid: String?, layout: Layout, field: (String) -> String
        ) {
            let id = Int64(row.line)
            let cells = row.cells
            let fields = cells.indices.filter { !layout.reserved.contains($0) }.map { field(cells[$0]) }
            var tags = layout.fileTags
            if let column = layout.tags, column < cells.count {
                tags += cells[column].split(whereSeparator: \.isWhitespace).map(String.init)
            }
            var noteGUID = guid ?? ""
            if noteGUID.isEmpty {
                withoutGUID.insert(id)
                noteGUID = "imported-" + StableHash.digest(fields.joined(separator: "\u{1F}")).prefix(12)
            }
            notes[id] = AnkiPackageReader.Note(guid: noteGUID, type: type, fields: fields, tags: tags)
            order.append(id)
            if let deck = layout.deck, deck < cells.count, !cells[deck].trimmingWhitespace.isEmpty {
                decks[id] = cells[deck].trimmingWhitespace
            }
        }

        /// The notes' cards, and the summary of the notes and cards read (with the `plainCards`
        /// rows of unknown or no note type).
        func render(path: String, plainCards: Int) -> (cards: [ImportedCard], report: ImportReport) {
            var renderer = AnkiCardRenderer(path: path, types: DelimitedTextReader.stockTypes, notes: notes)
            renderer.noteWord = "line"
            var report = ImportReport()
            report.isText = true
            var cardless: [Int64] = []
            for id in order {
                let ordinals = renderer.cardOrdinals(ofNote: id)
                if ordinals.isEmpty { cardless.append(id) }
                report.cardsRead += ordinals.count
                for ord in ordinals {
                    _ = renderer.add(.init(note: id, ord: ord), deck: decks[id])
                }
            }
            var cards = renderer.finish(into: &report)
            for index in cards.indices where cards[index].noteID.map(withoutGUID.contains) == true {
                cards[index].guid = nil
            }
            // A note Anki would make no card of (an empty question, a cloze without a gap).
            for id in cardless {
                let isCloze = notes[id].flatMap { DelimitedTextReader.stockTypes[$0.type] }?.kind == .cloze
                report.cardsRead += 1
                report.skipCard(
                    isCloze ? "a cloze without a gap" : "with an empty question", "\(path): line \(id)")
            }
            report.unknownNoteTypes = unknownTypes
            report.notesRead = order.count + plainCards
            report.cardsRead += plainCards
            report.cardsImported += plainCards
            return (cards, report)
        }
    }

    /// Anki's stock note types by id (1…), and their ids by name.
    static let stockTypes: [Int64: AnkiNoteType] = Dictionary(
        uniqueKeysWithValues: AnkiNoteType.stock.enumerated().map { (Int64($0.offset + 1), $0.element) })
    static let stockTypeIDs: [String: Int64] = Dictionary(
        uniqueKeysWithValues: stockTypes.map { ($0.value.name, $0.key) })

    /// The cards of plain rows and rendered notes, by line (a note's cards in template order).
    static func inFileOrder(plain: [ImportedCard], rendered: [ImportedCard]) -> [ImportedCard] {
        let keyed =
            plain.enumerated().map {
                (line: Self.line(of: $0.element), ord: Int64(0), index: $0.offset, card: $0.element)
            }
            + rendered.enumerated().map {
                (
                    line: Int($0.element.noteID ?? 0), ord: $0.element.ankiOrd ?? 0,
                    index: plain.count + $0.offset,
                    card: $0.element
                )
            }
        return keyed.sorted { ($0.line, $0.ord, $0.index) < ($1.line, $1.ord, $1.index) }.map(\.card)
    }

    /// The line a plain row's card was read from (its origin ends with `:LINE`).
    private static func line(of card: ImportedCard) -> Int {
        card.origin.split(separator: ":").last.flatMap { Int($0) } ?? 0
    }

    enum FieldForm { case text, html }

    /// A cell's text: as terminal text, or (`.html`) as an Anki field's HTML, plain text escaped.
    private func field(_ raw: String, layout: Layout, as form: FieldForm = .text) -> String {
        var text = raw
        // Undo CSVWriter's guard against formulas: `'=1+1` was written for `=1+1`.
        if text.hasPrefix("'"), let next = text.dropFirst().unicodeScalars.first,
            "=+-@".unicodeScalars.contains(next)
        {
            text.removeFirst()
        }
        let isHTML = layout.isHTML ?? HTMLText.looksLikeHTML(text)
        switch form {
        case .text: return isHTML ? HTMLText.plainText(text) : HTMLText.clean(text)
        case .html: return isHTML ? text : AnkiPackageWriter.html(text)
        }
    }

    private func separator(_ metadata: [(key: String, value: String)]) -> Character? {
        guard let value = metadata.last(where: { $0.key == "separator" })?.value else { return nil }
        switch value.trimmingWhitespace.lowercased() {
        case "tab": return "\t"
        case "comma": return ","
        case "semicolon": return ";"
        case "pipe": return "|"
        case "colon": return ":"
        case "space": return " "
        default: return value.first
        }
    }

    private func applyMetadata(_ metadata: [(key: String, value: String)], to layout: inout Layout) {
        for (key, value) in metadata {
            let trimmed = value.trimmingWhitespace
            switch key {
            case "html": layout.isHTML = trimmed.lowercased() == "true"
            case "deck": layout.deckName = trimmed.isEmpty ? nil : trimmed
            case "guid column": layout.guid = Self.column(trimmed)
            case "notetype column": layout.notetype = Self.column(trimmed)
            case "deck column": layout.deck = Self.column(trimmed)
            case "tags column": layout.tags = Self.column(trimmed)
            case "tags": layout.fileTags = trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
            case "columns":
                let labels = value.split(separator: layout.separator, omittingEmptySubsequences: false).map(
                    String.init)
                _ = applyHeaderRow(labels, to: &layout)
            default: break
            }
        }
    }

    /// A 1-based column number as an index; nil unless 1…1000.
    static func column(_ text: String) -> Int? {
        Int(text).flatMap { (1...1000).contains($0) ? $0 - 1 : nil }
    }

    /// Reads column labels (`Front`, `Back`, `GUID`, `Source`, …); false when they are not labels.
    private func applyHeaderRow(_ cells: [String], to layout: inout Layout) -> Bool {
        let labels = cells.map { $0.trimmingWhitespace.lowercased() }
        guard let front = labels.firstIndex(where: { ["front", "question", "text"].contains($0) }),
            let back = labels.firstIndex(where: { ["back", "answer", "back extra", "extra"].contains($0) })
        else { return false }
        layout.front = front
        layout.back = back
        layout.named = true
        layout.guid = labels.firstIndex(of: "guid") ?? layout.guid
        layout.notetype = labels.firstIndex(of: "notetype") ?? layout.notetype
        layout.deck = labels.firstIndex(of: "deck") ?? layout.deck
        layout.tags = labels.firstIndex(of: "tags") ?? layout.tags
        layout.source = labels.firstIndex(of: "source")
        return true
    }

    /// Tab when the first lines hold one, else the first of `|`, `;`, `,` found (Anki's order,
    /// without colon and space, which a URL or a sentence would trigger).
    static func detectSeparator(_ text: Substring) -> Character {
        let sample = text.prefix(8192)
        for candidate: Character in ["\t", "|", ";", ","] where sample.contains(candidate) {
            return candidate
        }
        return "\t"
    }

    struct Row {
        var cells: [String]
        var line: Int
        var startsWithHash: Bool
    }

    /// Rows of quoted or unquoted fields; a line break inside quotes stays in the field.
    ///
    /// Works on Unicode scalars (a `\r\n` pair is one line break), which is several times faster
    /// than walking grapheme clusters for files of many megabytes.
    static func parse(_ text: String, separator: Character, path: String, firstLine: Int)
        throws(InterchangeError) -> [Row]
    {
        let separatorScalar = separator.unicodeScalars.first ?? "\t"
        var rows: [Row] = []
        var cells: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var wasQuoted = false
        var firstCellQuoted = false
        var line = firstLine
        var rowLine = firstLine
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func endRow() {
            cells.append(String(field))
            if !(cells.count == 1 && cells[0].isEmpty && !wasQuoted) {
                rows.append(
                    Row(
                        cells: cells, line: rowLine,
                        startsWithHash: !firstCellQuoted && cells[0].hasPrefix("#")))
            }
            cells = []
            field = String.UnicodeScalarView()
            wasQuoted = false
            firstCellQuoted = false
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            let isCRLF = scalar == "\r" && index < scalars.count && scalars[index] == "\n"
            if isCRLF { index += 1 }
            let isNewline = scalar == "\n" || scalar == "\r"
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else if isNewline {
                    line += 1
                    field.append("\n")
                } else {
                    field.append(scalar)
                }
                continue
            }
            if scalar == "\"", field.isEmpty, !wasQuoted {
                inQuotes = true
                wasQuoted = true
                if cells.isEmpty { firstCellQuoted = true }
            } else if scalar == separatorScalar {
                cells.append(String(field))
                field = String.UnicodeScalarView()
                wasQuoted = false
            } else if isNewline {
                endRow()
                line += 1
                rowLine = line
            } else {
                field.append(scalar)
            }
        }
        if inQuotes {
            throw .malformed(
                path: path, line: rowLine, reason: "a quoted field is never closed (a '\"' is missing)")
        }
        if !field.isEmpty || !cells.isEmpty || wasQuoted { endRow() }
        return rows
    }
}
