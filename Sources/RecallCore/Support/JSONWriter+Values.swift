public import Foundation

extension JSONWriter {
    /// A number as `JSONValue.format` words it: whole numbers below 10¹⁵ without a fraction
    /// (`3`, not `3.0`), others in the shortest round-tripping form, `null` for infinities and NaN.
    public mutating func compactNumber(_ value: Double) {
        if value == value.rounded() && abs(value) < 1e15 {
            integer(Int(value))
        } else {
            number(value)
        }
    }

    /// A date as a JSON string in `UTCTimestamp`'s form (`"2026-01-01T09:00:00Z"`).
    public mutating func timestamp(_ date: Date) {
        bytes.append(UInt8(ascii: "\""))
        UTCTimestamp.append(date, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONWriter: TextOutputStream {
    public mutating func write(_ string: String) {
        raw(string)
    }

    /// What the standard library's number printing calls with its digits, so that no `String` is
    /// made for them (see `number(_:)`); `write(_:)` stays correct should it ever stop doing so.
    public mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}
