/// Grading a description by the key terms the deck marks as required.
///
/// A role or a sentence cannot be graded by its distance from one wording: `coordinates foreign
/// policy` and `it coordinates the members' foreign policy` say the same. A text fact may list
/// `terms`; a reply is then right when it is one of the fact's spellings, or when it contains every
/// term (in one of its wordings; plural and verb endings and small typos aside) and its other
/// words say nothing else (no negation, no other thing of the deck).
extension AnswerChecker {
    func gradeTerms(
        _ reading: ReplyReading, _ normalizedReply: NormalizedAnswer, terms: [[String]], key: AnswerKey
    ) -> Grade {
        let spellings = key.normalizedSpellings
        if case .exact = match(normalizedReply, against: spellings) {
            return Grade.accepted(.correct, key.shown, matched: key.shown)
        }
        guard reading.isSearchable else {
            return Grade.wrong(key.shown, because: "the reply is too long to read as one answer")
        }
        var used: Set<Int> = []
        var typos = false
        var named: [String] = []
        for term in terms {
            guard let found = findTerm(term, in: reading.tokens) else {
                let missing = term.first ?? ""
                return Grade.wrong(key.shown, because: "'\(reading.quoted)' does not say '\(missing)'")
            }
            used.formUnion(found.range)
            typos = typos || found.isTypo
            named.append(term.first ?? "")
        }
        if let problem = wrappingProblem(
            reading, core: used, key: key, rightNames: spellings,
            hedges: Self.hedgeWords.subtracting(["and", "also"]))
        {
            return Grade.wrong(key.shown, because: problem)
        }
        let list = named.map { "'\($0)'" }.joined(separator: " and ")
        return Grade.accepted(
            typos ? .close : .correct, key.shown, matched: key.shown,
            because: "'\(reading.quoted)' names the key term\(named.count == 1 ? "" : "s") \(list)")
    }

    /// Where one wording of `term` occurs in `tokens`, and whether only with a typo.
    private func findTerm(_ term: [String], in tokens: [String]) -> (range: Range<Int>, isTypo: Bool)? {
        var best: (range: Range<Int>, isTypo: Bool)?
        for wording in term {
            let words = NumberWords.canonicalize(normalizer.fold(wording)).map(Self.stem)
            guard !words.isEmpty, words.count <= tokens.count else { continue }
            for start in 0...(tokens.count - words.count) {
                var isTypo = false
                var matches = true
                for (offset, word) in words.enumerated() {
                    let typed = Self.stem(tokens[start + offset])
                    if typed == word { continue }
                    let allowance = EditDistance.typoAllowance(forLength: word.count)
                    if allowance > 0, !NumberWords.isDigits(word),
                        EditDistance.optimalStringAlignment(typed, word, limit: allowance) <= allowance
                    {
                        isTypo = true
                    } else {
                        matches = false
                        break
                    }
                }
                guard matches else { continue }
                if !isTypo { return (start..<(start + words.count), false) }
                if best == nil { best = (start..<(start + words.count), true) }
            }
        }
        return best
    }

    /// A word without plural and verb endings, so `coordinates`, `coordinated` and `coordinating`
    /// are one term.
    static func stem(_ word: String) -> String {
        var word = Substring(word)
        if word.count > 4, word.hasSuffix("ies") {
            word = word.dropLast(3) + "y"
        } else if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") {
            word = word.dropLast()
        }
        if word.count > 5, word.hasSuffix("ing") {
            word = word.dropLast(3)
        } else if word.count > 4, word.hasSuffix("ed") {
            word = word.dropLast(2)
        }
        if word.count > 3, word.hasSuffix("e") { word = word.dropLast() }
        return String(word)
    }
}
