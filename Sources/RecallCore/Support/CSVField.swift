/// One cell of RFC 4180 CSV, as spreadsheets read it: shared by the deck export and the class
/// report, which both hand text from decks and learners to a spreadsheet.
package enum CSVField {
    /// The cell with a leading `'` when a spreadsheet would read it as a formula (it starts with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return), so opening a file never executes anything.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else {
            return cell
        }
        return "'" + cell
    }

    /// The cell quoted when it holds the separator, a quote or a line break; inner quotes doubled.
    public static func quote(_ cell: String, separator: Character = ",") -> String {
        guard cell.contains(where: { $0 == separator || $0 == "\"" || $0.isNewline }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The cell made safe for a spreadsheet, then quoted.
    public static func encoded(_ cell: String, separator: Character = ",") -> String {
        quote(neutralised(cell), separator: separator)
    }
}
