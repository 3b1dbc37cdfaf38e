/// Plain text from the HTML of Anki fields: line breaks kept, scripts and styles dropped with
/// their content, every other tag removed, entities decoded, control characters removed.
enum HTMLText {
    /// Tags whose content is dropped along with them.
    static let droppedElements = ["script", "style", "iframe", "object", "embed", "template"]
    /// Tags that end a line.
    static let lineBreaks: Set<String> = ["br", "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"]

    /// Whether the text holds something that looks like an HTML tag.
    static func looksLikeHTML(_ text: String) -> Bool {
        var previous: Character?
        for character in text {
            if previous == "<", character.isLetter || character == "/" || character == "!" { return true }
            previous = character
        }
        return false
    }

    /// The text of an HTML fragment.
    static func plainText(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let first = after.first, first.isLetter || first == "/" || first == "!",
                let close = after.firstIndex(of: ">")
            else {
                out.append("<")
                rest = after
                continue
            }
            let tag = after[..<close]
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            rest = after[after.index(after: close)...]
            if droppedElements.contains(name), !tag.hasPrefix("/"), !tag.hasSuffix("/") {
                // Skip to the matching close tag (or the end): its content is never shown.
                if let end = rest.range(of: "</\(name)", options: .caseInsensitive) {
                    rest = rest[end.upperBound...]
                    rest = rest.firstIndex(of: ">").map { rest[rest.index(after: $0)...] } ?? ""
                } else {
                    rest = ""
                }
            } else if lineBreaks.contains(name) {
                out += "\n"
            }
        }
        out += rest
        return clean(decodeEntities(out))
    }

    /// Plain text without control characters, media references and surplus blank lines.
    static func clean(_ text: String) -> String {
        // Scalar checks before Foundation's string search, which is slow on Linux.
        var result = text.utf8.contains(UInt8(ascii: "[")) ? removingSoundTags(text) : text
        result = String(
            result.unicodeScalars.filter { scalar in
                scalar == "\n" || scalar == "\t"
                    || !(scalar.properties.generalCategory == .control
                        || scalar.properties.generalCategory == .format && scalar != "\u{200D}")
            }.map(Character.init))
        if result.unicodeScalars.contains("\u{00A0}") {
            result = result.replacingOccurrences(of: "\u{00A0}", with: " ")
        }
        let lines = result.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingWhitespace }
        var kept: [String] = []
        for line in lines where !(line.isEmpty && (kept.last?.isEmpty ?? true)) {
            kept.append(line)
        }
        return kept.joined(separator: "\n").trimmingWhitespace
    }

    /// Text without Anki's `[sound:file.mp3]` media references.
    static func removingSoundTags(_ text: String) -> String {
        var result = text
        while let open = result.range(of: "[sound:"),
            let close = result[open.upperBound...].firstIndex(of: "]")
        {
            result.removeSubrange(open.lowerBound...close)
        }
        return result
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "laquo": "«", "raquo": "»", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“",
    ]

    /// `&lt;`, `&#39;`, `&#x41;` and the common named entities decoded; others left as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semi]
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
                        String($0)
                    }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded = named[String(name)]
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out.append("&")
            rest = after
        }
        return out + rest
    }
}
