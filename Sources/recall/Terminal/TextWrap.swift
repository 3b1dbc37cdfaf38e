import RecallCore

/// Word wrapping to the terminal's width, counting columns (wide and combining characters): the
/// one wrap of the program.
enum TextWrap {
    /// Each line of `text` wrapped at `width` columns; continuation lines keep the line's indent.
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            wrapLine(String($0), width: max(20, width))
        }
        .joined(separator: "\n")
    }

    /// `text`'s words on lines of at most `width` columns: the first after `first`, the others
    /// after `rest`; a word longer than a line is cut with `…`.
    static func lines(_ text: some StringProtocol, width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let prefix = current.isEmpty ? (lines.isEmpty ? first : rest) : current + " "
            if DisplayWidth.of(prefix + word) <= width {
                current = prefix + word
            } else if current.isEmpty {
                current = DisplayWidth.truncate(prefix + word, to: width)
            } else {
                lines.append(current)
                current =
                    DisplayWidth.of(rest + word) <= width
                    ? rest + word : DisplayWidth.truncate(rest + word, to: width)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private static func wrapLine(_ line: String, width: Int) -> String {
        guard DisplayWidth.of(line) > width else { return line }
        let indent = String(line.prefix { $0 == " " })
        return lines(line.dropFirst(indent.count), width: width, first: indent, rest: indent + "  ")
            .joined(separator: "\n")
    }
}
