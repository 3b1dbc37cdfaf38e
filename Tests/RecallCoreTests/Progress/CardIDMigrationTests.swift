import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// Profiles made with the card ids of recall before fact-centred cards (2026-11) keep everything.
@Suite struct CardIDMigrationTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// Ids `recall cards --json` printed before this change, for facts the deck still has.
    static let oldIDs: [(old: String, new: String)] = [
        ("csto:csto-established:typed", "csto:csto-established:forward"),
        ("csto:csto-established:choice", "csto:csto-established:forward"),
        ("csto:csto-established:truefalse", "csto:csto-established:forward"),
        ("csto:csto-members:set", "csto:csto-members:forward"),
        ("csto:csto-members:member.russia", "csto:csto-members:forward"),
        ("csto:csto-members:choose-not", "csto:csto-members:forward"),
        ("csto:cst-signed-in:typed", "csto:cst-signed-in:forward"),
        ("csto:csto-protection:cloze.c1", "csto:csto-protection:cloze.c1"),
    ]

    func oldProfile() -> Profile {
        var reviews: [Review] = []
        for (day, pair) in Self.oldIDs.enumerated() {
            for repeat_ in 0..<2 {
                reviews.append(
                    Review(
                        id: "r\(day)-\(repeat_)", cardID: pair.old,
                        reviewedAt: Self.start + Double(day * 86_400 + repeat_ * 3 * 86_400),
                        rating: repeat_ == 0 ? .good : .hard, answer: "x", verdict: .correct, duration: 4))
            }
        }
        // A timeline of the old overlapping windows, and a card of a fact that is gone.
        reviews.append(
            Review(
                id: "t", cardID: "csto:timeline:e55535cf5b2649ca", reviewedAt: Self.start + 20 * 86_400,
                rating: .good, answer: "a b c", verdict: .correct, duration: 9))
        reviews.append(
            Review(
                id: "gone", cardID: "csto:no-such-fact:typed", reviewedAt: Self.start + 21 * 86_400,
                rating: .good, answer: "x", verdict: .correct, duration: 3))
        reviews.sort { $0.reviewedAt < $1.reviewedAt }
        var profile = Profile(name: "ana", reviews: reviews)
        profile.flags["csto:csto-established:choice"] = CardFlags(aliases: ["two thousand two"])
        return profile.replayed(using: FakeScheduler())
    }

    @Test func reviewsMoveToTheCardOfTheSameFactAndDirectionAndStatesAreTheReplay() throws {
        let deck = try CSTO.deck()
        let cards = try CSTO.cards()
        let old = oldProfile()
        let result = try #require(
            CardIDMigration.migrate(old, decks: [deck], cards: cards, using: FakeScheduler()))
        let ids = Set(cards.map(\.id))
        for pair in Self.oldIDs {
            #expect(ids.contains(pair.new), "\(pair.new) is a card of the deck")
            #expect(!result.profile.reviews.contains { $0.cardID == pair.old && pair.old != pair.new })
        }
        #expect(result.profile.reviews.count == old.reviews.count, "no review is lost")
        #expect(result.profile.reviews.filter { $0.cardID == "csto:csto-established:forward" }.count == 6)
        #expect(result.joined["csto:csto-established:forward"]?.count == 3)
        // The state of a joined card is the replay of the joined log.
        var expected = Profile(
            name: "x", reviews: result.profile.reviews.filter { $0.cardID == "csto:csto-established:forward" }
        )
        expected = expected.replayed(using: FakeScheduler())
        #expect(
            result.profile.states["csto:csto-established:forward"]
                == expected.states["csto:csto-established:forward"])
        #expect(result.profile.states["csto:csto-established:typed"] == nil)
        #expect(result.profile.flags(of: "csto:csto-established:forward").aliases == ["two thousand two"])
        // The old timeline goes to the new timeline sharing most of its events; a gone fact stays.
        let timeline = try #require(result.profile.reviews.first { $0.id == "t" })
        #expect(cards.first { $0.id == timeline.cardID }?.kind == .order)
        #expect(result.profile.reviews.first { $0.id == "gone" }?.cardID == "csto:no-such-fact:typed")
        #expect(
            CardIDMigration.migrate(result.profile, decks: [deck], cards: cards, using: FakeScheduler())
                == nil)
    }

    @Test func theStoreKeepsTheOriginalAsABackupAndSaysWhatWasJoined() throws {
        let folder = try TemporaryFolder()
        let deck = try CSTO.deck()
        let cards = try CSTO.cards()
        do {
            let store = try ProgressStore.open(profile: "ana", in: folder.url)
            try store.merge(oldProfile(), using: FakeScheduler())
            store.close()
        }
        let store = try ProgressStore.open(profile: "ana", in: folder.url)
        let original = store.profile
        let note = try #require(try store.migrateCardIDs(decks: [deck], cards: cards, using: FakeScheduler()))
        // Seven old fact card ids (the gap kept its id) and one timeline.
        #expect(note.message.contains("moved the reviews of 8 old card ids to 4 cards"))
        let backup = folder.url.appendingPathComponent("ana.json.cardids.bak")
        #expect(note.message.contains(backup.path))
        let kept = try ProgressStore.readProfile(at: backup)
        #expect(
            kept.reviews == original.reviews && kept.states == original.states,
            "the backup is the whole profile as it was, log included")
        #expect(Set(kept.reviews.map(\.cardID)).contains("csto:csto-established:typed"))
        store.close()
        let reopened = try ProgressStore.open(profile: "ana", in: folder.url)
        #expect(reopened.profile.reviews.contains { $0.cardID == "csto:csto-established:forward" })
        #expect(try reopened.migrateCardIDs(decks: [deck], cards: cards, using: FakeScheduler()) == nil)
    }
}
