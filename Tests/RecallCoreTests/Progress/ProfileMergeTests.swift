import Foundation
import Testing

@testable import RecallCore

@Suite struct ProfileMergeTests {
    /// Two profiles sharing part of a history (as two machines synced once), each with its own
    /// reviews and flags afterwards.
    static func pair(seed: UInt64) throws -> (Profile, Profile) {
        var generator = SplitMix64(seed: seed)
        let shared = RandomHistory.reviews(count: 300, cards: 40, using: &generator, idPrefix: "shared")
        let mine = RandomHistory.reviews(count: 200, cards: 40, using: &generator, idPrefix: "mine")
        let theirs = RandomHistory.reviews(count: 250, cards: 50, using: &generator, idPrefix: "theirs")
        var a = try RandomHistory.profile(reviews: shared + mine)
        var b = try RandomHistory.profile(reviews: shared.shuffled(using: &generator) + theirs)
        a.setFlags(CardFlags(isSuspended: true, aliases: ["Lutetia"]), for: "deck/fact-1/typed")
        b.setFlags(
            CardFlags(buriedUntil: Date(timeIntervalSince1970: 1_790_000_000), aliases: ["Paname"]),
            for: "deck/fact-1/typed")
        b.setFlags(CardFlags(isLeech: true), for: "deck/fact-2/typed")
        return (a, b)
    }

    @Test(arguments: [1, 2, 3, 42] as [UInt64])
    func mergeIsCommutative(seed: UInt64) throws {
        let (a, b) = try Self.pair(seed: seed)
        let ab = a.merged(with: b, using: FakeScheduler())
        let ba = b.merged(with: a, using: FakeScheduler())
        #expect(ab == ba)
        #expect(ab.reviews.count == 750)
        #expect(ab.flags(of: "deck/fact-1/typed").aliases == ["Lutetia", "Paname"])
    }

    @Test(arguments: [7, 8] as [UInt64])
    func mergeIsIdempotent(seed: UInt64) throws {
        let (a, b) = try Self.pair(seed: seed)
        let ab = a.merged(with: b, using: FakeScheduler())
        #expect(ab.merged(with: b, using: FakeScheduler()) == ab)
        #expect(ab.merged(with: a, using: FakeScheduler()) == ab)
        #expect(ab.merged(with: ab, using: FakeScheduler()) == ab)
    }

    @Test func mergedStatesEqualAReplayOfTheUnion() throws {
        let (a, b) = try Self.pair(seed: 5)
        let merged = a.merged(with: b, using: FakeScheduler())
        #expect(merged.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
        #expect(Set(merged.reviews.map(\.id)) == Set(a.reviews.map(\.id)).union(b.reviews.map(\.id)))
    }
}
