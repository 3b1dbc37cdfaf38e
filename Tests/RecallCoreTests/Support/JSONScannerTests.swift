import Testing

@testable import RecallCore

/// The one JSON reader's edge cases: numbers, escapes, surrogates, depth and where failures are.
@Suite struct JSONScannerTests {
    static func scanner(_ text: String) -> JSONScanner {
        JSONScanner(Array(text.utf8))
    }

    static let numbers = [
        "0", "-0", "7", "-12", "123456789012345", "1234567890123456789", "12345678901234567890123",
        "0.1", "0.000123", "2.3065", "-1.25E+2", "1e22", "1e23", "9007199254740993", "1.5e-300",
        "2.2250738585072014e-308", "5e-324", "1e-400", "0.30000000000000004", "100e-2", "1E0",
    ]

    @Test(arguments: numbers)
    func numbersReadAsTheStandardLibraryReadsThem(_ text: String) throws {
        var scanner = Self.scanner(text)
        let value = try scanner.number()
        let expected = try #require(Double(text))
        #expect(value.bitPattern == expected.bitPattern)
        #expect(scanner.isAtEnd)
    }

    @Test(arguments: numbers)
    func numbersFollowedByMoreTextReadTheSame(_ text: String) throws {
        // A byte after the number lets the slow path convert it in place.
        for after in [",", "}", " ", "x", "]"] {
            var scanner = Self.scanner(text + after)
            let value = try scanner.number()
            #expect(value.bitPattern == Double(text)?.bitPattern, "\(text)\(after)")
            #expect(scanner.offset == text.utf8.count)
        }
    }

    @Test func aZeroBeforeHexadecimalDigitsIsZero() throws {
        // strtod would read `0x1F` as 31; JSON's number ends at the 0.
        var scanner = Self.scanner("0x1F,")
        #expect(try scanner.number() == 0)
        #expect(scanner.offset == 1)
    }

    @Test func skippingANumberChecksWhatReadingItChecks() throws {
        let huge = "1" + String(repeating: "0", count: 400)
        for text in Self.numbers + ["1e400", "-1e309", huge, "1.5", "-", "01", "1.", "1e", "2.5e+5"] {
            var reading = Self.scanner(text + ",")
            var skipping = Self.scanner(text + ",")
            let read = Result { () throws(JSONScanner.Failure) in try reading.number() }
            let skipped = Result { () throws(JSONScanner.Failure) in try skipping.skipNumber() }
            switch (read, skipped) {
            case (.success, .success): #expect(skipping.offset == reading.offset, "\(text)")
            case (.failure(let a), .failure(let b)): #expect(a == b, "\(text)")
            default: Issue.record("'\(text)': read \(read), skipped \(skipped)")
            }
        }
    }

    @Test func randomDecimalsReadAsTheStandardLibraryReadsThem() throws {
        var random = SplitMix64(seed: 14)
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...20, using: &random)
            var text = Bool.random(using: &random) ? "-" : ""
            text += String(Int.random(in: 1...9, using: &random))
            for _ in 1..<digits { text += String(Int.random(in: 0...9, using: &random)) }
            let point = Int.random(in: 0...text.count, using: &random)
            if point > (text.hasPrefix("-") ? 1 : 0) && point < text.count {
                text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            }
            if Bool.random(using: &random) { text += "e\(Int.random(in: -30...30, using: &random))" }
            var scanner = Self.scanner(text)
            let value = try scanner.number()
            #expect(value.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    /// Long runs of digits read eight at a time: zeros leading a fraction, zeros among the
    /// digits, and runs that cross the 19 digits a number keeps.
    @Test func longDigitRunsReadAsTheStandardLibraryReadsThem() throws {
        var random = SplitMix64(seed: 15)
        for _ in 0..<20_000 {
            let run = (0..<Int.random(in: 1...40, using: &random)).map { _ in
                Bool.random(using: &random) ? "0" : String(Int.random(in: 0...9, using: &random))
            }.joined()
            let whole =
                Bool.random(using: &random) ? "0" : String(Int.random(in: 1...9, using: &random)) + run
            let text = whole + (Bool.random(using: &random) ? "." + run + "1" : "")
            var scanner = Self.scanner(text)
            let value = try scanner.number()
            #expect(value.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var text: String
        var problem: JSONScanner.Failure.Problem
        /// Where reading stopped, and where the token began.
        var offset: Int
        var start: Int
    }

    static let bad: [Bad] = [
        Bad(testDescription: "bare minus", text: "-", problem: .expectedDigit(.whole), offset: 1, start: 0),
        Bad(
            testDescription: "bare point", text: "-1.x", problem: .expectedDigit(.fraction), offset: 3,
            start: 0),
        Bad(
            testDescription: "bare exponent", text: "2e+", problem: .expectedDigit(.exponent), offset: 3,
            start: 0),
        Bad(testDescription: "huge", text: "1e400", problem: .numberOutOfRange, offset: 0, start: 0),
        Bad(testDescription: "plus sign", text: "+1", problem: .expectedValue, offset: 0, start: 0),
        Bad(
            testDescription: "broken literal", text: "nul", problem: .invalidLiteral("null"), offset: 3,
            start: 0),
        Bad(
            testDescription: "lone high surrogate", text: #""\ud800x""#, problem: .unpairedSurrogate,
            offset: 7, start: 7),
        Bad(
            testDescription: "high then not low", text: #""\ud800\u0041""#, problem: .unpairedSurrogate,
            offset: 13,
            start: 13),
        Bad(
            testDescription: "lone low surrogate", text: #""\udc00""#, problem: .unpairedSurrogate, offset: 7,
            start: 7),
        Bad(
            testDescription: "short hex", text: #""\u12G4""#, problem: .expectedHexDigits, offset: 5, start: 5
        ),
        Bad(
            testDescription: "unknown escape", text: #""a\x""#, problem: .unknownEscape("x"), offset: 3,
            start: 3),
        Bad(
            testDescription: "tab in string", text: "\"a\tb\"", problem: .controlCharacter, offset: 2,
            start: 0),
        Bad(
            testDescription: "unterminated", text: #"["abc"#, problem: .unterminatedString, offset: 5,
            start: 1),
        Bad(
            testDescription: "backslash at end", text: #""ab\"#, problem: .unterminatedString, offset: 4,
            start: 0),
        Bad(
            testDescription: "key without quotes", text: "{a: 1}", problem: .expectedKey, offset: 1, start: 1),
        Bad(
            testDescription: "missing colon", text: #"{"a" 1}"#, problem: .expectedColon, offset: 5, start: 5),
        Bad(
            testDescription: "missing comma", text: "[1 2]", problem: .expectedSeparator(close: "]"),
            offset: 3,
            start: 3),
        Bad(testDescription: "trailing comma", text: "[1,]", problem: .expectedValue, offset: 3, start: 3),
        Bad(
            testDescription: "truncated object", text: #"{"a": [1], "#, problem: .expectedKey, offset: 11,
            start: 11),
    ]

    @Test(arguments: bad)
    func failuresSayWhatAndWhere(_ bad: Bad) {
        var scanner = Self.scanner(bad.text)
        #expect(throws: JSONScanner.Failure(bad.problem, at: bad.offset, start: bad.start)) {
            try scanner.skipValue()
        }
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        var scanner = Self.scanner(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00é""#)
        let raw = try scanner.rawString()
        #expect(raw.hasEscapes)
        #expect(try scanner.string(raw) == "a\"b\\c/d\u{08}\u{0C}\n\r\té😀é")
        #expect(scanner.isAtEnd)
    }

    @Test func plainStringsAreComparedWithoutDecoding() throws {
        var scanner = Self.scanner(#""time" "ti\u006de""#)
        let plain = try scanner.rawString()
        scanner.skipWhiteSpace()
        let escaped = try scanner.rawString()
        #expect(!plain.hasEscapes)
        #expect(scanner.string(plain, equals: "time"))
        #expect(!scanner.string(plain, equals: "tim"))
        #expect(scanner.string(escaped, equals: "time"))
    }

    /// Plain bytes are scanned eight at a time: a quote, a backslash or a control character is
    /// found wherever it falls in or after a word, as byte-by-byte reading finds it.
    @Test(arguments: 0..<26)
    func aStringsEndIsFoundAtEveryOffset(_ plain: Int) throws {
        // Text bytes from both ends of what may stand in a string, not one of the three.
        let text = (0..<plain).map { [UInt8(0x20), 0x7E, 0xC3, 0xA9, 0x21, 0x5B, 0x5D, 0xFF][$0 % 8] }
        var closed = JSONScanner([0x22] + text + [0x22, 0x2C])
        let raw = try closed.rawString()
        #expect(raw.contents == 1..<(1 + plain))
        #expect(!raw.hasEscapes)
        #expect(closed.offset == plain + 2)

        var escaped = JSONScanner([0x22] + text + [0x5C, 0x6E, 0x22])  // \n"
        #expect(try escaped.rawString().hasEscapes)
        #expect(escaped.isAtEnd)

        var control = JSONScanner([0x22] + text + [0x1F] + Array(repeating: 0x61, count: 9) + [0x22])
        #expect(throws: JSONScanner.Failure(.controlCharacter, at: plain + 1, start: 0)) {
            try control.rawString()
        }
    }

    @Test func aWordMayEndAPlainRunOnlyWithAQuoteBackslashOrControlByte() {
        for byte in UInt8.min...UInt8.max {
            let ends = byte == 0x22 || byte == 0x5C || byte < 0x20
            for position in 0..<8 {
                var bytes = Array(repeating: UInt8(0x61), count: 8)
                bytes[position] = byte
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                if ends { #expect(JSONScanner.mayEndPlainRun(word), "byte \(byte) at \(position)") }
                if !ends { #expect(!JSONScanner.mayEndPlainRun(word), "byte \(byte) at \(position)") }
            }
        }
    }

    @Test func invalidUTF8IsFoundWhenTheStringIsDecodedNotWhenSkipped() throws {
        var scanner = JSONScanner([0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D])
        var skipper = scanner
        try skipper.skipValue()
        #expect(skipper.isAtEnd)
        _ = scanner.enterContainer()
        let raw = try scanner.rawString()
        #expect(throws: JSONScanner.Failure(.invalidUTF8, at: 2, start: 1)) { try scanner.string(raw) }
    }

    @Test func nestingIsLimitedWithoutRecursion() throws {
        let depth = JSONScanner.maximumDepth
        var deepest = Self.scanner(
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        try deepest.skipValue()
        #expect(deepest.isAtEnd)
        var tooDeep = Self.scanner(String(repeating: #"{"a":["#, count: 300) + "1")
        #expect(throws: JSONScanner.Failure(.tooDeep, at: 256 * 6, start: 256 * 6)) {
            try tooDeep.skipValue()
        }
    }

    @Test func skippingAWholeDocumentStopsAtItsEnd() throws {
        var scanner = Self.scanner(#" {"a": [1, -2.5e3, "x\"y", true, null, {}], "b": {"c": [[], {}]}} "#)
        scanner.skipWhiteSpace()
        try scanner.skipValue()
        #expect(scanner.offset == scanner.bytes.count - 1)
    }

    @Test func positionsCountLinesAndCharacters() {
        let scanner = Self.scanner("{\n  \"é😀\": x\n}")
        // The 'x' is on line 2 after two spaces, a quote, two characters, a quote, ':' and a space.
        let offset = scanner.bytes.firstIndex(of: UInt8(ascii: "x")) ?? 0
        #expect(scanner.lineColumn(of: offset) == (2, 9))
        #expect(scanner.lineColumn(of: 0) == (1, 1))
        #expect(scanner.lineColumn(of: 10_000) == (3, 2))
    }
}
