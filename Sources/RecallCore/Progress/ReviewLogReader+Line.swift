import Foundation

extension ReviewLogReader {
    /// An answer line read on `JSONScanner` without making `String`s of its id and card: byte
    /// ranges into the line's buffer, and the numbers.
    struct AnswerLine {
        var sequence = -1
        var id: JSONScanner.RawString?
        var card: JSONScanner.RawString?
        var time = Double.nan
        var rating: Rating?
        var answer: JSONScanner.RawString?
        var verdict: Grade.Verdict?
        var seconds = Double.nan
        var hasState = false
    }

    /// Reads the line in `scanner.bytes[scanner.offset..<end]` as an answer line
    /// (`{"seq":…,"review":{…},"state":{…}}`, keys in any order, `state` optional), or returns nil
    /// for anything else: another kind of line, a key or value `Journal.Entry` reads differently
    /// (null, an escaped key, a fraction where an integer belongs, a repeated key) or damage.
    /// Those lines go through `Journal.entry`, which reads every line and reports errors, so this
    /// reader accepts only lines it reads exactly as `Journal.Entry` does.
    static func answerLine(_ scanner: inout JSONScanner, end: Int) -> AnswerLine? {
        let start = scanner.offset
        if let line = try? answerLineInWritersLayout(&scanner, end: end) { return line }
        scanner.offset = start
        return answerLineKeyByKey(&scanner, end: end)
    }

    /// `answerLine` for the layout `Journal.line` writes, matched literally (most lines): the
    /// values are read as `answerLineKeyByKey` reads them; nil for any other layout.
    private static func answerLineInWritersLayout(_ scanner: inout JSONScanner, end: Int) throws(JSONScanner
        .Failure)
        -> AnswerLine?
    {
        var line = AnswerLine()
        guard scanner.skip("{\"seq\":"), let sequence = try scanner.plainInteger(),
            scanner.skip(",\"review\":{\"id\":"),
            let id = try scanner.text()
        else { return nil }
        line.sequence = sequence
        line.id = id
        guard scanner.skip(",\"card\":"), let card = try scanner.text() else { return nil }
        line.card = card
        guard scanner.skip(",\"at\":"), scanner.nextKind == .number else { return nil }
        line.time = try scanner.number()
        guard scanner.skip(",\"rating\":"), let value = try scanner.plainInteger(),
            let rating = Rating(rawValue: value),
            scanner.skip(",\"answer\":"), let answer = try scanner.text(), scanner.skip(",\"verdict\":\"")
        else { return nil }
        line.rating = rating
        line.answer = answer
        if scanner.skip("correct\"") {
            line.verdict = .correct
        } else if scanner.skip("wrong\"") {
            line.verdict = .wrong
        } else if scanner.skip("close\"") {
            line.verdict = .close
        } else {
            return nil
        }
        guard scanner.skip(",\"seconds\":"), scanner.nextKind == .number else { return nil }
        line.seconds = try scanner.number()
        if scanner.skip(",\"hints\":") {
            guard try scanner.plainInteger() != nil else { return nil }
        }
        _ = scanner.skip(",\"overridden\":true")
        guard scanner.skip("}") else { return nil }
        if scanner.skip(",\"state\":{\"phase\":\"") {
            guard scanner.skip("Review\"") || scanner.skip("Learning\"") || scanner.skip("Relearning\"")
            else {
                return nil
            }
            if scanner.skip(",\"step\":") {
                guard try scanner.plainInteger() != nil else { return nil }
            }
            if scanner.skip(",\"stability\":") {
                guard scanner.nextKind == .number else { return nil }
                try scanner.skipNumber()
            }
            if scanner.skip(",\"difficulty\":") {
                guard scanner.nextKind == .number else { return nil }
                try scanner.skipNumber()
            }
            guard scanner.skip(",\"due\":"), scanner.nextKind == .number else { return nil }
            try scanner.skipNumber()
            if scanner.skip(",\"last_review\":") {
                guard scanner.nextKind == .number else { return nil }
                try scanner.skipNumber()
            }
            guard scanner.skip("}") else { return nil }
            line.hasState = true
        }
        guard scanner.skip("}"), scanner.offset == end else { return nil }
        return line
    }

    /// `answerLine` key by key, in any order.
    private static func answerLineKeyByKey(_ scanner: inout JSONScanner, end: Int) -> AnswerLine? {
        var line = AnswerLine()
        do {
            scanner.skipWhiteSpace()
            guard scanner.next == UInt8(ascii: "{"), scanner.enterContainer() else { return nil }
            var sawReview = false
            repeat {
                let key = try scanner.key()
                if key.hasEscapes { return nil }
                if scanner.string(key, equals: "seq") {
                    guard line.sequence < 0, let sequence = try scanner.plainInteger() else { return nil }
                    line.sequence = sequence
                } else if scanner.string(key, equals: "review") {
                    guard !sawReview, try review(&scanner, into: &line) else { return nil }
                    sawReview = true
                } else if scanner.string(key, equals: "state") {
                    guard !line.hasState, try isState(&scanner) else { return nil }
                    line.hasState = true
                } else {
                    return nil
                }
                scanner.skipWhiteSpace()
            } while try scanner.nextInContainer(close: UInt8(ascii: "}"))
        } catch {
            return nil
        }
        // Only white space after the object, and nothing read past the line's end.
        while scanner.offset < end, [0x20, 0x09, 0x0D].contains(scanner.bytes[scanner.offset]) {
            scanner.offset += 1
        }
        guard scanner.offset == end, line.sequence >= 0, line.id != nil, line.card != nil,
            line.rating != nil, line.verdict != nil, line.answer != nil, !line.time.isNaN, !line.seconds.isNaN
        else { return nil }
        return line
    }

    /// Reads a review object into `line`; false for anything `Review`'s decoder might read otherwise.
    private static func review(_ scanner: inout JSONScanner, into line: inout AnswerLine) throws(JSONScanner
        .Failure)
        -> Bool
    {
        guard scanner.next == UInt8(ascii: "{"), scanner.enterContainer() else { return false }
        var seen: UInt16 = 0
        repeat {
            let key = try scanner.key()
            guard !key.hasEscapes,
                let bit = scanner.keyNumber(key, in: reviewKeys, after: seen),
                seen & (1 << bit) == 0
            else { return false }
            seen |= 1 << bit
            switch bit {
            case 0, 1, 4:  // id, card, answer
                guard scanner.next == UInt8(ascii: "\""), case let raw = try scanner.rawString(),
                    scanner.isText(raw)
                else { return false }
                if bit == 0 { line.id = raw } else if bit == 1 { line.card = raw } else { line.answer = raw }
            case 2, 6:  // at, seconds
                guard scanner.nextKind == .number else { return false }
                let value = try scanner.number()
                if bit == 2 { line.time = value } else { line.seconds = value }
            case 3:
                guard let value = try scanner.plainInteger(), let rating = Rating(rawValue: value) else {
                    return false
                }
                line.rating = rating
            case 5:
                guard scanner.next == UInt8(ascii: "\""), case let raw = try scanner.rawString(),
                    let verdict = verdicts.first(where: { scanner.string(raw, equals: $0.text) })?.verdict
                else { return false }
                line.verdict = verdict
            case 7:  // hints
                guard try scanner.plainInteger() != nil else { return false }
            default:  // overridden
                guard scanner.nextKind == .literal, try scanner.literal() != nil else { return false }
            }
            scanner.skipWhiteSpace()
        } while try scanner.nextInContainer(close: UInt8(ascii: "}"))
        return true
    }

    private static let reviewKeys: [StaticString] = [
        "id", "card", "at", "rating", "answer", "verdict", "seconds", "hints", "overridden",
    ]
    private static let verdicts: [(text: StaticString, verdict: Grade.Verdict)] = [
        ("correct", .correct), ("close", .close), ("wrong", .wrong),
    ]
    private static let stateKeys: [StaticString] = [
        "phase", "step", "stability", "difficulty", "due", "last_review", "lastReview",
    ]
    private static let phases: [StaticString] = ["Learning", "Review", "Relearning"]

    /// Checks a state object as `CardState`'s decoder reads it (the values are not needed: the
    /// snapshot's states reflect these lines).
    private static func isState(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> Bool {
        guard scanner.next == UInt8(ascii: "{"), scanner.enterContainer() else { return false }
        var seen: UInt16 = 0
        repeat {
            let key = try scanner.key()
            guard !key.hasEscapes, let bit = scanner.keyNumber(key, in: stateKeys, after: seen),
                seen & (1 << bit) == 0
            else { return false }
            seen |= 1 << bit
            switch bit {
            case 0:
                guard scanner.next == UInt8(ascii: "\""), case let raw = try scanner.rawString(),
                    phases.contains(where: { scanner.string(raw, equals: $0) })
                else { return false }
            case 1:
                guard try scanner.plainInteger() != nil else { return false }
            default:
                guard scanner.nextKind == .number else { return false }
                try scanner.skipNumber()
            }
            scanner.skipWhiteSpace()
        } while try scanner.nextInContainer(close: UInt8(ascii: "}"))
        return seen & 0b1_0001 == 0b1_0001  // phase and due
    }
}

extension JSONScanner {
    /// Reads a number written as a plain integer (digits, an optional '-', no fraction or
    /// exponent) that fits an `Int` exactly; nil (having read it) for any other number or value.
    fileprivate mutating func plainInteger() throws(Failure) -> Int? {
        guard nextKind == .number else { return nil }
        let start = offset
        // The common case, up to 15 digits without a leading zero and with nothing after them that
        // belongs to a number, read directly; anything else as any number, then judged.
        var index = offset
        let isNegative = bytes[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }
        let digitsStart = index
        var direct = 0
        while index < bytes.count, index - digitsStart < 16 {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            direct = direct &* 10 &+ Int(digit)
            index += 1
        }
        let count = index - digitsStart
        if count > 0, count < 16, bytes[digitsStart] != UInt8(ascii: "0") || count == 1 {
            let next = index < bytes.count ? bytes[index] : 0
            if next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E"),
                !(next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9"))
            {
                offset = index
                return isNegative ? -direct : direct
            }
        }
        let value = try number()
        guard
            bytes[start..<offset].allSatisfy({
                ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
            }),
            abs(value) < 9.0e15, let integer = Int(exactly: value)
        else { return nil }
        return integer
    }

    /// The position of a key in `keys`, trying first the one after the last of those `seen`
    /// (one bit each): the writer's order.
    fileprivate func keyNumber(_ key: RawString, in keys: [StaticString], after seen: UInt16) -> Int? {
        let expected = seen == 0 ? 0 : 16 - seen.leadingZeroBitCount
        if expected < keys.count, string(key, equals: keys[expected]) { return expected }
        return keys.firstIndex { string(key, equals: $0) }
    }

    /// Reads a string that is text (see `isText`), or nil (having read it) for anything else.
    fileprivate mutating func text() throws(Failure) -> RawString? {
        guard next == UInt8(ascii: "\""), case let raw = try rawString(), isText(raw) else { return nil }
        return raw
    }

    /// Whether a raw string's bytes are text (UTF-8, when it has bytes beyond ASCII or escapes).
    fileprivate func isText(_ raw: RawString) -> Bool {
        let isASCII = bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[raw.contents]).isASCII }
        if !raw.hasEscapes, isASCII { return true }
        // Beyond ASCII, or with escapes: text if it decodes.
        return (try? string(raw)) != nil
    }
}
