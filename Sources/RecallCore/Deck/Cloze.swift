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

    /// Reads `{{cN::…}}` gaps; anything else is plain text.
    public static func parse(_ text: String) -> Result<Cloze, Problem> {
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { segments.append(.text(String(rest[..<open.lowerBound]))) }
            let inner = rest[open.upperBound...]
            guard let close = inner.range(of: "}}") else {
                return .failure(Problem(message: "a gap opened with '{{' is never closed with '}}'"))
            }
            let body = inner[..<close.lowerBound]
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
            segments.append(.gap(number: number, answer: answer, hint: parts.count == 3 ? parts[2] : nil))
            rest = inner[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
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
