/// Writes JSON by hand, for the parts of the progress files written in bulk (millions of reviews),
/// where `JSONEncoder` per value is too slow. The output reads back with `JSONDecoder`.
struct JSONWriter {
    var bytes: [UInt8] = []

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Fixed text, copied from the binary's constant bytes (faster than a `String` per call).
    mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
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

    /// A finite number in Swift's shortest round-tripping form; JSON has no infinity or NaN, so
    /// those are written as `null`.
    mutating func number(_ value: Double) {
        if value.isFinite {
            raw(value.description)
        } else {
            raw("null")
        }
    }

    mutating func integer(_ value: Int) {
        raw(String(value))
    }

    /// `"key":` — keys are plain ASCII names chosen by this file.
    mutating func key(_ name: String) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

extension JSONWriter {
    /// A review as `Review`'s `Codable` reads it, on one line.
    mutating func review(_ review: Review) {
        literal("{\"id\":")
        string(review.id)
        literal(",\"card\":")
        string(review.cardID)
        literal(",\"at\":")
        number(review.reviewedAt.timeIntervalSince1970)
        literal(",\"rating\":")
        integer(review.rating.rawValue)
        literal(",\"answer\":")
        string(review.answer)
        literal(",\"verdict\":")
        string(review.verdict.rawValue)
        literal(",\"seconds\":")
        number(review.duration)
        if review.hints > 0 {
            literal(",\"hints\":")
            integer(review.hints)
        }
        if review.overridden { literal(",\"overridden\":true") }
        literal("}")
    }

    /// A due change as `DueChange`'s `Codable` reads it, on one line.
    mutating func dueChange(_ change: DueChange) {
        literal("{\"id\":")
        string(change.id)
        literal(",\"card\":")
        string(change.cardID)
        literal(",\"at\":")
        number(change.changedAt.timeIntervalSince1970)
        literal(",\"due\":")
        number(change.due.timeIntervalSince1970)
        literal("}")
    }

    /// A card state as its synthesized `Codable` reads it with dates as seconds since 1970.
    mutating func state(_ state: CardState) {
        literal("{\"phase\":")
        string(state.phase.rawValue)
        if let step = state.step {
            literal(",\"step\":")
            integer(step)
        }
        if let stability = state.stability {
            literal(",\"stability\":")
            number(stability)
        }
        if let difficulty = state.difficulty {
            literal(",\"difficulty\":")
            number(difficulty)
        }
        literal(",\"due\":")
        number(state.due.timeIntervalSince1970)
        if let lastReview = state.lastReview {
            literal(",\"lastReview\":")
            number(lastReview.timeIntervalSince1970)
        }
        literal("}")
    }
}
