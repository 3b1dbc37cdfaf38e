/// Grading a reply that names the elements of a set, in any order.
///
/// The reply is split at commas, semicolons, slashes, vertical bars and line breaks; then at the
/// word `and` (or `&`) unless the words around it make a name together (`Bosnia and Herzegovina`
/// stays whole); then at spaces when every word is a name (`russia belarus armenia`). Each piece
/// is graded like a typed answer: a typo still counts but makes the verdict `close`, and a piece
/// that is as near to another element or vocabulary name as to its nearest element counts as
/// extra. Repeats count once.
///
/// Partial credit: `score = matched / (elements + extra)`, so every missing element and every
/// wrong one costs the same, and naming everything plus one intruder scores below 1. The verdict is
/// `correct` (or `close` with typos) only when nothing is missing and nothing extra; otherwise
/// `wrong` with that score.
extension AnswerChecker {
    /// Grades `reply` against a set whose elements are given by their accepted names, canonical first.
    public func gradeSet(_ reply: String, items: [[String]]) -> Grade {
        let items = items.filter { !$0.isEmpty }
        let canonicalNames = items.compactMap(\.first)
        let expected = canonicalNames.joined(separator: ", ")
        let names = items.map { $0.map(normalizer.normalize).filter { !$0.isEmpty } }

        var exactness: [Int: Bool] = [:]  // element index → matched without a typo
        var extra: [String] = []
        var extraKeys: Set<String> = []
        for piece in setPieces(of: Normalizer.capped(reply), names: names) {
            if let found = piece.match {
                exactness[found.index] = (exactness[found.index] ?? false) || found.isExact
            } else {
                let key = normalizer.normalize(piece.text).canonical
                if extraKeys.insert(key.isEmpty ? piece.text : key).inserted { extra.append(piece.text) }
            }
        }
        let missing = canonicalNames.indices.filter { exactness[$0] == nil }.map { canonicalNames[$0] }
        let denominator = items.count + extra.count
        let score = denominator == 0 ? 0 : min(1, max(0, Double(exactness.count) / Double(denominator)))
        guard missing.isEmpty, extra.isEmpty, !exactness.isEmpty else {
            return Grade(verdict: .wrong, score: score, expected: expected, missing: missing, extra: extra)
        }
        let hasTypo = exactness.values.contains(false)
        return Grade(verdict: hasTypo ? .close : .correct, score: 1, expected: expected)
    }

    /// One element named in a set reply, as typed, and the element it names if any.
    struct SetPiece {
        var text: String
        var match: (index: Int, isExact: Bool)?
    }

    private static let hardSeparators: Set<Character> = [
        ",", ";", "/", "|", "\n", "\r", "\r\n", "，", "；", "、",
    ]

    /// Splits a set reply into the names it lists (see the type's summary for the rules).
    func setPieces(of reply: String, names: [[NormalizedAnswer]]) -> [SetPiece] {
        var pieces: [SetPiece] = []
        for chunk in reply.split(whereSeparator: { Self.hardSeparators.contains($0) }) {
            let words = chunk.split(whereSeparator: \.isWhitespace).map(String.init)
            guard !words.isEmpty else { continue }
            let whole = words.joined(separator: " ")
            if let match = matchElement(whole, names: names) {
                pieces.append(SetPiece(text: whole, match: match))
                continue
            }
            let segments = words.split(whereSeparator: { $0.lowercased() == "and" || $0 == "&" }).map(
                Array.init)
            pieces += andSeparatedPieces(segments, names: names, chunkWordCount: words.count)
        }
        return pieces
    }

    /// Pieces of a chunk split at `and`: consecutive segments that together make a name
    /// (`Bosnia and Herzegovina and Serbia`) are joined again, trying runs of up to three segments.
    private func andSeparatedPieces(
        _ segments: [[String]], names: [[NormalizedAnswer]], chunkWordCount: Int
    ) -> [SetPiece] {
        var pieces: [SetPiece] = []
        var start = 0
        outer: while start < segments.count {
            for end in stride(from: min(segments.count, start + 3), to: start + 1, by: -1) {
                let text = segments[start..<end].map { $0.joined(separator: " ") }.joined(separator: " and ")
                if let match = matchElement(text, names: names) {
                    pieces.append(SetPiece(text: text, match: match))
                    start = end
                    continue outer
                }
            }
            let isWholeChunk = segments[start].count == chunkWordCount
            pieces += spaceSeparatedPieces(segments[start], names: names, isWholeChecked: isWholeChunk)
            start += 1
        }
        return pieces
    }

    /// `words` as one name, or as one name per word when every word is one.
    private func spaceSeparatedPieces(
        _ words: [String], names: [[NormalizedAnswer]], isWholeChecked: Bool
    ) -> [SetPiece] {
        let whole = words.joined(separator: " ")
        if !isWholeChecked, let match = matchElement(whole, names: names) {
            return [SetPiece(text: whole, match: match)]
        }
        if words.count > 1 {
            let matches = words.map { matchElement($0, names: names) }
            if matches.allSatisfy({ $0 != nil }) {
                return zip(words, matches).map { SetPiece(text: $0, match: $1) }
            }
        }
        return [SetPiece(text: whole, match: nil)]
    }

    /// The element `text` names: exactly, or by a typo that is unambiguously nearest to one element
    /// and names nothing else in the vocabulary.
    func matchElement(_ text: String, names: [[NormalizedAnswer]]) -> (index: Int, isExact: Bool)? {
        let reply = normalizer.normalize(text)
        guard !reply.isEmpty else { return nil }
        var best: (index: Int, distance: Int)?
        var isTied = false
        for (index, elementNames) in names.enumerated() {
            switch match(reply, against: elementNames) {
            case .exact:
                return (index, true)
            case .close(let distance):
                if let current = best, current.distance <= distance {
                    isTied = isTied || current.distance == distance
                } else {
                    best = (index, distance)
                    isTied = false
                }
            case .none:
                continue
            }
        }
        guard let best, !isTied else { return nil }
        let others = names.indices.filter { $0 != best.index }.map { names[$0] }
        if namesSomethingElse(
            reply, distance: best.distance, rightNames: names[best.index], otherGroups: others)
        {
            return nil
        }
        return (best.index, false)
    }
}

extension Normalizer {
    /// The first `maximumLength` Unicode scalars of `text`.
    static func capped(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximumLength)))
    }
}
