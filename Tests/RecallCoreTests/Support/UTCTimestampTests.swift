import Foundation
import RecallCore
import Testing

@Suite struct UTCTimestampTests {
    @Test(arguments: [
        ("2026-01-01T09:00:00Z", 1_767_258_000.0),
        ("1970-01-01T00:00:00Z", 0),
        ("2026-01-01T10:00:00+01:00", 1_767_258_000),
        ("2026-01-01T03:30:00-0530", 1_767_258_000),
        ("2024-02-29T00:00:00.5Z", 1_709_164_800.5),
        ("1969-12-31T23:59:59Z", -1),
    ])
    func parses(text: String, seconds: TimeInterval) {
        #expect(UTCTimestamp.date(from: text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        "", "2026-01-01", "2026-01-01 09:00:00Z", "2026-01-01T09:00:00", "2026-02-30T00:00:00Z",
        "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T09:00:00Zjunk",
        "2026-01-01T09:00:00.Z", "tomorrow", "2026-1-1T09:00:00Z",
    ])
    func rejects(text: String) {
        #expect(UTCTimestamp.date(from: text) == nil)
    }

    @Test(arguments: [
        (1_767_258_000.0, "2026-01-01T09:00:00Z"),
        (1_767_258_330.5, "2026-01-01T09:05:30.500Z"),
        (1_767_258_000.000_25, "2026-01-01T09:00:00.000250Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
        (253_402_300_800.123_456, "10000-01-01T00:00:00.123456Z"),
        (-62_135_596_801, "0000-12-31T23:59:59Z"),
    ])
    func formats(seconds: TimeInterval, text: String) {
        #expect(UTCTimestamp.string(from: Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func roundTripsDaysFromYear1ToYear9999() throws {
        for day in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400 + 45_296)
            let text = UTCTimestamp.string(from: date)
            #expect(UTCTimestamp.date(from: text) == date, "\(text)")
        }
    }
}
