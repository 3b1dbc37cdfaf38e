/// Finds where in a JSON text something went wrong, for messages with a line and a column.
///
/// Foundation's decoders say *what* is wrong (a coding path, or just "not valid JSON") but not
/// *where*; this walks the bytes to the first syntax error or to the value at a coding path.
struct JSONLocator {
    let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 512

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The 1-based line and column (in characters) of a byte offset.
    static func lineColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// The offset and description of the first syntax error, or nil if the text is valid JSON.
    static func firstSyntaxError(in bytes: [UInt8]) -> (offset: Int, message: String)? {
        var locator = JSONLocator(bytes)
        do {
            locator.skipWhitespace()
            try locator.skipValue()
            locator.skipWhitespace()
            if locator.index < bytes.count {
                return (
                    locator.index, "unexpected \(locator.describeCurrent()) after the end of the document"
                )
            }
            return nil
        } catch {
            return (error.offset, error.message)
        }
    }

    /// The offset of the value at `path` (object keys and array indices), or of the deepest
    /// enclosing value that exists.
    static func offset(of path: [any CodingKey], in bytes: [UInt8]) -> Int {
        var locator = JSONLocator(bytes)
        locator.skipWhitespace()
        var found = locator.index
        for key in path {
            guard locator.index < bytes.count else { break }
            let opening = bytes[locator.index]
            do {
                if opening == UInt8(ascii: "{"), try locator.enterMember(named: key.stringValue) {
                    found = locator.index
                } else if opening == UInt8(ascii: "["), let position = key.intValue,
                    try locator.enterElement(at: position)
                {
                    found = locator.index
                } else {
                    break
                }
            } catch {
                break
            }
        }
        return found
    }

    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    // MARK: Walking

    private mutating func enterMember(named name: String) throws(SyntaxError) -> Bool {
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { return false }
        while true {
            skipWhitespace()
            let keyStart = index
            try skipString()
            let key = String(decoding: bytes[(keyStart + 1)..<(index - 1)], as: UTF8.self)
            skipWhitespace()
            try expect(":")
            skipWhitespace()
            if key == name { return true }
            try skipValue()
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                index += 1
            } else {
                return false
            }
        }
    }

    private mutating func enterElement(at position: Int) throws(SyntaxError) -> Bool {
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { return false }
        var current = 0
        while true {
            skipWhitespace()
            if current == position { return true }
            try skipValue()
            skipWhitespace()
            guard peek() == UInt8(ascii: ",") else { return false }
            index += 1
            current += 1
        }
    }

    private mutating func skipValue() throws(SyntaxError) {
        guard let byte = peek() else { throw fail("unexpected end of file: the file is truncated") }
        switch byte {
        case UInt8(ascii: "{"): try skipContainer(close: "}", isObject: true)
        case UInt8(ascii: "["): try skipContainer(close: "]", isObject: false)
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw fail("expected a value but found \(describeCurrent())")
        }
    }

    private mutating func skipContainer(close: Unicode.Scalar, isObject: Bool) throws(SyntaxError) {
        depth += 1
        guard depth <= JSONLocator.maximumDepth else { throw fail("nesting is too deep") }
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: close) {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            if isObject {
                guard peek() == UInt8(ascii: "\"") else {
                    throw fail("expected a quoted key but found \(describeCurrent())")
                }
                try skipString()
                skipWhitespace()
                try expect(":")
                skipWhitespace()
            }
            try skipValue()
            skipWhitespace()
            guard let next = peek() else { throw fail("unexpected end of file: the file is truncated") }
            if next == UInt8(ascii: ",") {
                index += 1
            } else if next == UInt8(ascii: close) {
                index += 1
                return
            } else {
                throw fail("expected ',' or '\(close)' but found \(describeCurrent())")
            }
        }
    }

    private mutating func skipString() throws(SyntaxError) {
        let start = index
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        index += 1
        while let byte = peek() {
            index += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = peek() else { break }
                guard "\"\\/bfnrtu".utf8.contains(escaped) else {
                    throw fail("invalid escape '\\\(Unicode.Scalar(escaped))' in a string")
                }
                index += 1
            } else if byte < 0x20 {
                index -= 1
                throw fail("control character in a string (a line break must be written \\n)")
            }
        }
        throw SyntaxError(offset: start, message: "unterminated string: the file is truncated")
    }

    private mutating func skipLiteral(_ literal: String) throws(SyntaxError) {
        for expected in literal.utf8 {
            guard peek() == expected else {
                throw fail("expected '\(literal)' but found \(describeCurrent())")
            }
            index += 1
        }
    }

    private mutating func skipNumber() throws(SyntaxError) {
        let start = index
        while let byte = peek(), "+-0123456789.eE".utf8.contains(byte) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard Double(text) != nil, text.first != "+", text.last != "." else {
            throw SyntaxError(offset: start, message: "invalid number '\(text)'")
        }
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(SyntaxError) {
        guard peek() == UInt8(ascii: character) else {
            throw fail("expected '\(character)' but found \(describeCurrent())")
        }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func fail(_ message: String) -> SyntaxError {
        SyntaxError(offset: index, message: message)
    }

    private func describeCurrent() -> String {
        guard let byte = peek() else { return "the end of the file (the file is truncated)" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Unicode.Scalar(byte))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }
}
