/// Finds where in a JSON text something went wrong, for messages with a line and a column.
///
/// Foundation's decoders say *what* is wrong (a coding path, or just "not valid JSON") but not
/// *where*; this walks the bytes with `JSONScanner` to the first syntax error or to the value at a
/// coding path, and words the error for a person repairing a file.
struct JSONLocator {
    /// The 1-based line and column (in characters) of a byte offset.
    static func lineColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        JSONScanner(bytes).lineColumn(of: offset)
    }

    /// The offset and description of the first syntax error, or nil if the text is valid JSON.
    static func firstSyntaxError(in bytes: [UInt8]) -> (offset: Int, message: String)? {
        var scanner = JSONScanner(bytes)
        do {
            scanner.skipWhiteSpace()
            try scanner.skipValue()
            scanner.skipWhiteSpace()
            if !scanner.isAtEnd {
                return (
                    scanner.offset,
                    "unexpected \(describe(at: scanner.offset, in: bytes)) after the end of the document"
                )
            }
            return nil
        } catch {
            return message(for: error, in: scanner)
        }
    }

    /// The offset of the value at `path` (object keys and array indices), or of the deepest
    /// enclosing value that exists.
    static func offset(of path: [any CodingKey], in bytes: [UInt8]) -> Int {
        var scanner = JSONScanner(bytes)
        scanner.skipWhiteSpace()
        var found = scanner.offset
        for key in path {
            do {
                let isFound: Bool
                switch scanner.nextKind {
                case .object?: isFound = try enterMember(named: key.stringValue, in: &scanner)
                case .array?:
                    guard let position = key.intValue else { return found }
                    isFound = try enterElement(at: position, in: &scanner)
                default: isFound = false
                }
                guard isFound else { return found }
                found = scanner.offset
            } catch {
                return found
            }
        }
        return found
    }

    private static func enterMember(named name: String, in scanner: inout JSONScanner) throws(JSONScanner
        .Failure)
        -> Bool
    {
        guard scanner.enterContainer() else { return false }
        repeat {
            let key = try scanner.key()
            if String(decoding: scanner.bytes[key.contents], as: UTF8.self) == name { return true }
            try scanner.skipValue()
            scanner.skipWhiteSpace()
        } while try scanner.nextInContainer(close: UInt8(ascii: "}"))
        return false
    }

    private static func enterElement(at position: Int, in scanner: inout JSONScanner) throws(JSONScanner
        .Failure)
        -> Bool
    {
        guard scanner.enterContainer() else { return false }
        var current = 0
        repeat {
            if current == position { return true }
            try scanner.skipValue()
            scanner.skipWhiteSpace()
            current += 1
        } while try scanner.nextInContainer(close: UInt8(ascii: "]"))
        return false
    }

    /// A scanner's failure in a file-repairer's words.
    private static func message(for failure: JSONScanner.Failure, in scanner: JSONScanner) -> (Int, String) {
        let bytes = scanner.bytes
        let found = describe(at: failure.offset, in: bytes)
        let truncated = "unexpected end of file: the file is truncated"
        let atEnd = failure.offset >= bytes.count
        switch failure.problem {
        case .expectedValue:
            return (failure.offset, atEnd ? truncated : "expected a value but found \(found)")
        case .invalidLiteral(let word): return (failure.offset, "expected '\(word)' but found \(found)")
        case .expectedKey: return (failure.offset, "expected a quoted key but found \(found)")
        case .expectedColon: return (failure.offset, "expected ':' but found \(found)")
        case .expectedSeparator(let close):
            return (failure.offset, atEnd ? truncated : "expected ',' or '\(close)' but found \(found)")
        case .unterminatedString: return (failure.start, "unterminated string: the file is truncated")
        case .controlCharacter:
            return (failure.offset, "control character in a string (a line break must be written \\n)")
        case .unknownEscape(let character):
            return (failure.offset, "invalid escape '\\\(character)' in a string")
        case .expectedHexDigits, .unpairedSurrogate:
            return (failure.offset, "invalid \\u escape in a string (four hex digits, surrogates in pairs)")
        case .invalidUTF8: return (failure.offset, "invalid UTF-8 in a string")
        case .expectedDigit, .numberOutOfRange:
            return (failure.start, "invalid number '\(scanner.numberText(at: failure.start))'")
        case .tooDeep: return (failure.offset, "nesting is too deep")
        case .trailingText:
            return (failure.offset, "unexpected \(found) after the end of the document")
        }
    }

    private static func describe(at offset: Int, in bytes: [UInt8]) -> String {
        guard offset < bytes.count else { return "the end of the file (the file is truncated)" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Unicode.Scalar(byte))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }
}
