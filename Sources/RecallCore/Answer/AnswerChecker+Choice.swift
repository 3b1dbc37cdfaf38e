/// Grading multiple choice and true/false replies.
extension AnswerChecker {
    /// Grades a multiple-choice reply: the option's letter (`b`, `B`, `b)`, `(b)`, `b.`), its
    /// 1-based number, the label followed by the option as shown (`b) Moscow`), or its text. Text may carry a typo only when it is strictly nearer to the
    /// right option than to any other and names nothing else in the vocabulary.
    ///
    /// A label takes precedence over text, so with numeric options `2` means the second option.
    public func gradeChoice(_ reply: String, choices: [String], answerIndex: Int) -> Grade {
        guard choices.indices.contains(answerIndex) else {
            return Grade(verdict: .wrong, score: 0, expected: "")
        }
        let expected = "\(Self.label(for: answerIndex))) \(choices[answerIndex])"
        let right = Grade(verdict: .correct, score: 1, expected: expected)
        let wrong = Grade(verdict: .wrong, score: 0, expected: expected)
        let reply = Normalizer.capped(reply)
        if let index = Self.choiceIndex(labelled: reply, count: choices.count) {
            return index == answerIndex ? right : wrong
        }
        let options = choices.map { [normalizer.normalize($0)] }
        if let (index, text) = Self.labelledText(reply, count: choices.count) {
            // The label chooses; the copied text only has to not name a different option.
            let named = normalizer.normalize(text)
            let namesOther = options.indices.contains {
                $0 != index && options[$0][0].isEquivalent(to: named)
            }
            return index == answerIndex && !namesOther ? right : wrong
        }
        let normalizedReply = normalizer.normalize(reply)
        guard !normalizedReply.isEmpty else { return wrong }
        let exact = options.indices.filter { options[$0].contains(where: normalizedReply.isEquivalent) }
        if !exact.isEmpty { return exact.contains(answerIndex) ? right : wrong }

        guard case .close(let distance) = match(normalizedReply, against: options[answerIndex]) else {
            return wrong
        }
        let others = options.indices.filter { $0 != answerIndex }.map { options[$0] }
        if namesSomethingElse(
            normalizedReply, distance: distance, rightNames: options[answerIndex], otherGroups: others)
        {
            return wrong
        }
        return Grade(verdict: .close, score: 1, expected: expected)
    }

    /// Grades a true/false reply: `t`, `true`, `yes`, `y`, `1` or `f`, `false`, `no`, `n`, `0`,
    /// in any case; anything else is wrong.
    public func gradeTrueFalse(_ reply: String, answer: Bool) -> Grade {
        let expected = answer ? "true" : "false"
        guard let said = Self.truthValue(of: reply), said == answer else {
            return Grade(verdict: .wrong, score: 0, expected: expected)
        }
        return Grade(verdict: .correct, score: 1, expected: expected)
    }

    /// What a true/false reply says: case-insensitive, trailing `.` or `!` ignored.
    static func truthValue(of reply: String) -> Bool? {
        var text = Substring(Normalizer.capped(reply).trimmingWhitespace.lowercased())
        while let last = text.last, last == "." || last == "!" { text = text.dropLast() }
        switch text {
        case "t", "true", "yes", "y", "1": return true
        case "f", "false", "no", "n", "0": return false
        default: return nil
        }
    }

    /// The label shown for option `index`: `a`…`z`, then the 1-based number.
    public static func label(for index: Int) -> String {
        guard (0..<26).contains(index), let scalar = Unicode.Scalar(UInt32(97 + index)) else {
            return String(index + 1)
        }
        return String(Character(scalar))
    }

    /// The option a label reply names: a letter (`b`, `b)`, `(b)`, `b.`) or a 1-based number.
    static func choiceIndex(labelled reply: String, count: Int) -> Int? {
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
        guard (1...4).contains(text.count), text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }),
            let number = Int(text), number >= 1, number <= count
        else { return nil }
        return number - 1
    }
}

extension AnswerChecker {
    /// A label followed by the option's text, as copied from the screen (`b) Moscow`, `(b) Moscow`,
    /// `2. Moscow`): the option the label names and the text after it.
    static func labelledText(_ reply: String, count: Int) -> (Int, String)? {
        let text = reply.trimmingWhitespace
        guard let space = text.firstIndex(where: \.isWhitespace) else { return nil }
        let label = text[..<space]
        guard label.hasSuffix(")") || label.hasSuffix(".") || label.hasSuffix(":") else { return nil }
        guard let index = choiceIndex(labelled: String(label), count: count) else { return nil }
        let rest = String(text[space...]).trimmingWhitespace
        return rest.isEmpty ? nil : (index, rest)
    }
}
