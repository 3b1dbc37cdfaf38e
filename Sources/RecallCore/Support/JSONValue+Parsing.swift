public import Foundation

extension JSONValue {
    /// Why text is not JSON, with the 1-based line and column where reading stopped.
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var problem: String

        public var description: String { "line \(line), column \(column): \(problem)" }

        /// A scanner's failure in this type's words, at the place a person should look.
        init(_ failure: JSONScanner.Failure, in scanner: JSONScanner) {
            let offset: Int
            let problem: String
            switch failure.problem {
            case .expectedValue:
                offset = failure.offset
                problem =
                    failure.offset >= scanner.bytes.count
                    ? "unexpected end of input; expected a value" : "unexpected character; expected a value"
            case .invalidLiteral:
                offset = failure.start
                problem = "unexpected character; expected a value"
            case .expectedKey: (offset, problem) = (failure.offset, "expected a key in double quotes")
            case .expectedColon: (offset, problem) = (failure.offset, "expected ':' after a key")
            case .expectedSeparator(let close):
                (offset, problem) = (failure.offset, "expected ',' or '\(close)'")
            case .unterminatedString: (offset, problem) = (failure.offset, "unterminated string")
            case .controlCharacter:
                (offset, problem) = (
                    failure.offset, "control character in a string; write it as an escape such as \\n"
                )
            case .unknownEscape(let character):
                (offset, problem) = (failure.offset, "unknown escape '\\\(character)'")
            case .expectedHexDigits:
                (offset, problem) = (failure.offset, "expected four hex digits after \\u")
            case .unpairedSurrogate: (offset, problem) = (failure.offset, "unpaired surrogate in \\u escape")
            case .invalidUTF8: (offset, problem) = (failure.offset, "invalid UTF-8 in a string")
            case .expectedDigit(.whole): (offset, problem) = (failure.offset, "expected a digit")
            case .expectedDigit(.fraction): (offset, problem) = (failure.offset, "expected a digit after '.'")
            case .expectedDigit(.exponent):
                (offset, problem) = (failure.offset, "expected a digit in the exponent")
            case .numberOutOfRange:
                offset = failure.start
                problem = "number \(scanner.numberText(at: failure.start)) is out of range"
            case .tooDeep: (offset, problem) = (failure.offset, "nested too deeply")
            case .trailingText: (offset, problem) = (failure.offset, "unexpected text after the JSON value")
            }
            (line, column) = scanner.lineColumn(of: offset)
            self.problem = problem
        }

        init(_ problem: String, at offset: Int, in scanner: JSONScanner) {
            (line, column) = scanner.lineColumn(of: offset)
            self.problem = problem
        }
    }

    /// Nesting deeper than this is refused rather than risking the stack.
    static let maximumDepth = JSONScanner.maximumDepth

    /// Parses JSON (RFC 8259) strictly: no trailing commas, comments or duplicate keys.
    ///
    /// Built on `JSONScanner` because `JSONDecoder` into an enum is slow (every failed `try?`
    /// throws) and its messages give no position.
    public static func parse(_ data: Data) throws(SyntaxError) -> JSONValue {
        var scanner = JSONScanner([UInt8](data))
        scanner.skipWhiteSpace()
        let value = try read(from: &scanner, depth: 0)
        scanner.skipWhiteSpace()
        guard scanner.isAtEnd else {
            throw SyntaxError(scanner.failure(.trailingText), in: scanner)
        }
        return value
    }

    /// Reads the value at the scanner's position (after any white space), `depth` containers deep,
    /// for readers that build most of a document themselves and keep the odd part as a tree.
    static func read(from scanner: inout JSONScanner, depth: Int) throws(SyntaxError) -> JSONValue {
        do {
            return try readValue(from: &scanner, depth: depth)
        } catch let failure as JSONScanner.Failure {
            throw SyntaxError(failure, in: scanner)
        } catch let error as SyntaxError {
            throw error
        } catch {
            throw SyntaxError(String(describing: error), at: scanner.offset, in: scanner)
        }
    }

    private static func readValue(from scanner: inout JSONScanner, depth: Int) throws -> JSONValue {
        guard depth < maximumDepth else { throw scanner.failure(.tooDeep) }
        switch scanner.nextKind {
        case .object?:
            var fields: [String: JSONValue] = [:]
            guard scanner.enterContainer() else { return .object(fields) }
            repeat {
                let keyStart = scanner.offset
                let key = try scanner.string(try scanner.key())
                let value = try readValue(from: &scanner, depth: depth + 1)
                if fields.updateValue(value, forKey: key) != nil {
                    throw SyntaxError("duplicate key '\(key)'", at: keyStart, in: scanner)
                }
                scanner.skipWhiteSpace()
            } while try scanner.nextInContainer(close: UInt8(ascii: "}"))
            return .object(fields)
        case .array?:
            var elements: [JSONValue] = []
            guard scanner.enterContainer() else { return .array(elements) }
            repeat {
                elements.append(try readValue(from: &scanner, depth: depth + 1))
                scanner.skipWhiteSpace()
            } while try scanner.nextInContainer(close: UInt8(ascii: "]"))
            return .array(elements)
        case .string?: return .string(try scanner.string())
        case .number?: return .number(try scanner.number())
        case .literal?: return try scanner.literal().map(JSONValue.bool) ?? .null
        case nil: throw scanner.failure(.expectedValue)
        }
    }
}

extension JSONScanner {
    /// The number-like run of bytes at `start`, for messages about a number.
    func numberText(at start: Int) -> String {
        var end = start
        while end < bytes.count, "+-0123456789.eE".utf8.contains(bytes[end]) { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
