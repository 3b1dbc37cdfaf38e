import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// The bundled deck's `recall cards --json`, byte for byte, as the generator made it before its
/// indexes (per attribute, confusable facts, events by year) replaced the scans of every fact:
/// a change to how cards are found must not change a single card. A change that means to alter
/// the cards updates these digests, and says so.
@Suite struct CardsOutputStabilityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let seed: UInt64
        let bytes: Int
        let digest: String
        var testDescription: String { "seed \(seed)" }
    }

    static let cases: [Case] = [
        Case(seed: 0, bytes: 137_748, digest: "8cba0dbb6bf56e2c"),
        Case(seed: 1, bytes: 137_523, digest: "be87d9c8484cc32a"),
        Case(seed: 2, bytes: 137_673, digest: "79c1846aed3814e6"),
        Case(seed: 3, bytes: 137_491, digest: "26a0a5845254f1ea"),
        Case(seed: 4, bytes: 137_378, digest: "addb951321d4e1f0"),
        Case(seed: 5, bytes: 137_416, digest: "d147a2a15a754e8b"),
    ]

    /// Run three times: without the deck cache, with an empty one (parsed, generated and kept)
    /// and with the one the second run filled (read back).
    @Test(arguments: cases) func bundledDeckCardsAreUnchanged(_ expected: Case) throws {
        let cache = try TemporaryFolder(prefix: "recall-cards-cache")
        for (run, variable) in [
            ("no cache", "off"), ("cold cache", cache.url.path), ("warm cache", cache.url.path),
        ] {
            let result = try RecallProcess.run(
                ["cards", "--json", "--seed", String(expected.seed)], environment: ["RECALL_CACHE": variable])
            #expect(result.status == 0, "\(run): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(run)")
            #expect(result.stdout.utf8.count == expected.bytes, "\(run)")
            #expect(StableHash.digest(result.stdout) == expected.digest, "\(run)")
        }
        let entries = try FileManager.default.contentsOfDirectory(
            atPath: cache.url.appendingPathComponent("decks").path)
        #expect(entries.count == 2, "the deck and its cards for the seed")
    }
}
