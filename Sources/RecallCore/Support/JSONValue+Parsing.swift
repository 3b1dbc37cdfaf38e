public import Foundation

extension JSONValue {
    /// Why text is not JSON, with the 1-based line and column where reading stopped.
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var problem: String

        public var description: String { "line \(line), column \(column): \(problem)" }
    }

    /// Nesting deeper than this is refused rather than risking the stack.
    static let maximumDepth = 512

    /// Parses JSON (RFC 8259) strictly: no trailing commas, comments or duplicate keys.
    ///
    /// Hand-written because `JSONDecoder` into an enum is slow (every failed `try?` throws) and
    /// its messages give no position.
    public static func parse(_ data: Data) throws(SyntaxError) -> JSONValue {
        var parser = Parser(bytes: [UInt8](data))
        parser.skipWhiteSpace()
        let value = try parser.value(depth: 0)
        parser.skipWhiteSpace()
        guard parser.index == parser.bytes.count else {
            throw parser.error("unexpected text after the JSON value")
        }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        func error(_ problem: String) -> SyntaxError {
            var line = 1
            var lineStart = 0
            for position in 0..<min(index, bytes.count) where bytes[position] == 0x0A {
                line += 1
                lineStart = position + 1
            }
            // Columns count characters, not bytes: skip UTF-8 continuation bytes.
            let column = bytes[lineStart..<min(index, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1
            return SyntaxError(line: line, column: column, problem: problem)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhiteSpace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                index += 1
            }
        }

        mutating func expect(_ literal: String, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
            let count = literal.utf8.count
            guard index + count <= bytes.count, bytes[index..<index + count].elementsEqual(literal.utf8)
            else {
                throw error("unexpected character; expected a value")
            }
            index += count
            return value
        }

        mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
            guard depth < JSONValue.maximumDepth else { throw error("nested too deeply") }
            guard let byte = current else { throw error("unexpected end of input; expected a value") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try expect("true", .bool(true))
            case UInt8(ascii: "f"): return try expect("false", .bool(false))
            case UInt8(ascii: "n"): return try expect("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw error("unexpected character; expected a value")
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> JSONValue {
            index += 1
            var fields: [String: JSONValue] = [:]
            skipWhiteSpace()
            if current == UInt8(ascii: "}") {
                index += 1
                return .object(fields)
            }
            while true {
                skipWhiteSpace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a key in double quotes") }
                let keyStart = index
                let key = try string()
                skipWhiteSpace()
                guard current == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
                index += 1
                skipWhiteSpace()
                let value = try value(depth: depth + 1)
                if fields.updateValue(value, forKey: key) != nil {
                    index = keyStart
                    throw error("duplicate key '\(key)'")
                }
                skipWhiteSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return .object(fields)
                default: throw error("expected ',' or '}'")
                }
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> JSONValue {
            index += 1
            var elements: [JSONValue] = []
            skipWhiteSpace()
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhiteSpace()
                elements.append(try value(depth: depth + 1))
                skipWhiteSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(elements)
                default: throw error("expected ',' or ']'")
                }
            }
        }

        mutating func number() throws(SyntaxError) -> Double {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            if current == UInt8(ascii: "0") {
                index += 1
            } else {
                guard skipDigits() > 0 else { throw error("expected a digit") }
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard skipDigits() > 0 else { throw error("expected a digit after '.'") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard skipDigits() > 0 else { throw error("expected a digit in the exponent") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text), value.isFinite else {
                index = start
                throw error("number \(text) is out of range")
            }
            return value
        }

        mutating func skipDigits() -> Int {
            let start = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                index += 1
            }
            return index - start
        }

        /// Reads a string literal. The bytes between escapes are copied as they are and the whole
        /// is validated as UTF-8 once.
        mutating func string() throws(SyntaxError) -> String {
            index += 1
            let start = index
            var unescaped: [UInt8] = []
            var runStart = index
            var hasEscapes = false
            while true {
                guard let byte = current else { throw error("unterminated string") }
                switch byte {
                case UInt8(ascii: "\""):
                    let text: String?
                    if hasEscapes {
                        unescaped.append(contentsOf: bytes[runStart..<index])
                        text = String(validating: unescaped, as: UTF8.self)
                    } else {
                        text = String(validating: bytes[start..<index], as: UTF8.self)
                    }
                    guard let text else {
                        index = start
                        throw error("invalid UTF-8 in a string")
                    }
                    index += 1
                    return text
                case UInt8(ascii: "\\"):
                    hasEscapes = true
                    unescaped.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    unescaped.append(contentsOf: String(try escape()).utf8)
                    runStart = index
                case 0..<0x20:
                    throw error("control character in a string; write it as an escape such as \\n")
                default:
                    index += 1
                }
            }
        }

        mutating func escape() throws(SyntaxError) -> Unicode.Scalar {
            guard let byte = current else { throw error("unterminated string") }
            index += 1
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
                    guard current == UInt8(ascii: "\\"), index + 1 < bytes.count,
                        bytes[index + 1] == UInt8(ascii: "u")
                    else { throw error("unpaired surrogate in \\u escape") }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low),
                        let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                    else { throw error("unpaired surrogate in \\u escape") }
                    return scalar
                }
                guard let scalar = Unicode.Scalar(high) else {
                    throw error("unpaired surrogate in \\u escape")
                }
                return scalar
            default:
                index -= 1
                throw error("unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
            }
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = Self.hexDigit(byte) else {
                    throw error("expected four hex digits after \\u")
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }

        static func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
    }
}
