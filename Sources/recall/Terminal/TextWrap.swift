import RecallCore

/// Word wrapping to the terminal's width, counting columns (wide and combining characters).
enum TextWrap {
    /// Each line of `text` wrapped at `width` columns; continuation lines keep the line's indent.
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            wrapLine(String($0), width: max(20, width))
        }
        .joined(separator: "\n")
    }

    private static func wrapLine(_ line: String, width: Int) -> String {
        guard DisplayWidth.of(line) > width else { return line }
        let indent = String(line.prefix { $0 == " " })
        let continuation = indent + "  "
        var lines: [String] = []
        var current = ""
        for word in line.dropFirst(indent.count).split(separator: " ") {
            let prefix = current.isEmpty ? (lines.isEmpty ? indent : continuation) : current + " "
            if DisplayWidth.of(prefix + word) <= width {
                current = prefix + word
            } else if current.isEmpty {
                current = DisplayWidth.truncate(prefix + word, to: width)
            } else {
                lines.append(current)
                current =
                    DisplayWidth.of(continuation + word) <= width
                    ? continuation + word : DisplayWidth.truncate(continuation + word, to: width)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}
