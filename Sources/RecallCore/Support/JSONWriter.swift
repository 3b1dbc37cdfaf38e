import Foundation

/// The one JSON writer: writes JSON by hand into a byte buffer, with no `String` per value, for
/// what is written in bulk (the progress files' millions of reviews, `recall scheduler replay`'s
/// answer), where `JSONEncoder` per value is too slow. The output reads back with `JSONDecoder`.
public struct JSONWriter: Sendable {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Fixed text, copied from the binary's constant bytes (faster than a `String` per call).
    public mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Most strings need no escaping: copy them whole.
            if utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                escaping(utf8)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escaping(_ utf8: UnsafeBufferPointer<UInt8>) {
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(JSONWriter.hexDigit(byte >> 4))
                bytes.append(JSONWriter.hexDigit(byte & 0xF))
            default: bytes.append(byte)
            }
        }
    }

    /// A finite number in Swift's shortest round-tripping form (its `description`: `2.0`, `0.1`,
    /// `1e-05`); JSON has no infinity or NaN, so those are written as `null`.
    public mutating func number(_ value: Double) {
        if value.isFinite {
            // `Double.write(to:)` hands its digits to `_writeASCII` from a buffer on the stack.
            value.write(to: &self)
        } else {
            raw("null")
        }
    }

    /// An integer in decimal, written digit by digit.
    public mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 ASCII digits, last first
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// `"key":` — keys are plain ASCII names chosen by this file.
    public mutating func key(_ name: String) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
