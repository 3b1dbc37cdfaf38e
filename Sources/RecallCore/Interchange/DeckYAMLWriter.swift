import Foundation

/// Deck YAML for imported cards: every string double-quoted with escapes, so no input text can
/// change the structure of the file.
enum DeckYAMLWriter {
    /// A new deck file holding only free-form cards.
    static func newDeck(id: String, name: String, source: String, cards: [FreeCard]) -> String {
        var lines = [
            "# Imported by 'recall import' from \(quoted(source)).",
            "# Importing again adds only cards this file does not have (by id); edit freely.",
            "",
            "deck:",
            "  id: \(id)",
            "  name: \(quoted(name))",
            "",
            "cards:",
        ]
        lines += cards.map(entry)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The existing file with `cards` appended to its `cards:` section, which must come last
    /// (or be absent, then it is added); otherwise appending would land in another section.
    static func appending(_ cards: [FreeCard], to text: String, path: String) throws(InterchangeError)
        -> String
    {
        guard !cards.isEmpty else { return text }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let topLevel = lines.filter { line in
            guard let first = line.first, first != " ", first != "\t", first != "#", first != "-" else {
                return false
            }
            return line.contains(":")
        }
        var result = text.hasSuffix("\n") || text.isEmpty ? text : text + "\n"
        if let last = topLevel.last, last.hasPrefix("cards:") {
            guard last.trimmingCharacters(in: .whitespaces) == "cards:" else {
                throw .invalidResult(
                    "the 'cards:' section of the deck file is written inline; write it as a list to import into it"
                )
            }
        } else if topLevel.contains(where: { $0.hasPrefix("cards:") }) {
            throw .invalidResult(
                "the deck file's 'cards:' section is not its last section; move it to the end, or import into a new deck with --deck"
            )
        } else {
            result += "\ncards:\n"
        }
        return result + cards.map(entry).joined(separator: "\n") + "\n"
    }

    /// The file with each card's entry (as `entry` writes it: `  - id: X` and its indented lines)
    /// replaced by the card's new text; cards whose entry is not in that form are left alone.
    static func replacing(_ cards: [FreeCard], in text: String) -> (text: String, replaced: [FreeCard]) {
        guard !cards.isEmpty else { return (text, []) }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var start: [String: Int] = [:]
        for (index, line) in lines.enumerated() where line.hasPrefix("  - id: ") {
            start[String(line.dropFirst(8)).trimmingCharacters(in: .whitespaces)] = index
        }
        var replaced: [FreeCard] = []
        // From the end, so earlier line numbers stay valid.
        for card in cards.sorted(by: { (start[$0.id] ?? -1) > (start[$1.id] ?? -1) }) {
            guard let first = start[card.id] else { continue }
            var end = first + 1
            while end < lines.count, lines[end].hasPrefix("    ") { end += 1 }
            lines.replaceSubrange(first..<end, with: entry(card).split(separator: "\n").map(String.init))
            replaced.append(card)
        }
        return (lines.joined(separator: "\n"), replaced.reversed())
    }

    /// A tag the deck file can hold as written: no control characters and no spaces (Anki's tags
    /// are space-separated, so they never hold one).
    static func isPlainTag(_ tag: String) -> Bool {
        tag.count <= 200
            && !tag.unicodeScalars.contains {
                $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
            }
    }

    static func entry(_ card: FreeCard) -> String {
        var lines = ["  - id: \(card.id)"]
        switch card.content {
        case .question(let question, let answer, let aliases):
            lines.append("    question: \(quoted(question))")
            lines.append("    answer: \(quoted(answer))")
            if !aliases.isEmpty {
                lines.append("    aliases: [\(aliases.map(quoted).joined(separator: ", "))]")
            }
            if !card.choices.isEmpty {
                lines.append("    choices: [\(card.choices.map(quoted).joined(separator: ", "))]")
            }
        case .cloze(let text):
            lines.append("    cloze: \(quoted(text))")
            if let extra = card.extra, !extra.isEmpty { lines.append("    extra: \(quoted(extra))") }
        }
        if let source = card.source { lines.append("    source: \(quoted(source))") }
        if let modified = card.modified { lines.append("    modified: \(modified)") }
        if !card.tags.isEmpty { lines.append("    tags: [\(card.tags.map(quoted).joined(separator: ", "))]") }
        return lines.joined(separator: "\n")
    }

    /// A YAML double-quoted scalar: `\`, `"`, line breaks and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}"
                {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
