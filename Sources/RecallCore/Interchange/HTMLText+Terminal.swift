/// Terminal text from Anki's rendered card HTML: what `plainText` gives, with media kept as
/// `[image: x.png]` / `[sound: y.mp3]`, list items as bullets and MathJax kept as its source,
/// marked `[math: …]`.
extension HTMLText {
    /// Private-use scalars standing for brackets while `plainText` runs (it removes `[sound:…]`).
    private static let open = "\u{E001}"
    private static let close = "\u{E002}"

    static func terminalText(_ html: String) -> String {
        var text = html
        if text.utf8.contains(UInt8(ascii: "<")) {
            text = replacingTags(in: text)
        }
        text = replacingSoundTags(in: text)
        text = markingMath(in: text)
        let plain = plainText(text)
        // Scalar checks first: Foundation's string search is slow on Linux, and most text has none.
        guard plain.unicodeScalars.contains(where: { $0 == "\u{E001}" || $0 == "\u{E002}" }) else {
            return plain
        }
        var out = String.UnicodeScalarView()
        for scalar in plain.unicodeScalars {
            out.append(scalar == "\u{E001}" ? "[" : scalar == "\u{E002}" ? "]" : scalar)
        }
        return String(out)
    }

    /// The media files a field's HTML refers to (`<img src>`, `[sound:]`), in order.
    static func mediaReferences(_ html: String) -> [String] {
        var names: [String] = []
        var rest = Substring(html)
        while let tag = rest.range(of: "<img", options: .caseInsensitive) {
            let end = rest[tag.upperBound...].firstIndex(of: ">") ?? rest.endIndex
            if let name = attribute("src", in: rest[tag.upperBound..<end]) { names.append(name) }
            rest = rest[end...]
        }
        rest = Substring(html)
        while let sound = rest.range(of: "[sound:"), let end = rest[sound.upperBound...].firstIndex(of: "]") {
            names.append(String(rest[sound.upperBound..<end]))
            rest = rest[rest.index(after: end)...]
        }
        return names
    }

    /// `&`, `<`, `>` and `"` escaped, so text passes through HTML unchanged.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func isEmptyOrSpace(_ html: String) -> Bool { terminalText(html).isEmpty }

    /// `<img src="x">` → `[image: x]`, `<li>` → a bullet on its own line.
    private static func replacingTags(in html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ">") else {
                out += rest[open...]
                return out
            }
            let tag = after[..<close]
            let name = tag.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if name == "img" {
                let file = attribute("src", in: tag) ?? "?"
                out += "\(Self.open)image: \(escape(file))\(Self.close)"
            } else if name == "li" {
                out += "<br>• "
            } else if tag.hasPrefix("/"), tag.dropFirst().lowercased().hasPrefix("li") {
                // The next item (or the list's end) breaks the line; a second break would leave a gap.
                out += ""
            } else {
                out += rest[open...close]
            }
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    private static func replacingSoundTags(in text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "[")), text.contains("[sound:") else { return text }
        var out = ""
        var rest = Substring(text)
        while let sound = rest.range(of: "[sound:"), let end = rest[sound.upperBound...].firstIndex(of: "]") {
            out += rest[..<sound.lowerBound]
            out += "\(open)sound: \(rest[sound.upperBound..<end])\(close)"
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    /// MathJax `\(…\)` and `\[…\]` kept as their source, marked `[math: …]`.
    private static func markingMath(in text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")), text.contains("\\(") || text.contains("\\[") else {
            return text
        }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: #"\("#) ?? rest.range(of: #"\["#) {
            let closing = rest[start] == #"\("# ? #"\)"# : #"\]"#
            guard let end = rest[start.upperBound...].range(of: closing) else { break }
            out += rest[..<start.lowerBound]
            out +=
                "\(open)math: \(rest[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces))\(close)"
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    /// The value of `name="…"` (or `'…'`, or bare) in a tag's text.
    private static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let key = tag.range(of: "\(name)=", options: .caseInsensitive) else { return nil }
        var value = tag[key.upperBound...]
        if let quote = value.first, quote == "\"" || quote == "'" {
            value = value.dropFirst()
            return String(value.prefix { $0 != quote })
        }
        return String(value.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" })
    }
}
