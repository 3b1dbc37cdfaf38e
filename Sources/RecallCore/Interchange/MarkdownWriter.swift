/// Readable Markdown, one card per block: `Q:`/`A:` for questions, `C:` with `[gap]` for cloze.
///
/// This is the plain-text flashcard convention of hashcards, so the file can be printed, kept in
/// a notes repository, or studied with that tool; `recall import` reads it back. A `C:` line
/// brackets only one answer (repeated where the word recurs): hashcards makes a card of each
/// distinct bracketed text, so a card hiding two different answers at once is written as `Q:`/`A:`.
package struct MarkdownWriter: Sendable {
    public init() {}

    /// Only cards: hashcards files may hold nothing but `Q:`/`A:`/`C:` blocks (no headings), so
    /// the deck's name is the file's name.
    public func write(_ input: ExportInput) -> String {
        input.notes.map(Self.block).joined(separator: "\n\n") + "\n"
    }

    /// One card: a cloze line when the gaps can be written as `[answer]`, else a question.
    static func block(_ note: ExportNote) -> String {
        if note.kind == .cloze, let line = clozeLine(note) { return "C: " + escaped(line) }
        return "Q: " + escaped(note.front) + "\nA: " + escaped(note.back)
    }

    static let clozePrefix = "Fill the gap: "
    static let gapMark = "[…]"

    /// `The CSTO was [established] in 2002.` from the prompt with `[…]` and its answers.
    static func clozeLine(_ note: ExportNote) -> String? {
        guard note.front.hasPrefix(clozePrefix) else { return nil }
        let text = String(note.front.dropFirst(clozePrefix.count))
        let pieces = text.components(separatedBy: gapMark)
        let gaps = pieces.count - 1
        let answers = note.back.components(separatedBy: " … ")
        guard gaps >= 1, answers.count == 1,
            !pieces.contains(where: { $0.contains("[") || $0.contains("]") }),
            !answers.contains(where: { $0.isEmpty || $0.contains("[") || $0.contains("]") }),
            !text.contains(where: \.isNewline)
        else { return nil }
        var line = pieces[0]
        for index in 1...gaps {
            line += "[" + answers[0] + "]" + pieces[index]
        }
        return line
    }

    /// Continuation lines that would read as a new `Q:`, `A:` or `C:` get a backslash.
    static func escaped(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            index > 0 && MarkdownMarker.startsWithMarker(line) ? "\\" + line : String(line)
        }.joined(separator: "\n")
    }

    static func line(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// The line markers of the Markdown card format.
enum MarkdownMarker {
    static let markers = ["Q:", "A:", "C:"]

    static func startsWithMarker(_ line: Substring) -> Bool {
        markers.contains { line.hasPrefix($0) }
            || (line.hasPrefix("\\") && markers.contains { line.dropFirst().hasPrefix($0) })
    }
}
