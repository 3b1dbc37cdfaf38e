/// How learners say true and false: `yes`, `y`, `t`, `right`, `correct`, `yep`, `nope`, `not true`,
/// `I think it's false`, and typos of the longer words (`ture`, `flase`).
enum TruthWords {
    /// What a reply says, and whether it had to be read (a word other than `true`/`false`/`t`/`f`,
    /// a typo, or words around it).
    struct Reading {
        var value: Bool
        var isLiteral: Bool
        var isTypo: Bool
    }

    private static let trueWords: Set<String> = [
        "t", "true", "yes", "y", "yeah", "yep", "yup", "ya", "yea", "yah", "aye", "right", "correct", "1",
        "affirmative", "indeed", "tru",
    ]
    private static let falseWords: Set<String> = [
        "f", "false", "no", "n", "nope", "nah", "nay", "wrong", "incorrect", "0", "negative", "untrue",
        "fals",
    ]
    /// Longer words a typo may be read as (one edit; `tru` and `fals` are listed as they are).
    private static let typoTargets: [(String, Bool)] = [
        ("true", true), ("false", false), ("correct", true), ("incorrect", false), ("right", true),
        ("wrong", false), ("nope", false),
    ]
    private static let fillers: Set<String> = [
        "i", "think", "believe", "guess", "say", "would", "id", "its", "it", "is", "was", "thats", "that",
        "this", "statement", "the", "definitely", "probably", "absolutely", "totally", "certainly",
        "surely", "quite", "very", "100", "answer", "my", "im", "pretty", "of", "course", "s", "a", "all",
        "completely", "entirely", "so",
    ]
    private static let negations: Set<String> = ["not", "isnt", "wasnt", "aint", "hardly"]

    /// What `reply` says, if it reads as true or false.
    static func read(_ reply: String) -> Reading? {
        let words = Normalizer().fold(reply)
        guard !words.isEmpty, words.count <= 12 else { return nil }
        // Digits only as the whole reply (`1`, `0.`), never inside one (`-1`, `1 0`).
        if words.contains(where: NumberWords.isDigits), words.count != 1 || reply.contains("-") {
            return nil
        }
        var said: Bool?
        var negated = false
        var isTypo = false
        var isLiteral = words.count == 1
        for word in words {
            let value: Bool
            if trueWords.contains(word) {
                value = true
            } else if falseWords.contains(word) {
                value = false
            } else if negations.contains(word) {
                negated.toggle()
                isLiteral = false
                continue
            } else if fillers.contains(word) {
                isLiteral = false
                continue
            } else if let typo = typoTargets.first(where: { target, _ in
                word.count >= 3 && EditDistance.optimalStringAlignment(word, target, limit: 1) <= 1
            }) {
                value = typo.1
                isTypo = true
            } else {
                return nil
            }
            guard said == nil || said == value else { return nil }
            said = value
            if !["t", "f", "true", "false"].contains(word) { isLiteral = false }
        }
        guard let said else { return nil }
        return Reading(value: negated ? !said : said, isLiteral: isLiteral, isTypo: isTypo)
    }
}

extension AnswerChecker {
    /// Grades a true/false reply: `true`, `t`, `yes`, `y`, `right`, `correct`, `yep` … or `false`,
    /// `f`, `no`, `n`, `wrong`, `incorrect`, `nope` …, in any case, with filler (`I think it's
    /// true`), negation (`not true`) and typos (`ture`, `flase`); anything else is wrong.
    public func gradeTrueFalse(_ reply: String, answer: Bool) -> Grade {
        let expected = answer ? "true" : "false"
        let quoted = Normalizer.capped(reply).trimmingWhitespace
        guard let reading = TruthWords.read(Normalizer.capped(reply)) else {
            let said = quoted.isEmpty ? nil : "'\(quoted.prefix(60))' reads as neither true nor false"
            return Grade.wrong(expected, because: said)
        }
        let meaning =
            "'\(quoted)' \(reading.isTypo ? "reads as" : "means") \(reading.value ? "true" : "false")"
        guard reading.value == answer else {
            return Grade.wrong(expected, because: reading.isLiteral ? nil : meaning)
        }
        return Grade.accepted(
            .correct, expected, matched: expected, because: reading.isLiteral ? nil : meaning)
    }
}
