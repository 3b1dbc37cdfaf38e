/// Plain CSV for spreadsheets: `front,back,kind,source,tags`, one card per row (RFC 4180).
///
/// A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return) gets a leading `'`, so opening an export never executes anything.
public struct CSVWriter: Sendable {
    public static let header = ["front", "back", "kind", "source", "tags"]

    public init() {}

    public func write(_ input: ExportInput) -> String {
        var rows = [Self.header]
        rows += input.notes.map { note in
            [note.front, note.back, note.kind.rawValue, note.source, note.tags.joined(separator: " ")]
        }
        return rows.map { $0.map { Self.quote(Self.neutralised($0)) }.joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n"
    }

    /// The cell with a leading `'` when a spreadsheet would read it as a formula.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else {
            return cell
        }
        return "'" + cell
    }

    /// The cell quoted when it holds a comma, a quote or a line break; inner quotes doubled.
    public static func quote(_ cell: String, separator: Character = ",") -> String {
        guard cell.contains(where: { $0 == separator || $0 == "\"" || $0.isNewline }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
