/// Reading one number phrase (`two thousand and twelve`, `a hundred`, `3 million`, `twenty-first`).
extension NumberWords {
    struct Phrase {
        var value: Int
        /// Index just past the phrase.
        var end: Int
        /// A plain 10…99 made of words (`nineteen`, `ninety two`): half of a spoken year.
        var isPairable: Bool
    }

    private struct Accumulator {
        var total = 0
        var current = 0
        var last: Kind?
        var smallestScale = Int.max
        var wordCount = 0
        var sawLarge = false

        /// Adds `word`; false when it cannot continue the phrase (or the value would overflow).
        mutating func add(_ word: Word) -> Bool {
            guard accepts(word) else { return false }
            switch word.kind {
            case .unit, .teen, .ten:
                current += word.value
            case .hundred:
                current = max(current, 1) * 100
                sawLarge = true
            case .scale:
                let (product, overflow) = max(current, 1).multipliedReportingOverflow(by: word.value)
                let (sum, overflow2) = total.addingReportingOverflow(product)
                guard !overflow, !overflow2 else { return false }
                total = sum
                current = 0
                smallestScale = word.value
                sawLarge = true
            }
            last = word.kind
            wordCount += 1
            return true
        }

        func accepts(_ word: Word) -> Bool {
            switch word.kind {
            case .unit:
                if word.value == 0 { return last == nil }
                return last == nil || last == .ten || last == .hundred || last == .scale
            case .teen, .ten:
                return last == nil || last == .hundred || last == .scale
            case .hundred:
                return current < 100 && last != .hundred && last != .scale
            case .scale:
                return word.value < smallestScale && last != .scale
            }
        }

        var value: Int { total + current }
    }

    /// The number phrase starting at `start`, if one does.
    static func readPhrase(_ tokens: [String], from start: Int) -> Phrase? {
        var accumulator = Accumulator()
        var index = start
        if let (value, scale) = decimalTimesScale(tokens, at: start) {
            accumulator.total = value
            accumulator.smallestScale = scale
            accumulator.last = .scale
            accumulator.sawLarge = true
            accumulator.wordCount = 1
            index += 2
        } else if let lead = leadingMultiplier(tokens, at: start) {
            accumulator.current = lead
            accumulator.last = .unit
            index += 1
        }
        while index < tokens.count {
            let token = tokens[index]
            if token == "and", accumulator.last == .hundred || accumulator.last == .scale,
                index + 1 < tokens.count, let next = word(tokens[index + 1]), next.kind != .scale,
                next.kind != .hundred
            {
                index += 1
                continue
            }
            guard let word = word(token), accumulator.add(word) else { break }
            index += 1
            if word.isOrdinal { break }
        }
        guard accumulator.wordCount > 0 else { return nil }
        let value = accumulator.value
        let isPairable = !accumulator.sawLarge && (10...99).contains(value)
        return Phrase(value: value, end: index, isPairable: isPairable)
    }

    /// `1.5 million` → (1500000, 1000000): a decimal before `thousand`, `million` or `billion`,
    /// when the product is a whole number.
    private static func decimalTimesScale(_ tokens: [String], at index: Int) -> (Int, Int)? {
        guard index + 1 < tokens.count, let next = word(tokens[index + 1]), next.kind == .scale else {
            return nil
        }
        let parts = tokens[index].split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...9).contains(parts[0].count), (1...9).contains(parts[1].count),
            let whole = Int(parts[0]), let fraction = Int(parts[1])
        else { return nil }
        var divisor = 1
        for _ in 0..<parts[1].count { divisor *= 10 }
        guard next.value % divisor == 0 else { return nil }
        return (whole * next.value + fraction * (next.value / divisor), next.value)
    }

    /// A value that multiplies a following `hundred`/`thousand`/… word: `a`/`an` (1) or digits
    /// (`3 million`).
    private static func leadingMultiplier(_ tokens: [String], at index: Int) -> Int? {
        guard index + 1 < tokens.count, let next = word(tokens[index + 1]),
            next.kind == .hundred || next.kind == .scale
        else { return nil }
        let token = tokens[index]
        if token == "a" || token == "an" { return 1 }
        guard token.count <= 9, token.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            return nil
        }
        return Int(token)
    }
}
