/// Writes JSON by hand, for the parts of the progress files written in bulk (millions of reviews),
/// where `JSONEncoder` per value is too slow. The output reads back with `JSONDecoder`.
struct JSONWriter {
    var bytes: [UInt8] = []

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
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
        bytes.append(UInt8(ascii: "\""))
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
        raw("{")
        key("id")
        string(review.id)
        raw(",")
        key("card")
        string(review.cardID)
        raw(",")
        key("at")
        number(review.reviewedAt.timeIntervalSince1970)
        raw(",")
        key("rating")
        integer(review.rating.rawValue)
        raw(",")
        key("answer")
        string(review.answer)
        raw(",")
        key("verdict")
        string(review.verdict.rawValue)
        raw(",")
        key("seconds")
        number(review.duration)
        raw("}")
    }

    /// A card state as its synthesized `Codable` reads it with dates as seconds since 1970.
    mutating func state(_ state: CardState) {
        raw("{")
        key("phase")
        string(state.phase.rawValue)
        if let step = state.step {
            raw(",")
            key("step")
            integer(step)
        }
        if let stability = state.stability {
            raw(",")
            key("stability")
            number(stability)
        }
        if let difficulty = state.difficulty {
            raw(",")
            key("difficulty")
            number(difficulty)
        }
        raw(",")
        key("due")
        number(state.due.timeIntervalSince1970)
        if let lastReview = state.lastReview {
            raw(",")
            key("lastReview")
            number(lastReview.timeIntervalSince1970)
        }
        raw("}")
    }
}
