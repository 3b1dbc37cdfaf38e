import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

@Suite struct SnapshotFastReaderTests {
    /// A profile with everything the layout can hold: awkward strings, flags with and without
    /// states, every phase, optional fields present and absent.
    static func awkwardProfile() throws -> Profile {
        var generator = SplitMix64(seed: 3)
        var reviews = RandomHistory.reviews(count: 300, cards: 20, using: &generator)
        let answers = [
            "quote \" and backslash \\", "tab\tnew\nline\r", "control \u{01}\u{1F}", "emoji 🦉 and é",
            "slash / and {braces}", "", "\u{2028}",
        ]
        for index in reviews.indices { reviews[index].answer = answers[index % answers.count] }
        reviews[0].cardID = "deck/\"odd\" id/typed"
        var profile = try RandomHistory.profile(reviews: reviews)
        profile.setFlags(
            CardFlags(
                isSuspended: true, buriedUntil: Date(timeIntervalSince1970: 1.5e9 + 0.25), aliases: ["a}\"b"]),
            for: "deck/fact-1/typed")
        profile.setFlags(CardFlags(isLeech: true), for: "never/reviewed")
        // Every member but aliases, which the fast reader reads without JSONDecoder.
        profile.setFlags(
            CardFlags(
                isSuspended: true, buriedUntil: Date(timeIntervalSince1970: 1.6e9 + 0.125), isLeech: true),
            for: "deck/fact-2/typed")
        profile.setFlags(CardFlags(buriedUntil: Date(timeIntervalSince1970: 1.7e9)), for: "deck/fact-3/typed")
        profile.settings.learningSteps = [30, 90.5]
        return profile
    }

    @Test func theFastReaderAgreesWithJSONDecoder() throws {
        let profile = try Self.awkwardProfile()
        let bytes = Data(try ProfileSnapshot.encodeWhole(profile, journalSequence: 41))
        let fast = try #require(SnapshotFastReader.read(bytes, profileName: "default"))
        let slow = try ProfileSnapshot.decode(
            bytes, file: "x", profileName: "default", defaultSettings: .init(), fastPath: false)
        #expect(fast.profile == slow.profile)
        #expect(fast.profile == profile)
        #expect(fast.journalSequence == 41)
    }

    @Test func theFastJournalReaderAgreesWithJSONDecoder() throws {
        let profile = try Self.awkwardProfile()
        for (index, review) in profile.reviews.enumerated() {
            let state = try #require(profile.states[review.cardID])
            let line = Journal.line(sequence: index + 1, review: review, state: state).dropLast()  // newline
            let fast = try #require(line.withUnsafeBytes(SnapshotFastReader.journalAnswer))
            let slow = try ProfileSnapshot.decoder().decode(Journal.Entry.self, from: Data(line))
            #expect(fast.sequence == index + 1 && slow.sequence == index + 1)
            #expect(fast.review == review && slow.review == review)
            #expect(fast.state == state && slow.state == state)
        }
        let flagLine = Journal.line(sequence: 1, cardID: "x", flags: CardFlags(isSuspended: true)).dropLast()
        #expect(flagLine.withUnsafeBytes(SnapshotFastReader.journalAnswer) == nil)
    }

    @Test func anEmptyProfileReadsFast() throws {
        let bytes = Data(try ProfileSnapshot.encodeWhole(Profile(name: "p"), journalSequence: 0))
        #expect(SnapshotFastReader.read(bytes, profileName: "p")?.profile == Profile(name: "p"))
    }

    struct Edit: Sendable, CustomTestStringConvertible {
        var id: String
        var from: String
        var to: String
        var testDescription: String { id }
    }

    /// Valid JSON in another shape is left to JSONDecoder; invalid JSON the fast reader must refuse.
    static let edits: [Edit] = [
        Edit(id: "reordered keys", from: "{\"id\":", to: "{\"x\":1,\"id\":"),
        Edit(id: "leading zero", from: "\"rating\":3", to: "\"rating\":03"),
        Edit(id: "plus sign", from: ",\"at\":", to: ",\"at\":+"),
        Edit(id: "unknown rating", from: "\"rating\":3", to: "\"rating\":5"),
        Edit(id: "bad escape", from: "\\\"", to: "\\x"),
        Edit(id: "trailing garbage", from: "\n]\n}\n", to: "\n]\n}\nx"),
        Edit(id: "pretty printed", from: "{\"id\":", to: "{ \"id\":"),
    ]

    @Test(arguments: edits)
    func anythingUnexpectedFallsBackToJSONDecoder(_ edit: Edit) throws {
        let text = String(
            decoding: try ProfileSnapshot.encodeWhole(try Self.awkwardProfile(), journalSequence: 0),
            as: UTF8.self
        )
        let range = try #require(text.range(of: edit.from))
        let edited = Data(text.replacingCharacters(in: range, with: edit.to).utf8)
        #expect(SnapshotFastReader.read(edited, profileName: "default") == nil)
    }

    /// The awkward profile with due changes (Anki's "Set due date" and kept due dates), one on a
    /// card with an awkward id and one at a time with a fraction.
    static func profileWithDueChanges() throws -> Profile {
        var profile = try awkwardProfile()
        let cards = Array(profile.states.keys.sorted().prefix(3)) + ["deck/\"odd\" id/typed"]
        profile.dueChanges = cards.enumerated().map { offset, cardID in
            let at = Date(timeIntervalSince1970: 1_790_000_000.125 + Double(offset) * 3_600)
            // Every other one with the SM-2 interval and ease of a change made with FSRS off.
            return DueChange(
                id: "anki:\(offset)/\"q\"", cardID: cardID, changedAt: at,
                due: at + Double(offset + 1) * 86_400,
                interval: offset % 2 == 0 ? nil : offset * 3, ease: offset % 2 == 0 ? nil : 2.35)
        }
        return profile
    }

    @Test func aSnapshotWithDueChangesReadsFastAndAgreesWithJSONDecoder() throws {
        let profile = try Self.profileWithDueChanges()
        let bytes = Data(try ProfileSnapshot.encodeWhole(profile, journalSequence: 7))
        let fast = try #require(SnapshotFastReader.read(bytes, profileName: "default"))
        let slow = try ProfileSnapshot.decode(
            bytes, file: "x", profileName: "default", defaultSettings: .init(), fastPath: false)
        #expect(fast.profile == slow.profile)
        #expect(fast.profile == profile)
        #expect(fast.profile.dueChanges.count == 4)
        #expect(fast.journalSequence == 7)
    }

    @Test func aStoredProfileWithDueChangesOpensThroughTheFastReader() throws {
        let folder = try TemporaryFolder()
        let scheduler = FakeScheduler()
        let profile = try Self.profileWithDueChanges()
        do {
            let store = try ProgressStore.open(in: folder.url)
            defer { store.close() }
            try store.merge(Profile(reviews: profile.reviews), using: scheduler)
            try store.record(profile.dueChanges, using: scheduler)
            try store.save()
        }
        let bytes = try folder.read("default.json")
        let fast = try #require(SnapshotFastReader.read(bytes, profileName: "default"))
        let slow = try ProfileSnapshot.decode(
            bytes, file: "x", profileName: "default", defaultSettings: .init(), fastPath: false)
        #expect(fast.profile == slow.profile)
        #expect(fast.profile.dueChanges.isEmpty, "due changes are log entries, in the segments")
        let reopened = try ProgressStore.open(in: folder.url)
        defer { reopened.close() }
        #expect(reopened.profile.states == slow.profile.states)
        #expect(Set(reopened.profile.dueChanges.map(\.id)) == Set(profile.dueChanges.map(\.id)))
    }

    /// A due change in another shape is left to JSONDecoder, as everything else.
    static let dueChangeEdits: [Edit] = [
        Edit(id: "reordered due change", from: "{\"id\":\"anki:0", to: "{\"x\":1,\"id\":\"anki:0"),
        Edit(id: "pretty printed due change", from: "[\n{\"id\":\"anki:0", to: "[\n{ \"id\":\"anki:0"),
        Edit(id: "unclosed list", from: "\n]\n}\n", to: "\n}\n"),
    ]

    @Test(arguments: dueChangeEdits)
    func anUnexpectedDueChangeFallsBackToJSONDecoder(_ edit: Edit) throws {
        let text = String(
            decoding: try ProfileSnapshot.encodeWhole(try Self.profileWithDueChanges(), journalSequence: 0),
            as: UTF8.self)
        let range = try #require(text.range(of: edit.from))
        let edited = Data(text.replacingCharacters(in: range, with: edit.to).utf8)
        #expect(SnapshotFastReader.read(edited, profileName: "default") == nil)
    }
}
