/// A passage with numbered gaps written as `{{c1::text}}` or `{{c1::text::hint}}`, as in Anki.
public struct Cloze: Sendable, Hashable {
    /// A piece of the passage: plain text or a gap.
    public enum Segment: Sendable, Hashable {
        case text(String)
        case gap(number: Int, answer: String, hint: String?)
    }

    /// Why a cloze passage could not be read.
    public struct Problem: Error, Sendable, Hashable {
        public var message: String
    }

    public var segments: [Segment]

    /// The gap numbers used, ascending.
    public var numbers: [Int] {
        Array(Set(segments.compactMap { if case .gap(let number, _, _) = $0 { number } else { nil } }))
            .sorted()
    }

    /// The most gaps a passage may have: each gap number is a card showing the whole passage.
    public static let maximumGaps = 100
    /// The longest passage, in characters (a card's prompt is read on one screen).
    public static let maximumLength = 20_000

    /// Reads `{{cN::…}}` gaps; anything else is plain text. Linear in the passage's length.
    public static func parse(_ text: String) -> Result<Cloze, Problem> {
        let utf8 = text.utf8
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        var segments: [Segment] = []
        var gaps = 0
        var position = utf8.startIndex
        var textStart = position
        while position < utf8.endIndex {
            let next = utf8.index(after: position)
            guard utf8[position] == open, next < utf8.endIndex, utf8[next] == open else {
                position = next
                continue
            }
            if textStart < position { segments.append(.text(String(text[textStart..<position]))) }
            let bodyStart = utf8.index(after: next)
            var end = bodyStart
            var found = false
            while end < utf8.endIndex {
                let after = utf8.index(after: end)
                if utf8[end] == close, after < utf8.endIndex, utf8[after] == close {
                    found = true
                    break
                }
                end = after
            }
            guard found else {
                return .failure(Problem(message: "a gap opened with '{{' is never closed with '}}'"))
            }
            let body = text[bodyStart..<end]
            let parts = body.components(separatedBy: "::")
            guard parts.count == 2 || parts.count == 3, parts[0].first == "c",
                let number = Int(parts[0].dropFirst()),
                number >= 1
            else {
                return .failure(
                    Problem(message: "gap '{{\(body)}}' should read {{c1::text}} or {{c1::text::hint}}"))
            }
            let answer = parts[1].trimmingWhitespace
            guard !answer.isEmpty else { return .failure(Problem(message: "gap '{{\(body)}}' is empty")) }
            gaps += 1
            guard gaps <= maximumGaps else {
                return .failure(
                    Problem(
                        message:
                            "the passage has more than \(maximumGaps) gaps; split it into shorter passages"))
            }
            segments.append(.gap(number: number, answer: answer, hint: parts.count == 3 ? parts[2] : nil))
            position = utf8.index(end, offsetBy: 2)
            textStart = position
        }
        if textStart < utf8.endIndex { segments.append(.text(String(text[textStart...]))) }
        let length = text.count
        guard length <= maximumLength else {
            return .failure(
                Problem(
                    message: "the passage is \(length) characters long; a cloze passage may be at most"
                        + " \(maximumLength), so split it into shorter ones"))
        }
        return .success(Cloze(segments: segments))
    }

    /// The passage with gap `number` blanked (`[…]`, or `[hint]`) and every other gap filled in.
    public func prompt(hiding number: Int) -> String {
        segments.map { segment in
            switch segment {
            case .text(let text): text
            case .gap(let n, let answer, let hint): n == number ? "[\(hint ?? "…")]" : answer
            }
        }.joined()
    }

    /// The passage with every gap filled in.
    public var fullText: String {
        segments.map { segment in
            switch segment {
            case .text(let text): text
            case .gap(_, let answer, _): answer
            }
        }.joined()
    }

    /// The distinct answers of gap `number`, in order.
    public func answers(for number: Int) -> [String] {
        var seen: Set<String> = []
        return segments.compactMap { segment in
            guard case .gap(let n, let answer, _) = segment, n == number, seen.insert(answer).inserted else {
                return nil
            }
            return answer
        }
    }
}

extension Substring {
    func components(separatedBy separator: String) -> [String] {
        String(self).split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
