#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The one JSON reader: a cursor over UTF-8 bytes that reads JSON (RFC 8259) strictly, one token
/// at a time, and knows where it is.
///
/// `JSONValue.parse` builds a tree with it, `JSONLocator` walks it to a position for messages, and
/// bulk readers (the replay request) read straight from the bytes into their own values without a
/// tree. Every failure is a `Failure`: what was wrong and the byte offset where reading stopped
/// (plus where the token began), which `lineColumn(of:)` turns into a line and a column.
public struct JSONScanner: Sendable {
    /// The text being read.
    public let bytes: [UInt8]
    /// The byte offset of the next byte to read.
    public var offset = 0

    /// Containers nested deeper than this are refused rather than risking the stack.
    public static let maximumDepth = 512

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Why the text is not JSON, and where.
    public struct Failure: Error, Equatable, Sendable {
        public enum Problem: Equatable, Sendable {
            /// A byte (or the end) where a value must begin.
            case expectedValue
            /// A word that begins like `true`, `false` or `null` but is not it.
            case invalidLiteral(String)
            /// Something other than a quoted key where an object needs one.
            case expectedKey
            /// A key not followed by ':'.
            case expectedColon
            /// A value in an object or array not followed by ',' or the closing bracket.
            case expectedSeparator(close: Character)
            /// The end of the text inside a string.
            case unterminatedString
            /// A raw control character (below U+0020) inside a string.
            case controlCharacter
            /// A backslash followed by a character JSON gives no meaning.
            case unknownEscape(Character)
            /// `\u` not followed by four hexadecimal digits.
            case expectedHexDigits
            /// A `\u` escape of half a surrogate pair without its other half.
            case unpairedSurrogate
            /// A string's bytes are not UTF-8.
            case invalidUTF8
            /// A number missing a digit: in its whole part, after '.', or in its exponent.
            case expectedDigit(NumberPart)
            /// A number too large for a `Double`.
            case numberOutOfRange
            /// Containers nested deeper than `maximumDepth`.
            case tooDeep
            /// Text after the end of the one value a document holds.
            case trailingText
        }

        public enum NumberPart: Sendable {
            case whole, fraction, exponent
        }

        public var problem: Problem
        /// Where reading stopped.
        public var offset: Int
        /// Where the token that failed began (the opening quote of a string, a number's first byte).
        public var start: Int

        public init(_ problem: Problem, at offset: Int, start: Int? = nil) {
            self.problem = problem
            self.offset = offset
            self.start = start ?? offset
        }
    }

    /// A string as it stands in the text: the bytes between its quotes, which are plain UTF-8 when
    /// it has no escapes. Checked for structure (escapes, control characters) but not for UTF-8.
    public struct RawString: Sendable, Equatable {
        public var contents: Range<Int>
        public var hasEscapes: Bool
    }

    /// What a value is, judged from its first byte.
    public enum Kind: Sendable {
        case object, array, string, number, literal
    }

    // MARK: Position

    /// The next byte, or nil at the end.
    public var next: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    public var isAtEnd: Bool { offset >= bytes.count }

    /// The kind of value that begins at the next byte, or nil if none can.
    public var nextKind: Kind? {
        switch next {
        case UInt8(ascii: "{")?: .object
        case UInt8(ascii: "[")?: .array
        case UInt8(ascii: "\"")?: .string
        case UInt8(ascii: "-")?, (UInt8(ascii: "0")...UInt8(ascii: "9"))?: .number
        case UInt8(ascii: "t")?, UInt8(ascii: "f")?, UInt8(ascii: "n")?: .literal
        default: nil
        }
    }

    /// The 1-based line and column (in characters, not bytes) of a byte offset.
    public func lineColumn(of position: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(max(position, 0), bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    public func failure(_ problem: Failure.Problem, start: Int? = nil) -> Failure {
        Failure(problem, at: offset, start: start)
    }

    // MARK: Structure

    @inline(__always)
    public mutating func skipWhiteSpace() {
        // Compact JSON has none: one test in place before the loop (a bulk reader calls this
        // around every key and value).
        guard offset < bytes.count, bytes[offset] <= 0x20 else { return }
        skipWhiteSpaceRun()
    }

    private mutating func skipWhiteSpaceRun() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// Consumes `byte` if it is next.
    public mutating func skip(_ byte: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    /// Consumes `text` if the bytes that follow are exactly it (for readers that expect a
    /// writer's layout and fall back to reading key by key).
    public mutating func skip(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let matches = bytes.withUnsafeBytes { buffer in
            text.withUTF8Buffer { expected in
                guard let base = buffer.baseAddress, let start = expected.baseAddress else {
                    return count == 0
                }
                return memcmp(base + offset, start, count) == 0
            }
        }
        if matches { offset += count }
        return matches
    }

    /// At '{' or '[': consumes it and the white space after; returns false (having consumed the
    /// closing bracket too) if the container is empty.
    public mutating func enterContainer() -> Bool {
        let close = bytes[offset] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        offset += 1
        skipWhiteSpace()
        return !skip(close)
    }

    /// After a member or element (and any white space): consumes ',' and the white space after it
    /// and returns true, or consumes the closing bracket and returns false.
    public mutating func nextInContainer(close: UInt8) throws(Failure) -> Bool {
        if skip(UInt8(ascii: ",")) {
            skipWhiteSpace()
            return true
        }
        if skip(close) { return false }
        throw failure(.expectedSeparator(close: Character(Unicode.Scalar(close))))
    }

    /// Reads a member's key and the ':' after it, with the white space around the ':'.
    public mutating func key() throws(Failure) -> RawString {
        guard next == UInt8(ascii: "\"") else { throw failure(.expectedKey) }
        let key = try rawString()
        skipWhiteSpace()
        guard skip(UInt8(ascii: ":")) else { throw failure(.expectedColon) }
        skipWhiteSpace()
        return key
    }

    /// Whether a string read with `rawString()` is exactly `text` (compared after unescaping).
    @inline(__always)
    public func string(_ raw: RawString, equals text: StaticString) -> Bool {
        if raw.hasEscapes { return (try? string(raw)) == text.description }
        // Byte by byte in place: bulk readers compare every key they meet with the few they know.
        guard text.hasPointerRepresentation else { return (try? string(raw)) == text.description }
        let count = text.utf8CodeUnitCount
        guard count == raw.contents.count else { return false }
        let expected = text.utf8Start
        return withContents(of: raw) { contents in
            for index in 0..<count where contents[index] != expected[index] { return false }
            return true
        }
    }

    /// Calls `body` with the bytes between a string's quotes, in place (no slice of the text, so
    /// no reference count taken), e.g. to read a timestamp from them.
    public func withContents<Result>(
        of raw: RawString, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[raw.contents])) }
    }

    /// Skips one value of any kind, checking its syntax (but not the UTF-8 of its strings).
    public mutating func skipValue() throws(Failure) {
        var closers: [UInt8] = []
        while true {
            // A value begins here.
            switch nextKind {
            case .object?, .array?:
                guard closers.count < Self.maximumDepth else { throw failure(.tooDeep) }
                let isObject = bytes[offset] == UInt8(ascii: "{")
                if enterContainer() {
                    closers.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                    if isObject { _ = try key() }
                    continue
                }
            case .string?: _ = try rawString()
            case .number?: _ = try number()
            case .literal?: try skipLiteral()
            case nil: throw failure(.expectedValue)
            }
            // A value ended: close containers until one has another value.
            while let close = closers.last {
                skipWhiteSpace()
                if try nextInContainer(close: close) {
                    if close == UInt8(ascii: "}") { _ = try key() }
                    break
                }
                closers.removeLast()
            }
            if closers.isEmpty { return }
        }
    }

    // MARK: Literals

    /// Reads `true`, `false` or `null`; nil stands for `null`.
    public mutating func literal() throws(Failure) -> Bool? {
        switch next {
        case UInt8(ascii: "t")?:
            try expect("true")
            return true
        case UInt8(ascii: "f")?:
            try expect("false")
            return false
        case UInt8(ascii: "n")?:
            try expect("null")
            return nil
        default: throw failure(.expectedValue)
        }
    }

    private mutating func skipLiteral() throws(Failure) {
        _ = try literal()
    }

    private mutating func expect(_ word: StaticString) throws(Failure) {
        let start = offset
        let matched = word.withUTF8Buffer { expected in
            var index = 0
            while index < expected.count, offset < bytes.count, bytes[offset] == expected[index] {
                offset += 1
                index += 1
            }
            return index == expected.count
        }
        guard matched else { throw failure(.invalidLiteral(word.description), start: start) }
    }

    // MARK: Strings

    /// Reads a string's extent from its opening quote, checking escapes and control characters.
    public mutating func rawString() throws(Failure) -> RawString {
        let quote = offset
        offset += 1
        let start = offset
        var hasEscapes = false
        while true {
            // The common case, plain bytes, in a loop of its own: eight at a time while none of
            // them can end the run, then byte by byte.
            offset = bytes.withUnsafeBufferPointer { buffer in
                var index = offset
                if let base = buffer.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    while index + 8 <= buffer.count,
                        !Self.mayEndPlainRun(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    {
                        index += 8
                    }
                }
                while index < buffer.count {
                    let byte = buffer[index]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    index += 1
                }
                return index
            }
            guard offset < bytes.count else { throw failure(.unterminatedString, start: quote) }
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return RawString(contents: start..<(offset - 1), hasEscapes: hasEscapes)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                offset += 1
                _ = try escape(quote: quote)
            default:
                throw failure(.controlCharacter, start: quote)
            }
        }
    }

    /// Whether any of eight bytes may be a quote, a backslash or a control character (below
    /// U+0020), by the bit tricks that find a zero byte in a word: never false when one is; a
    /// rare true without one only sends the caller to its byte-by-byte loop.
    static func mayEndPlainRun(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        // A byte below 0x20 borrows when 0x20 is taken from it and has its high bit clear.
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl) & highBits != 0
    }

    /// Reads a string from its opening quote.
    public mutating func string() throws(Failure) -> String {
        try string(try rawString())
    }

    /// The text of a string read with `rawString()`: unescaped and checked to be UTF-8.
    public func string(_ raw: RawString) throws(Failure) -> String {
        let text: String?
        if raw.hasEscapes {
            var copy = self
            copy.offset = raw.contents.lowerBound
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(raw.contents.count)
            var runStart = copy.offset
            while copy.offset < raw.contents.upperBound {
                guard bytes[copy.offset] == UInt8(ascii: "\\") else {
                    copy.offset += 1
                    continue
                }
                unescaped.append(contentsOf: bytes[runStart..<copy.offset])
                copy.offset += 1
                // Already checked by `rawString()`, so this cannot fail.
                guard let scalar = try? copy.escape(quote: raw.contents.lowerBound - 1) else { break }
                unescaped.append(contentsOf: String(scalar).utf8)
                runStart = copy.offset
            }
            unescaped.append(contentsOf: bytes[runStart..<raw.contents.upperBound])
            text = String(validating: unescaped, as: UTF8.self)
        } else {
            text = String(validating: bytes[raw.contents], as: UTF8.self)
        }
        guard let text else {
            throw Failure(.invalidUTF8, at: raw.contents.lowerBound, start: raw.contents.lowerBound - 1)
        }
        return text
    }

    /// Reads the escape after a backslash (already consumed).
    private mutating func escape(quote: Int) throws(Failure) -> Unicode.Scalar {
        guard offset < bytes.count else { throw failure(.unterminatedString, start: quote) }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high) {
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                    bytes[offset + 1] == UInt8(ascii: "u")
                else { throw failure(.unpairedSurrogate) }
                offset += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low),
                    let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                else { throw failure(.unpairedSurrogate) }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else { throw failure(.unpairedSurrogate) }
            return scalar
        default:
            offset -= 1
            throw failure(.unknownEscape(Character(Unicode.Scalar(byte))))
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count, let digit = Self.hexDigit(bytes[offset]) else {
                throw failure(.expectedHexDigits)
            }
            value = value * 16 + digit
            offset += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
