/// Finding the answer inside wrapping (`I think it was Moscow`, `Chișinău, Moldova`) and judging
/// what the wrapping says.
extension AnswerChecker {
    /// Words that make wrapping say something other than the answer: a negation, an alternative, a
    /// second answer, or a verdict on itself.
    static let hedgeWords: Set<String> = [
        "not", "no", "nor", "neither", "either", "or", "except", "never", "isnt", "wasnt", "arent",
        "werent", "dont", "doesnt", "didnt", "cant", "wont", "wrong", "incorrect", "false", "nothing",
        "none", "instead", "and", "also", "vs", "versus", "unless", "without", "rather", "before",
        "after", "until", "till", "prior", "near", "outside", "beyond",
    ]

    /// Grades a reply that is not a spelling as a whole: a spelling (or a typo of one) inside it,
    /// with wrapping that names nothing else.
    func gradeWrapped(
        _ reading: ReplyReading, spellings: [NormalizedAnswer], key: AnswerKey,
        otherGroups: [[NormalizedAnswer]]
    ) -> Grade {
        guard reading.isSearchable else {
            return reading.tokens.isEmpty
                ? Grade.wrong(key.shown)
                : Grade.wrong(key.shown, because: "the reply is too long to read as one answer")
        }
        guard let found = findSpelling(in: reading.tokens, spellings: spellings) else {
            return Grade.wrong(key.shown)
        }
        var core = Set(found.range)
        let spelling = spellings[found.spelling]
        // A bound beside the answer (`less than a week`, `a week or so`) must agree with its own.
        let before = Normalizer.qualifier(endingBefore: found.range.lowerBound, in: reading.tokens)
        let after = Normalizer.qualifier(startingAfter: found.range.upperBound - 1, in: reading.tokens)
        for bound in [before?.0, after?.0].compactMap({ $0 })
        where !bound.isCompatible(with: spelling.qualifier) {
            return Grade.wrong(key.shown, because: "'\(reading.quoted)' contradicts '\(key.shown)'")
        }
        if let before { core.formUnion(before.1..<found.range.lowerBound) }
        if let after { core.formUnion(found.range.upperBound..<after.1) }
        if let problem = wrappingProblem(reading, core: core, key: key, rightNames: spellings) {
            return Grade.wrong(key.shown, because: problem)
        }
        let matched = key.spellings[found.spelling]
        let span = NormalizedAnswer(words: Array(reading.tokens[found.range]))
        if found.distance > 0 {
            if namesSomethingElse(
                span, distance: found.distance, rightNames: spellings, otherGroups: otherGroups)
            {
                return Grade.wrong(key.shown)
            }
            return Grade.accepted(
                .close, key.shown, matched: matched,
                because: "'\(reading.quoted)' names \(key.shown), misspelt")
        }
        return Grade.accepted(
            .correct, key.shown, matched: matched, because: "'\(reading.quoted)' names \(matched)")
    }

    /// The span of `tokens` that best matches a spelling: equal beats a typo, then fewer edits,
    /// then the longer span.
    func findSpelling(in tokens: [String], spellings: [NormalizedAnswer])
        -> (range: Range<Int>, spelling: Int, distance: Int)?
    {
        var best: (range: Range<Int>, spelling: Int, distance: Int)?
        let lengths = tokens.map(\.unicodeScalars.count)
        for (index, spelling) in spellings.enumerated() where !spelling.isEmpty {
            let length = spelling.canonical.split(separator: " ").count
            let compact = spelling.compact.unicodeScalars.count
            let forms = [spelling.plainScalars.count, spelling.canonicalScalars.count]
            for span in [length, length + 1, length - 1] where span >= 1 && span <= tokens.count {
                for start in 0...(tokens.count - span) {
                    // Equal needs the same letters; a typo at most two edits of length.
                    let letters = lengths[start..<(start + span)].reduce(0, +)
                    let spaced = letters + span - 1
                    guard letters == compact || forms.contains(where: { abs($0 - spaced) <= 2 }) else {
                        continue
                    }
                    let candidate = NormalizedAnswer(words: Array(tokens[start..<(start + span)]))
                    let distance: Int
                    if candidate.isEquivalent(to: spelling) {
                        distance = 0
                    } else if let typo = candidate.typoDistance(to: spelling) {
                        distance = typo
                    } else {
                        continue
                    }
                    let range = start..<(start + span)
                    if let current = best,
                        current.distance < distance
                            || current.distance == distance && current.range.count >= range.count
                    {
                        continue
                    }
                    best = (range, index, distance)
                }
            }
        }
        return best
    }

    /// Why the words of `reading` outside `core` make it a different answer, if they do: a hedge,
    /// a figure the question does not give, or a name of something other than the answer, the
    /// question's subject and what the deck says the answer is in.
    func wrappingProblem(
        _ reading: ReplyReading, core: Set<Int>, key: AnswerKey, rightNames: [NormalizedAnswer],
        hedges: Set<String> = hedgeWords
    ) -> String? {
        let tokens = reading.tokens
        let promptWords = key.promptWords
        for index in tokens.indices where !core.contains(index) {
            let word = tokens[index]
            // `not sure` doubts the answer; it does not deny it.
            let isDoubt =
                word == "not" && index + 1 < tokens.count && ["sure", "certain"].contains(tokens[index + 1])
            if hedges.contains(word), !isDoubt {
                return "'\(reading.quoted)' says '\(word)' beside the answer"
            }
            if NumberWords.isDigits(word), !promptWords.contains(word), !key.allowedFigures.contains(word) {
                return "'\(reading.quoted)' also gives the figure \(word)"
            }
        }
        // A group counts by its names, so the same thing in two decks is one thing.
        let allowedNames = rightNames + key.allowedGroups.flatMap { vocabulary[$0] }
        let isRight = { (group: Int) in
            self.vocabulary[group].contains { name in allowedNames.contains(where: name.isEquivalent) }
        }
        let rightOnly = { (group: Int) in
            self.vocabulary[group].contains { name in rightNames.contains(where: name.isEquivalent) }
        }
        for (range, group) in namedThings(in: tokens) where !range.allSatisfy(core.contains) {
            // A name that takes in part of the answer must be the answer's own (`Collective
            // Security Treaty Organization` is not `Collective Security Treaty` with a word after).
            if range.contains(where: core.contains) {
                if rightOnly(group) { continue }
                return "'\(reading.quoted)' names \(vocabularyNames[group])"
            }
            if isRight(group) { continue }
            if tokens[range].allSatisfy(promptWords.contains) { continue }
            return "'\(reading.quoted)' also names \(vocabularyNames[group])"
        }
        for index in tokens.indices where !core.contains(index) && !promptWords.contains(tokens[index]) {
            let length = tokens[index].unicodeScalars.count
            guard length >= 5 else { continue }
            let word = NormalizedAnswer(words: [tokens[index]])
            for (name, group) in singleWordNames
            where abs(name.canonicalScalars.count - length) <= 2 && word.typoDistance(to: name) != nil
                && !isRight(group)
            {
                return "'\(reading.quoted)' also names \(vocabularyNames[group])"
            }
        }
        return nil
    }

    /// Every vocabulary name that occurs in `tokens` as whole words, longest at each start.
    func namedThings(in tokens: [String]) -> [(range: Range<Int>, group: Int)] {
        var found: [(range: Range<Int>, group: Int)] = []
        for start in tokens.indices {
            var best: (range: Range<Int>, group: Int)?
            for (words, group) in namesByFirstWord[tokens[start]] ?? []
            where start + words.count <= tokens.count && Array(tokens[start..<(start + words.count)]) == words
            {
                if best.map({ $0.range.count < words.count }) ?? true {
                    best = (start..<(start + words.count), group)
                }
            }
            if let best { found.append(best) }
        }
        return found
    }
}

extension NormalizedAnswer {
    /// Words already folded and read as numbers, compared as they are.
    init(words: [String]) {
        self.init(plainTokens: words, canonicalTokens: words, qualifier: nil)
    }
}
