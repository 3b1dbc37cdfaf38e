/// Grading multiple choice replies.
extension AnswerChecker {
    /// Grades a multiple-choice reply: the option's letter (`b`, `B`, `b)`, `(b)`, `b.`), the label
    /// followed by the option as shown (`b) Moscow`), or the option's text or any name of the thing
    /// it names (`names[i]`, e.g. `NATO` for North Atlantic Treaty Organization), inside wrapping
    /// that names nothing else. Text may carry a typo only when it is strictly nearer to the right
    /// option than to any other and names nothing else in the vocabulary.
    ///
    /// When the options are numbers (`5 years`, `2004`), a typed number is the value, never a
    /// position; letters still name positions. Otherwise `1`…`n` name positions too.
    public func gradeChoice(
        _ reply: String, choices: [String], answerIndex: Int, names: [[String]] = [], prompt: String = ""
    ) -> Grade {
        let keys = choices.indices.map { index in
            AnswerKey(
                spellings: [choices[index]] + (names.indices.contains(index) ? names[index] : []),
                shown: choices[index], prompt: prompt)
        }
        return gradeChoice(reply, choices: choices, answerIndex: answerIndex, keys: keys)
    }

    /// Grades a multiple-choice reply with a key per option (its names, and what wrapping may name).
    func gradeChoice(_ reply: String, choices: [String], answerIndex: Int, keys: [AnswerKey]) -> Grade {
        guard choices.indices.contains(answerIndex), keys.count == choices.count else {
            return Grade(verdict: .wrong, score: 0, expected: "")
        }
        let expected = "\(Self.label(for: answerIndex))) \(choices[answerIndex])"
        let right = Grade.accepted(.correct, expected, matched: choices[answerIndex])
        let reply = Normalizer.capped(reply)
        let numeric = Self.optionsAreNumeric(choices)
        if let index = Self.choiceIndex(labelled: reply, count: choices.count, lettersOnly: numeric) {
            return index == answerIndex ? right : Grade.wrong(expected)
        }
        let options = keys.map { Array($0.normalizedSpellings.prefix(1)) }
        if let (index, text) = Self.labelledText(reply, count: choices.count, lettersOnly: numeric) {
            // The label chooses; the copied text only has to not name a different option.
            let named = normalizer.normalize(text)
            let namesOther = options.indices.contains {
                $0 != index && options[$0][0].isEquivalent(to: named)
            }
            return index == answerIndex && !namesOther ? right : Grade.wrong(expected)
        }
        let normalizedReply = normalizer.normalize(reply)
        guard !normalizedReply.isEmpty else { return Grade.wrong(expected) }
        let exact = options.indices.filter { options[$0].contains(where: normalizedReply.isEquivalent) }
        if !exact.isEmpty { return exact.contains(answerIndex) ? right : Grade.wrong(expected) }
        if numeric, !Self.figures(of: reply).isEmpty {
            return gradeNumericChoice(reply, choices: choices, answerIndex: answerIndex)
        }
        // Text: which options the reply names, by any of their names, as a typed answer would.
        let reading = ReplyReading(reply, normalizer: normalizer)
        let normalizedSpellings = keys.map(\.normalizedSpellings)
        var accepted: [(index: Int, grade: Grade)] = []
        for index in choices.indices {
            var key = keys[index]
            key.shown = expected
            let others = choices.indices.filter { $0 != index }.map { normalizedSpellings[$0] }
            let grade = gradeSpelling(reading, normalizedReply, key: key, otherGroups: others)
            if grade.isAccepted { accepted.append((index, grade)) }
        }
        guard accepted.count == 1, let only = accepted.first, only.index == answerIndex else {
            return Grade.wrong(expected)
        }
        var grade = only.grade
        grade.matched = choices[answerIndex]
        if grade.reason == nil, grade.verdict == .correct,
            !normalizedSpellings[answerIndex][0].isEquivalent(to: normalizedReply)
        {
            grade.reason = "accepted: '\(reading.quoted)' names \(choices[answerIndex])"
        }
        return grade
    }

    /// A number typed for numeric options: the option with that value.
    private func gradeNumericChoice(
        _ reply: String, choices: [String], answerIndex: Int
    ) -> Grade {
        let expected = "\(Self.label(for: answerIndex))) \(choices[answerIndex])"
        let quoted = reply.trimmingWhitespace
        let figures = Self.figures(of: reply)
        let matching = choices.indices.filter { Self.figures(of: choices[$0]) == figures }
        guard matching.count == 1, let index = matching.first else {
            return Grade.wrong(expected, because: "'\(quoted)' is none of the options")
        }
        let which = "'\(quoted)' is the value of option \(Self.label(for: index))) \(choices[index])"
        guard index == answerIndex else { return Grade.wrong(expected, because: which) }
        return Grade.accepted(.correct, expected, matched: choices[index], because: which)
    }

    /// Whether every option is a number (`2004`, `5 years`): then a typed number means its value.
    public static func optionsAreNumeric(_ choices: [String]) -> Bool {
        !choices.isEmpty && choices.allSatisfy { !figures(of: $0).isEmpty }
    }

    /// The numbers a text gives, in digits (`three years` → `3`).
    static func figures(of text: String) -> [String] {
        NumberWords.canonicalize(Normalizer().fold(text)).filter(NumberWords.isDigits)
    }

    /// What a choice card tells the learner about typing numbers, when its options are numbers.
    public static func numericOptionsNote(_ choices: [String]) -> String? {
        guard optionsAreNumeric(choices), let last = choices.indices.last else { return nil }
        return
            "(type a letter a–\(label(for: last)) for an option, or the number itself: a number is a value, not a position)"
    }

    /// The label shown for option `index`: `a`…`z`, then the 1-based number.
    public static func label(for index: Int) -> String {
        guard (0..<26).contains(index), let scalar = Unicode.Scalar(UInt32(97 + index)) else {
            return String(index + 1)
        }
        return String(Character(scalar))
    }

    /// The option a label reply names: a letter (`b`, `b)`, `(b)`, `b.`) or, unless `lettersOnly`,
    /// a 1-based number.
    static func choiceIndex(labelled reply: String, count: Int, lettersOnly: Bool = false) -> Int? {
        var text = Substring(reply.trimmingWhitespace.lowercased())
        if text.hasPrefix("("), text.hasSuffix(")") {
            text = text.dropFirst().dropLast()
        } else if let last = text.last, [")", ".", ":"].contains(last) {
            text = text.dropLast()
        }
        text = Substring(String(text).trimmingWhitespace)
        if text.count == 1, let scalar = text.unicodeScalars.first, ("a"..."z").contains(scalar) {
            let index = Int(scalar.value) - 97
            return index < count ? index : nil
        }
        guard !lettersOnly, (1...4).contains(text.count),
            text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }),
            let number = Int(text), number >= 1, number <= count
        else { return nil }
        return number - 1
    }
}

extension AnswerChecker {
    /// A label followed by the option's text, as copied from the screen (`b) Moscow`, `(b) Moscow`,
    /// `2. Moscow`): the option the label names and the text after it.
    static func labelledText(_ reply: String, count: Int, lettersOnly: Bool = false) -> (Int, String)? {
        let text = reply.trimmingWhitespace
        guard let space = text.firstIndex(where: \.isWhitespace) else { return nil }
        let label = text[..<space]
        guard label.hasSuffix(")") || label.hasSuffix(".") || label.hasSuffix(":") else { return nil }
        guard let index = choiceIndex(labelled: String(label), count: count, lettersOnly: lettersOnly) else {
            return nil
        }
        let rest = String(text[space...]).trimmingWhitespace
        return rest.isEmpty ? nil : (index, rest)
    }
}
