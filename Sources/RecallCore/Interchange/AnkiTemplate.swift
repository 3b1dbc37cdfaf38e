import Foundation

/// Anki's card templates (the Mustache-like language of `qfmt`/`afmt`), rendered for one card:
/// `{{Field}}`, `{{#Field}}…{{/Field}}`, `{{^Field}}…{{/Field}}`, `{{FrontSide}}`, and the
/// filters `cloze:`, `type:`, `hint:` and `text:` (other filters, such as `furigana:` or `tts`,
/// show the field as it is). The result is HTML; `HTMLText.terminalText` makes it text.
struct AnkiTemplate {
    /// Which side of the card is rendered.
    enum Side { case question, answer }

    /// What rendering found besides the HTML.
    struct Rendered {
        var html: String
        /// The field of a `{{type:Field}}` (the typed answer), if the template has one.
        var typedField: String?
        /// Whether the template asks with `{{cloze:Field}}`, and of which field.
        var clozeField: String?
    }

    /// Marks where `{{FrontSide}}` was in a rendered answer, so the answer can be told apart.
    static let frontSideMarker = "\u{E000}"

    let source: String
    private let parsed: [Token]

    init(source: String) {
        self.source = source
        parsed = Self.tokens(source)
    }

    /// Renders the template with `fields` (by name) for `side`; `cloze` is the card's cloze number.
    func render(fields: [String: String], side: Side, cloze: Int? = nil, frontSide: String = "") -> Rendered {
        var rendered = Rendered(html: "")
        var tokens = parsed[...]
        rendered.html = render(
            &tokens, fields: fields, side: side, cloze: cloze, frontSide: frontSide,
            until: nil, into: &rendered)
        return rendered
    }

    private enum Token {
        case text(Substring)
        case tag(String)
    }

    private static func tokens(_ source: String) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            if open.lowerBound > rest.startIndex { tokens.append(.text(rest[..<open.lowerBound])) }
            tokens.append(.tag(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { tokens.append(.text(rest)) }
        return tokens
    }

    private func render(
        _ tokens: inout ArraySlice<Token>, fields: [String: String], side: Side, cloze: Int?,
        frontSide: String,
        until closing: String?, into rendered: inout Rendered
    ) -> String {
        var out = ""
        while let token = tokens.popFirst() {
            switch token {
            case .text(let text): out += text
            case .tag(let tag):
                if tag.hasPrefix("/") {
                    if closing == nil
                        || String(tag.dropFirst()).trimmingCharacters(in: .whitespaces) == closing
                    {
                        return out
                    }
                    continue
                }
                if tag.hasPrefix("#") || tag.hasPrefix("^") {
                    let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
                    let inner = render(
                        &tokens, fields: fields, side: side, cloze: cloze, frontSide: frontSide, until: name,
                        into: &rendered)
                    let present = Self.isPresent(name, fields: fields, cloze: cloze)
                    if present == tag.hasPrefix("#") { out += inner }
                    continue
                }
                out += replacement(
                    tag, fields: fields, side: side, cloze: cloze, frontSide: frontSide,
                    into: &rendered)
            }
        }
        return out
    }

    /// Whether a section's field counts as filled: non-empty once tags and spaces are removed
    /// (an image alone counts), or, for `cN`, whether this is cloze card N.
    private static func isPresent(_ name: String, fields: [String: String], cloze: Int?) -> Bool {
        if let value = fields[name] { return !isEmptyField(value) }
        if name.hasPrefix("c"), let number = Int(name.dropFirst()) { return number == cloze }
        return false
    }

    static func isEmptyField(_ html: String) -> Bool {
        HTMLText.terminalText(html).isEmpty
    }

    private func replacement(
        _ tag: String, fields: [String: String], side: Side, cloze: Int?, frontSide: String,
        into rendered: inout Rendered
    ) -> String {
        if tag == "FrontSide" { return side == .answer ? Self.frontSideMarker + frontSide : "" }
        var parts = tag.split(separator: ":", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let name = parts.removeLast()
        let filters = parts.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        guard var value = fields[name] else { return "" }
        if filters.contains("type") {
            // The learner types the answer: nothing on the question; the expected answer on the back.
            if filters.contains("cloze") {
                rendered.typedField = rendered.typedField ?? name
                return side == .answer ? Cloze.anki(value, revealing: cloze ?? 1) : ""
            }
            rendered.typedField = rendered.typedField ?? name
            return side == .answer ? value : ""
        }
        for filter in filters.reversed() {
            switch filter {
            case "cloze":
                rendered.clozeField = rendered.clozeField ?? name
                value =
                    side == .question
                    ? Cloze.anki(value, asking: cloze ?? 1) : Cloze.anki(value, revealing: cloze ?? 1)
            case "text":
                value = HTMLText.escape(HTMLText.plainText(value))
            case "hint":
                // A hint helps on the question; on the answer it would become part of what is typed.
                value = side == .answer || HTMLText.isEmptyOrSpace(value) ? "" : "<br>(hint: \(value))"
            default: break
            }
        }
        return value
    }
}

extension Cloze {
    /// Anki's cloze text for card `number` on the question: that card's gaps as `[…]` (or
    /// `[hint]`), every other gap shown.
    static func anki(_ text: String, asking number: Int) -> String {
        rewritingAnkiGaps(text) { gapNumber, answer, hint in
            gapNumber == number ? "[\(hint.map { $0.isEmpty ? "…" : $0 } ?? "…")]" : answer
        }
    }

    /// Anki's cloze text for card `number` on the answer: every gap shown.
    static func anki(_ text: String, revealing number: Int) -> String {
        rewritingAnkiGaps(text) { _, answer, _ in answer }
    }

    /// The numbers of the `{{cN::…}}` gaps of an Anki cloze field.
    static func ankiNumbers(_ text: String) -> Set<Int> {
        var numbers: Set<Int> = []
        _ = rewritingAnkiGaps(text) { number, answer, _ in
            numbers.insert(number)
            return answer
        }
        return numbers
    }

    /// Replaces each `{{cN::answer::hint}}` gap (nested gaps too, innermost first).
    static func rewritingAnkiGaps(_ text: String, _ replace: (Int, String, String?) -> String) -> String {
        var result = text
        // Each pass replaces the innermost gaps; bounded so hostile nesting cannot loop long.
        for _ in 0..<8 {
            var out = ""
            var rest = Substring(result)
            var changed = false
            while let open = rest.range(of: "{{c") {
                out += rest[..<open.lowerBound]
                let after = rest[open.upperBound...]
                let digits = after.prefix { $0.isNumber }
                guard !digits.isEmpty, let number = Int(digits), after[digits.endIndex...].hasPrefix("::"),
                    let close = after.range(of: "}}")
                else {
                    out += rest[open]
                    rest = after
                    continue
                }
                let body = after[after.index(digits.endIndex, offsetBy: 2)..<close.lowerBound]
                if body.contains("{{c") {
                    // An outer gap: keep it for the next pass.
                    out += rest[open]
                    rest = after
                    continue
                }
                let pieces = body.components(separatedBy: "::")
                out += replace(number, pieces[0], pieces.count > 1 ? pieces[1] : nil)
                rest = after[close.upperBound...]
                changed = true
            }
            out += rest
            result = out
            if !changed { break }
        }
        return result
    }
}
