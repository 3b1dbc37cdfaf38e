/// Plain CSV for spreadsheets: `front,back,kind,source,tags`, one card per row (RFC 4180).
///
/// Cells go through `CSVField`, so a cell a spreadsheet would run as a formula is neutralised.
package struct CSVWriter: Sendable {
    public static let header = ["front", "back", "kind", "source", "tags"]

    public init() {}

    public func write(_ input: ExportInput) -> String {
        var rows = [Self.header]
        rows += input.notes.map { note in
            [note.front, note.back, note.kind.rawValue, note.source, note.tags.joined(separator: " ")]
        }
        return rows.map { $0.map { CSVField.encoded($0) }.joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n"
    }
}
