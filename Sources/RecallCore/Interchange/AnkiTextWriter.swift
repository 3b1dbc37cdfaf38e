/// Anki's text import format: tab-separated with header lines, so `File › Import` needs no choices.
///
/// The headers name the separator, say the fields are plain text (Anki escapes them and turns
/// line breaks into `<br>`), label the columns, pick the Basic notetype (present in every
/// collection: an unknown notetype silently falls back to it anyway), name the deck, and mark
/// the tags and GUID columns, so re-importing an updated export updates notes by GUID.
package struct AnkiTextWriter: Sendable {
    public static let columns = ["Front", "Back", "Tags", "GUID", "Source", "Kind"]

    public init() {}

    public func write(_ input: ExportInput) -> String {
        var lines = [
            "#separator:tab",
            "#html:false",
            "#columns:" + Self.columns.joined(separator: "\t"),
            "#notetype:Basic",
            "#deck:" + Self.headerValue(input.deck.name),
            "#tags column:3",
            "#guid column:4",
        ]
        for note in input.notes {
            let cells = [
                note.front, note.back, note.tags.joined(separator: " "), note.guid, note.source,
                note.kind.rawValue,
            ]
            lines.append(cells.map(Self.cell).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field quoted when it holds a tab, a quote or a line break, or starts with `#` (Anki
    /// skips data lines that start with `#` as comments).
    static func cell(_ text: String) -> String {
        if text.hasPrefix("#") || text.contains(where: { $0 == "\t" || $0 == "\"" || $0.isNewline }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// A header value on one line.
    static func headerValue(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
