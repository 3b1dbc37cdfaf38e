import Foundation

/// An Anki note type as the collection defines it: its fields and card templates, read from the
/// legacy `col.models` JSON (schema 11) or the `notetypes`/`fields`/`templates` tables (schema 18,
/// with protobuf configs).
struct AnkiNoteType {
    enum Kind { case normal, cloze }

    struct CardTemplate {
        var name: String
        var question: String
        var answer: String
    }

    var name: String
    var kind: Kind
    var fields: [String]
    var templates: [CardTemplate]

    /// Image Occlusion: cloze cards over masked regions of an image, which text cannot ask.
    var isImageOcclusion: Bool {
        templates.contains { $0.question.contains("image-occlusion") }
    }

    /// The note types by id, from whichever schema the collection has.
    static func all(in db: SQLiteDatabase, tables: Set<String>) throws(InterchangeError) -> [Int64:
        AnkiNoteType]
    {
        if tables.isSuperset(of: ["notetypes", "fields", "templates"]) {
            return try fromTables(db)
        }
        return try fromJSON(db)
    }

    private static func fromTables(_ db: SQLiteDatabase) throws(InterchangeError) -> [Int64: AnkiNoteType] {
        var types: [Int64: AnkiNoteType] = [:]
        try db.forEachRow("SELECT id, name, config FROM notetypes") { row throws(InterchangeError) in
            guard let id = row[0].integer else { return }
            let config = ProtobufReader.fields(row[2].bytes) ?? []
            let kind: Kind = ProtobufReader.varint(1, in: config) == 1 ? .cloze : .normal
            types[id] = AnkiNoteType(name: row[1].text ?? "", kind: kind, fields: [], templates: [])
        }
        var fields: [Int64: [(Int64, String)]] = [:]
        try db.forEachRow("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord") {
            row throws(InterchangeError) in
            guard let type = row[0].integer, let ord = row[1].integer else { return }
            fields[type, default: []].append((ord, row[2].text ?? ""))
        }
        var templates: [Int64: [(Int64, CardTemplate)]] = [:]
        try db.forEachRow("SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord") {
            row throws(InterchangeError) in
            guard let type = row[0].integer, let ord = row[1].integer else { return }
            let config = ProtobufReader.fields(row[3].bytes) ?? []
            templates[type, default: []].append(
                (
                    ord,
                    CardTemplate(
                        name: row[2].text ?? "", question: ProtobufReader.string(1, in: config) ?? "",
                        answer: ProtobufReader.string(2, in: config) ?? "")
                ))
        }
        for id in types.keys {
            types[id]?.fields = Self.ordered(fields[id] ?? [], blank: "")
            types[id]?.templates = Self.ordered(
                templates[id] ?? [], blank: CardTemplate(name: "", question: "", answer: ""))
        }
        return types
    }

    private static func fromJSON(_ db: SQLiteDatabase) throws(InterchangeError) -> [Int64: AnkiNoteType] {
        guard let json = try db.query("SELECT models FROM col LIMIT 1").first?.first?.text,
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        else { return [:] }
        var types: [Int64: AnkiNoteType] = [:]
        for (key, value) in object {
            guard let id = Int64(key), let model = value as? [String: Any] else { continue }
            let fields = (model["flds"] as? [[String: Any]] ?? []).map { field in
                (Int64(field["ord"] as? Int ?? 0), field["name"] as? String ?? "")
            }
            let templates = (model["tmpls"] as? [[String: Any]] ?? []).map { template in
                (
                    Int64(template["ord"] as? Int ?? 0),
                    CardTemplate(
                        name: template["name"] as? String ?? "", question: template["qfmt"] as? String ?? "",
                        answer: template["afmt"] as? String ?? "")
                )
            }
            types[id] = AnkiNoteType(
                name: model["name"] as? String ?? "", kind: (model["type"] as? Int) == 1 ? .cloze : .normal,
                fields: ordered(fields, blank: ""),
                templates: ordered(templates, blank: CardTemplate(name: "", question: "", answer: "")))
        }
        return types
    }

    /// Values placed at their `ord` (gaps filled with `blank`); bounded so a hostile ord cannot
    /// allocate without limit.
    private static func ordered<T>(_ items: [(Int64, T)], blank: T) -> [T] {
        let valid = items.filter { (0..<1000).contains($0.0) }
        guard let last = valid.map(\.0).max() else { return [] }
        var result = [T](repeating: blank, count: Int(last) + 1)
        for (ord, item) in valid { result[Int(ord)] = item }
        return result
    }
}

/// An Anki deck: its full name (`A::B`) and whether it is a filtered deck.
struct AnkiDeck {
    var name: String
    var isFiltered: Bool

    static func all(in db: SQLiteDatabase, tables: Set<String>) throws(InterchangeError) -> [Int64: AnkiDeck]
    {
        var decks: [Int64: AnkiDeck] = [:]
        if tables.contains("decks") {
            try db.forEachRow("SELECT id, name, kind FROM decks") { row throws(InterchangeError) in
                guard let id = row[0].integer else { return }
                let kind = ProtobufReader.fields(row[2].bytes) ?? []
                decks[id] = AnkiDeck(
                    name: (row[1].text ?? "").replacingOccurrences(of: "\u{1F}", with: "::"),
                    isFiltered: !ProtobufReader.bytes(2, in: kind).isEmpty)
            }
            return decks
        }
        guard let json = try db.query("SELECT decks FROM col LIMIT 1").first?.first?.text,
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        else { return [:] }
        for (key, value) in object {
            if let id = Int64(key), let deck = value as? [String: Any], let name = deck["name"] as? String {
                decks[id] = AnkiDeck(name: name, isFiltered: (deck["dyn"] as? Int ?? 0) != 0)
            }
        }
        return decks
    }
}

extension SQLiteDatabase.Value {
    /// The value's bytes (a blob, or text as UTF-8); empty for null and integers.
    var bytes: [UInt8] {
        switch self {
        case .blob(let bytes): bytes
        case .text(let text): Array(text.utf8)
        default: []
        }
    }
}

extension AnkiNoteType {
    /// The note types Anki ships, with their fields and templates as a new collection has them
    /// (English names): what a text export's `#notetype column` names without carrying the
    /// templates, so its rows render as the package importer renders the same notes.
    static let stock: [AnkiNoteType] = {
        let answer = "{{FrontSide}}\n\n<hr id=answer>\n\n"
        let forward = CardTemplate(name: "Card 1", question: "{{Front}}", answer: answer + "{{Back}}")
        return [
            AnkiNoteType(name: "Basic", kind: .normal, fields: ["Front", "Back"], templates: [forward]),
            AnkiNoteType(
                name: "Basic (and reversed card)", kind: .normal, fields: ["Front", "Back"],
                templates: [
                    forward, CardTemplate(name: "Card 2", question: "{{Back}}", answer: answer + "{{Front}}"),
                ]),
            AnkiNoteType(
                name: "Basic (optional reversed card)", kind: .normal,
                fields: ["Front", "Back", "Add Reverse"],
                templates: [
                    forward,
                    CardTemplate(
                        name: "Card 2", question: "{{#Add Reverse}}{{Back}}{{/Add Reverse}}",
                        answer: answer + "{{Front}}"),
                ]),
            AnkiNoteType(
                name: "Basic (type in the answer)", kind: .normal, fields: ["Front", "Back"],
                templates: [
                    CardTemplate(
                        name: "Card 1", question: "{{Front}}\n\n{{type:Back}}",
                        answer: "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}")
                ]),
            AnkiNoteType(
                name: "Cloze", kind: .cloze, fields: ["Text", "Back Extra"],
                templates: [
                    CardTemplate(
                        name: "Cloze", question: "{{cloze:Text}}",
                        answer: "{{cloze:Text}}<br>\n{{Back Extra}}")
                ]),
        ]
    }()
}
