/// Reads Markdown flashcards: `Q:`/`A:` blocks and `C:` blocks with `[gap]` deletions, as
/// `MarkdownWriter` and hashcards write them. A card runs until the next `Q:` or `C:` line (its
/// lines may be blank); text before the first card is ignored, except a `# Title` naming the deck.
struct MarkdownReader {
    let path: String

    struct Result {
        var cards: [ImportedCard]
        var deckName: String?
    }

    private enum Part { case question, answer, cloze }

    private struct Pending {
        var part: Part
        var line: Int
        var front: [String]
        var back: [String] = []
    }

    func read(_ text: String) throws(InterchangeError) -> Result {
        var cards: [ImportedCard] = []
        var title: String?
        var pending: Pending?
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = String(raw)
            if line.hasPrefix("Q:") || line.hasPrefix("C:") {
                if let done = pending { cards.append(try card(done)) }
                pending = Pending(
                    part: line.hasPrefix("Q:") ? .question : .cloze, line: number,
                    front: [Self.content(line)])
            } else if line.hasPrefix("A:") {
                guard var current = pending, current.part == .question else {
                    throw .malformed(
                        path: path, line: number, reason: "an 'A:' line without a 'Q:' line before it")
                }
                current.part = .answer
                current.back = [Self.content(line)]
                pending = current
            } else if var current = pending {
                let continued =
                    MarkdownMarker.startsWithMarker(raw) && line.hasPrefix("\\")
                    ? String(line.dropFirst()) : line
                if current.part == .answer {
                    current.back.append(continued)
                } else {
                    current.front.append(continued)
                }
                pending = current
            } else if title == nil, cards.isEmpty, line.hasPrefix("# ") {
                title = String(line.dropFirst(2)).trimmingWhitespace
            }
        }
        if let done = pending { cards.append(try card(done)) }
        return Result(cards: cards, deckName: title)
    }

    private static func content(_ line: String) -> String {
        String(line.dropFirst(2).drop { $0 == " " })
    }

    private func card(_ pending: Pending) throws(InterchangeError) -> ImportedCard {
        let origin = "\(path):\(pending.line)"
        let front = HTMLText.clean(pending.front.joined(separator: "\n"))
        switch pending.part {
        case .question:
            throw .malformed(path: path, line: pending.line, reason: "the question has no 'A:' line")
        case .answer:
            let back = HTMLText.clean(pending.back.joined(separator: "\n"))
            guard !front.isEmpty, !back.isEmpty else {
                throw .malformed(
                    path: path, line: pending.line, reason: "a card needs a question and an answer")
            }
            return ImportedCard(guid: nil, front: front, back: back, source: nil, origin: origin)
        case .cloze:
            let cloze = try Self.clozeText(front, path: path, line: pending.line)
            return ImportedCard(guid: nil, front: cloze, back: "", source: nil, origin: origin)
        }
    }

    /// `The [CSTO] was [established] in 2002.` → `The {{c1::CSTO}} was {{c2::established}} in 2002.`
    ///
    /// As in hashcards, each distinct bracketed text is a deletion of its own; the same text
    /// bracketed twice is one deletion hidden in both places.
    static func clozeText(_ text: String, path: String, line: Int) throws(InterchangeError) -> String {
        var out = ""
        var gaps = 0
        var numbers: [String: Int] = [:]
        var rest = Substring(text)
        var outsideGaps = false
        while let open = rest.firstIndex(of: "[") {
            outsideGaps = outsideGaps || rest[..<open].contains("{{")
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "]"), !after[..<close].contains("[") else {
                throw .malformed(
                    path: path, line: line, reason: "a '[' in the cloze is never closed with ']'")
            }
            let answer = String(after[..<close]).trimmingWhitespace
            guard !answer.isEmpty, !answer.contains("{{"), !answer.contains("}}"), !answer.contains("::")
            else {
                throw .malformed(
                    path: path, line: line,
                    reason: "the cloze gap '[\(answer)]' is empty or holds '{{', '}}' or '::'")
            }
            let number = numbers[answer] ?? numbers.count + 1
            numbers[answer] = number
            out += "{{c\(number)::\(answer)}}"
            gaps += 1
            guard gaps <= Cloze.maximumGaps else {
                throw .malformed(
                    path: path, line: line,
                    reason:
                        "the cloze line has more than \(Cloze.maximumGaps) gaps; split it into shorter ones")
            }
            rest = after[after.index(after: close)...]
        }
        out += rest
        guard gaps > 0 else {
            throw .malformed(
                path: path, line: line, reason: "the cloze line has no [gap]; put the hidden text in brackets"
            )
        }
        // Checked piece by piece as the text is read: linear, however many gaps.
        guard !outsideGaps, !rest.contains("{{") else {
            throw .malformed(path: path, line: line, reason: "the cloze text holds '{{' outside a gap")
        }
        return out
    }
}
