import Foundation
import Testing

@testable import RecallCore

/// The one JSON writer writes what the standard library would, without a `String` per value.
@Suite struct JSONWriterTests {
    static func written(_ write: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        write(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static let doubles: [Double] = [
        0, -0.0, 1, -1, 0.1, 2.3065, 1e-5, 1e-4, 123_456.789, 1e15, 1e16, 2e16, 9_007_199_254_740_992,
        .pi, .ulpOfOne, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 36_500,
        0.9_000_000_000_000_001,
    ]

    @Test(arguments: doubles)
    func numbersAreTheirShortestRoundTrippingDescription(_ value: Double) {
        #expect(Self.written { $0.number(value) } == value.description)
        let compact = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : value.description
        #expect(Self.written { $0.compactNumber(value) } == compact)
    }

    @Test func randomBitPatternsAreWrittenAsDescribed() {
        var random = SplitMix64(seed: 6)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: random.next())
            let expected = value.isFinite ? value.description : "null"
            #expect(Self.written { $0.number(value) } == expected)
        }
    }

    @Test func nonFiniteNumbersAreNull() {
        #expect(Self.written { $0.number(.infinity) } == "null")
        #expect(Self.written { $0.compactNumber(-.infinity) } == "null")
        #expect(Self.written { $0.compactNumber(.nan) } == "null")
    }

    @Test(arguments: [0, 7, -7, 10, 1_000_000, Int.max, Int.min])
    func integersAreWrittenDigitByDigit(_ value: Int) {
        #expect(Self.written { $0.integer(value) } == String(value))
    }

    @Test func stringsAreEscapedAndReadBack() throws {
        let text = "a\"b\\c\n\r\t\u{01}\u{1F}é😀/"
        let json = Self.written { $0.string(text) }
        #expect(json == #""a\"b\\c\n\r\t\u0001\u001fé😀/""#)
        var scanner = JSONScanner(Array(json.utf8))
        #expect(try scanner.string() == text)
    }

    @Test func timestampsAreQuotedUTC() {
        let date = Date(timeIntervalSince1970: 1_767_258_000.25)
        #expect(Self.written { $0.timestamp(date) } == #""2026-01-01T09:00:00.250Z""#)
    }
}
