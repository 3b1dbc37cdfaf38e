/// Any JSON value, for formats that must report unknown fields and wrong types in their own words
/// rather than in `DecodingError`'s. Read with `JSONValue.parse(_:)`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value as a person would write it in a message: numbers plainly, strings in single quotes.
    public var quoted: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .number(let value): JSONValue.format(value)
        case .string(let value): "'\(value)'"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// What kind of value this is, for "must be a number, not a string" messages.
    public var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The number if it is a whole number that fits in an `Int`.
    public var integer: Int? {
        guard case .number(let value) = self, value == value.rounded(), abs(value) < 9e15 else { return nil }
        return Int(value)
    }

    /// A JSON number: integers without a fraction, others in Swift's shortest round-trip form;
    /// `null` for infinities and NaN, which JSON cannot express.
    public static func format(_ value: Double) -> String {
        var writer = JSONWriter()
        writer.compactNumber(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// A JSON string literal.
    public static func quote(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
