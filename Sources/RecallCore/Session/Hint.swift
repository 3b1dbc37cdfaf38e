/// Progressive hints: each level reveals a little more of the answer, never all of it.
public enum Hint {
    /// The hint at `level` (1, 2, …) for `card`, or nil when no further hint would leave anything to recall.
    public static func reveal(_ card: Card, level: Int) -> String? {
        guard level >= 1 else { return nil }
        switch card.kind {
        case .choice:
            // Strike out wrong options one by one, keeping two to choose from.
            guard let answer = card.answerIndex else { return nil }
            let wrong = card.choices.indices.filter { $0 != answer }
            guard level <= wrong.count - 1 else { return nil }
            let struck = wrong.prefix(level).map { AnswerChecker.label(for: $0) + ")" }
            return "not " + struck.joined(separator: ", ")
        case .trueFalse:
            return nil
        case .set:
            guard level < card.items.count else { return nil }
            let names = card.items.prefix(level).compactMap(\.first)
            return "includes " + names.joined(separator: ", ") + " (\(card.items.count) in all)"
        case .order:
            guard level < card.order.count - 1 else { return nil }
            return "starts with "
                + card.order.prefix(level).map { AnswerChecker.label(for: $0) }.joined(separator: " ")
        case .typed, .reverse, .cloze, .free:
            return masked(card.answer, level: level)
        }
    }

    /// `M_____` then `Mo____`: the first `level` letters of each word, the rest as underscores.
    static func masked(_ answer: String, level: Int) -> String? {
        let letters = answer.filter { $0.isLetter || $0.isNumber }.count
        let shownPerWord = level
        var shown = 0
        var result = ""
        for word in answer.split(separator: " ", omittingEmptySubsequences: false) {
            if !result.isEmpty { result += " " }
            var index = 0
            for character in word {
                if character.isLetter || character.isNumber {
                    if index < shownPerWord {
                        result.append(character)
                        shown += 1
                    } else {
                        result.append("_")
                    }
                    index += 1
                } else {
                    result.append(character)
                }
            }
        }
        return shown < letters ? result : nil
    }
}
