import Foundation
import Testing

/// Replays py-fsrs 6.3.2's golden vectors through the real binary: every sequence that starts
/// from a new card with times in order and fuzzing off (the binary seeds its own fuzz), batched by
/// settings into one request each.
@Suite struct SchedulerReplayParityTests {
    struct Batch: Sendable, CustomTestStringConvertible {
        /// The request body (settings plus cards) as JSON text.
        let request: String
        /// The expected results per card, as JSON text (py-fsrs's values).
        let expected: String
        let cardCount: Int
        let testDescription: String
    }

    static func fixtureURL() -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Commands
            .deletingLastPathComponent()  // RecallCLITests
            .deletingLastPathComponent()  // Tests
            .appendingPathComponent("RecallCoreTests/Fixtures/fsrs-vectors.json")
    }

    static func loadBatches() throws -> [Batch] {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtureURL())) as? [String: Any]
        let sequences = root?["sequences"] as? [[String: Any]] ?? []
        var groups: [String: (settings: [String: Any], cards: [[String: Any]], expected: [[[String: Any]]])] =
            [:]
        var order: [String] = []
        for sequence in sequences where sequence["initial"] == nil && sequence["fuzz_draws"] == nil {
            guard let reviews = sequence["reviews"] as? [[String: Any]], let id = sequence["id"] as? String,
                let settings = sequence["settings"] as? [String: Any]
            else { continue }
            let times = reviews.compactMap { $0["time"] as? String }
            let dates = times.compactMap { ISO8601DateFormatter().date(from: $0) }
            guard dates.count == times.count, zip(dates, dates.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                continue
            }
            let key = String(
                decoding: try JSONSerialization.data(withJSONObject: settings, options: .sortedKeys),
                as: UTF8.self)
            if groups[key] == nil {
                groups[key] = (settings, [], [])
                order.append(key)
            }
            groups[key]?.cards.append([
                "id": id, "reviews": reviews.map { ["time": $0["time"] ?? "", "rating": $0["rating"] ?? 0] },
            ])
            groups[key]?.expected.append(reviews)
        }
        return try order.compactMap { key in
            guard let group = groups[key] else { return nil }
            var request = group.settings
            request["cards"] = group.cards
            return Batch(
                request: String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self),
                expected: String(
                    decoding: try JSONSerialization.data(withJSONObject: group.expected), as: UTF8.self),
                cardCount: group.cards.count, testDescription: "\(key) × \(group.cards.count)")
        }
    }

    static let batches: [Batch] = (try? loadBatches()) ?? []

    @Test func fixtureYieldsBatches() throws {
        let batches = try Self.loadBatches()
        #expect(batches.count >= 10)
        #expect(batches.reduce(0) { $0 + $1.cardCount } >= 200)
    }

    static func isClose(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return false }
        return a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }

    @Test(arguments: batches)
    func matchesPyFSRS(_ batch: Batch) throws {
        let output = try RecallProcess.run(["scheduler", "replay"], input: batch.request)
        #expect(output.status == 0, "\(output.stderr)")
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let cards = try #require(root["cards"] as? [[String: Any]])
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(batch.expected.utf8)) as? [[[String: Any]]])
        try #require(cards.count == expected.count)
        let formatter = ISO8601DateFormatter()
        for (card, expectedResults) in zip(cards, expected) {
            let results = try #require(card["results"] as? [[String: Any]])
            try #require(results.count == expectedResults.count)
            for (index, (actual, wanted)) in zip(results, expectedResults).enumerated() {
                let place = Comment(rawValue: "\(card["id"] ?? "?"), review \(index + 1)")
                #expect(actual["state"] as? String == wanted["state"] as? String, place)
                #expect(actual["step"] as? Int == wanted["step"] as? Int, place)
                #expect(actual["step"] is NSNull == wanted["step"] is NSNull, place)
                for key in ["stability", "difficulty", "retrievability"] {
                    #expect(Self.isClose(actual[key] as? Double, wanted[key] as? Double), "\(key) \(place)")
                }
                let due = (actual["due"] as? String).flatMap(formatter.date(from:))
                #expect(due != nil && due == (wanted["due"] as? String).flatMap(formatter.date(from:)), place)
            }
        }
    }
}
