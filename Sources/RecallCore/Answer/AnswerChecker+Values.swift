/// Grading dates, bounded numbers and key-term descriptions typed as answers.
extension AnswerChecker {
    private static let months: [String: Int] = {
        var table: [String: Int] = [:]
        for (index, name) in DeckDate.monthNames.enumerated() {
            let word = name.lowercased()
            table[word] = index + 1
            table[String(word.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    /// Grades a reply to a date question: a year (`2002`, `in 2002`, `the year 2002`, `two thousand
    /// two`), a month and year (`January 2022`, `Jan 2022`, `2022-01`, `01/2022`), or a full date.
    /// A decade (`the 1990s`) is not a year. For a year question a month is extra (accepted; `close`
    /// when the deck knows it is the wrong month); for a month question it is required.
    ///
    /// - Returns: nil when the reply names no year (it is then graded by spelling).
    func gradeDate(_ reading: ReplyReading, date: DeckDate, key: AnswerKey) -> Grade? {
        let tokens = reading.tokens
        guard reading.isSearchable else { return nil }
        var used: Set<Int> = []
        var years: [Int] = []
        var months: [Int] = []
        for (index, token) in tokens.enumerated() {
            if token.count == 4, NumberWords.isDigits(token), let year = Int(token) {
                years.append(year)
                used.insert(index)
            } else if Self.isDecade(token) {
                return Grade.wrong(key.shown, because: "'\(reading.quoted)' names a decade, not the year")
            }
        }
        guard !years.isEmpty else { return nil }
        for (index, token) in tokens.enumerated() {
            guard let month = Self.months[token] else { continue }
            // `may` is a month only beside a year or a day.
            let beside = [index - 1, index + 1].filter(tokens.indices.contains)
            if token == "may", !beside.contains(where: { NumberWords.isDigits(tokens[$0]) }) { continue }
            months.append(month)
            used.insert(index)
            for neighbour in beside where Self.isDay(tokens[neighbour]) { used.insert(neighbour) }
            if index >= 2, tokens[index - 1] == "of", Self.isDay(tokens[index - 2]) {
                used.formUnion([index - 2, index - 1])
            }
        }
        for (index, token) in tokens.enumerated() where used.contains(index) && token.count == 4 {
            // ISO and numeric forms: 1991-12, 2022-01-06, 12/1991.
            guard let year = Int(token) else { continue }
            for (month, position) in Self.numericMonths(after: year, in: reading.raw) {
                let neighbour = position == .after ? index + 1 : index - 1
                guard tokens.indices.contains(neighbour), !used.contains(neighbour),
                    Int(tokens[neighbour]) == month
                else { continue }
                months.append(month)
                used.insert(neighbour)
                if position == .after, tokens.indices.contains(index + 2), Self.isDay(tokens[index + 2]) {
                    used.insert(index + 2)
                }
            }
        }
        if Set(years).count > 1 {
            return Grade.wrong(key.shown, because: "'\(reading.quoted)' names more than one year")
        }
        if Set(months).count > 1 {
            return Grade.wrong(key.shown, because: "'\(reading.quoted)' names more than one month")
        }
        guard years[0] == date.year else { return Grade.wrong(key.shown) }
        if let problem = wrappingProblem(reading, core: used, key: key, rightNames: []) {
            return Grade.wrong(key.shown, because: problem)
        }
        let month = months.first
        let isPlain =
            reading.tokens.count == 1
            || key.normalizedSpellings.contains { $0.canonical == tokens.joined(separator: " ") }
        let accepted = { (reason: String) in
            Grade.accepted(.correct, key.shown, matched: key.shown, because: isPlain ? nil : reason)
        }
        guard let expectedMonth = date.month else {
            guard month != nil else { return accepted("'\(reading.quoted)' names \(date.year)") }
            return Grade.accepted(
                .correct, key.shown, matched: key.shown,
                because: "'\(reading.quoted)' names the year \(date.year) (the month is more than was asked)")
        }
        let asksMonth = Self.asksMonth(key.prompt)
        switch (month, asksMonth) {
        case (expectedMonth?, _):
            return accepted("'\(reading.quoted)' names \(date.display)")
        case (nil, false):
            return accepted("'\(reading.quoted)' names \(date.year)")
        case (nil, true):
            return Grade.wrong(key.shown, because: "the question asks for the month too: \(date.display)")
        case (let wrong?, false):
            return Grade.accepted(
                .close, key.shown, matched: key.shown,
                because: "the year is right, but \(DeckDate.monthNames[wrong - 1]) is the wrong month")
        case (let wrong?, true):
            return Grade.wrong(
                key.shown,
                because: "\(DeckDate.monthNames[wrong - 1]) is the wrong month: it was \(date.display)")
        }
    }

    /// Whether a question about a dated fact asks for its month: unless it asks only for a year.
    static func asksMonth(_ prompt: String) -> Bool {
        let words = Set(Normalizer().fold(prompt))
        return words.contains("month") || !words.contains("year")
    }

    private static func isDecade(_ token: String) -> Bool {
        guard token.hasSuffix("s") else { return false }
        let digits = token.dropLast()
        return (2...4).contains(digits.count) && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
            && digits.hasSuffix("0")
    }

    private static func isDay(_ token: String) -> Bool {
        guard token.count <= 2, NumberWords.isDigits(token), let day = Int(token) else { return false }
        return (1...31).contains(day)
    }

    private enum Side { case before, after }

    /// Months written in digits beside `year` in the raw reply: `1991-12` (after), `12/1991` (before).
    private static func numericMonths(after year: Int, in raw: [Unicode.Scalar]) -> [(Int, Side)] {
        let digits = Array(String(year).unicodeScalars)
        let isDigit = { (s: Unicode.Scalar) in ("0"..."9").contains(s) }
        let separators: Set<Unicode.Scalar> = ["-", "/", ".", "\u{2013}"]
        var found: [(Int, Side)] = []
        var index = 0
        while index + digits.count <= raw.count {
            defer { index += 1 }
            guard Array(raw[index..<(index + digits.count)]) == digits else { continue }
            if index > 0, isDigit(raw[index - 1]) { continue }
            let end = index + digits.count
            if end < raw.count, separators.contains(raw[end]) {
                var cursor = end + 1
                var value = ""
                while cursor < raw.count, isDigit(raw[cursor]), value.count < 3 {
                    value.unicodeScalars.append(raw[cursor])
                    cursor += 1
                }
                if (1...2).contains(value.count), let month = Int(value), (1...12).contains(month) {
                    found.append((month, .after))
                }
            }
            if index >= 2, separators.contains(raw[index - 1]) {
                var cursor = index - 2
                var value = ""
                while cursor >= 0, isDigit(raw[cursor]), value.count < 3 {
                    value.unicodeScalars.insert(raw[cursor], at: value.unicodeScalars.startIndex)
                    cursor -= 1
                }
                if (1...2).contains(value.count), let month = Int(value), (1...12).contains(month) {
                    found.append((month, .before))
                }
            }
        }
        return found
    }

    /// Grades a reply to a number question: the figure (in digits or words), with a bound in front
    /// (`more than`, `over`, `at least`, `less than`, `under`, `up to`, `about` …) or behind
    /// (`2,000+`, `2000 or more`, `a week or so`). A bound that agrees with the deck's is correct;
    /// an opposite one is wrong; the bare figure for a bounded fact is `close` unless the fact says
    /// `accept-bare: true`.
    ///
    /// - Returns: nil when the reply gives no figure (it is then graded by spelling).
    func gradeNumber(_ reading: ReplyReading, number: AnswerKey.NumberValue, key: AnswerKey) -> Grade? {
        let tokens = reading.tokens
        guard reading.isSearchable else { return nil }
        let promptWords = key.promptWords
        let figures = tokens.indices.filter {
            NumberWords.isDigits(tokens[$0]) && !promptWords.contains(tokens[$0])
        }
        guard let position = figures.first else { return nil }
        if Set(figures.map { tokens[$0] }).count > 1 {
            return Grade.wrong(key.shown, because: "'\(reading.quoted)' gives more than one figure")
        }
        guard tokens[position] == String(number.value) else { return Grade.wrong(key.shown) }
        var used: Set<Int> = Set(figures)
        var said: NormalizedAnswer.Qualifier?
        if let (bound, start) = Normalizer.qualifier(endingBefore: position, in: tokens) {
            said = bound
            used.formUnion(start..<position)
        }
        if let (bound, end) = Normalizer.qualifier(startingAfter: position, in: tokens) {
            if let said, said != bound {
                return Grade.wrong(key.shown, because: "'\(reading.quoted)' gives two different bounds")
            }
            said = bound
            used.formUnion((position + 1)..<end)
        } else if Self.hasPlusSign(after: tokens[position], in: reading.raw) {
            said = .atLeast
        }
        if let problem = wrappingProblem(reading, core: used, key: key, rightNames: []) {
            return Grade.wrong(key.shown, because: problem)
        }
        let expected = key.shown
        let typed = normalizer.normalize(reading.quoted).canonical
        let isLiteral =
            said == number.bound && key.normalizedSpellings.contains { $0.canonical == typed }
        switch (number.bound, said) {
        case (nil, nil), (nil, .approximate?), (.approximate?, nil), (.approximate?, .approximate?):
            return Grade.accepted(
                .correct, expected, matched: expected,
                because: isLiteral || said == nil && tokens.count == 1
                    ? nil : "'\(reading.quoted)' gives \(expected)")
        case (let bound?, let said?) where bound == said:
            return Grade.accepted(
                .correct, expected, matched: expected,
                because: isLiteral ? nil : "'\(reading.quoted)' agrees with '\(expected)'")
        case (.atLeast?, .atMost?), (.atMost?, .atLeast?), (nil, _):
            return Grade.wrong(expected, because: "'\(reading.quoted)' contradicts '\(expected)'")
        case (.approximate?, _):
            return Grade.accepted(
                .close, expected, matched: expected,
                because: "'\(reading.quoted)' is near, but the answer is \(expected)")
        case (_?, nil) where number.acceptsBare:
            return Grade.accepted(
                .correct, expected, matched: expected,
                because: "'\(reading.quoted)' is the figure of '\(expected)'")
        case (_?, _):
            return Grade.accepted(
                .close, expected, matched: expected,
                because: "'\(reading.quoted)' leaves out the bound: the answer is \(expected)")
        }
    }

    /// Whether `figure` is written with a `+` after it in the raw reply (`2,000+`, `2000 +`).
    private static func hasPlusSign(after figure: String, in raw: [Unicode.Scalar]) -> Bool {
        guard let plus = raw.lastIndex(of: "+") else { return false }
        var digits = ""
        var cursor = plus - 1
        while cursor >= 0, raw[cursor] == " " { cursor -= 1 }
        while cursor >= 0, ("0"..."9").contains(raw[cursor]) || raw[cursor] == "," || raw[cursor] == " " {
            if raw[cursor] != ",", raw[cursor] != " " {
                digits.unicodeScalars.insert(raw[cursor], at: digits.unicodeScalars.startIndex)
            }
            cursor -= 1
        }
        return digits == figure
    }
}
