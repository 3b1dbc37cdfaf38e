import Dispatch
import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// The append-only layout: a snapshot of states, the log in sealed segments and the journal.
@Suite struct ProgressLogTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static func review(_ index: Int) -> Review {
        .sample(
            "r\(index)", card: "deck/f\(index % 5)/typed", at: 1_780_000_000 + Double(index) * 600,
            rating: Rating(rawValue: index % 4 + 1) ?? .good)
    }

    func open(io: FileIO = FileIO()) throws -> ProgressStore {
        try ProgressStore.open(
            profile: "default", in: folder.url, defaultSettings: SchedulerSettings(), io: io)
    }

    func names(under path: String = "") throws -> [String] {
        let url = path.isEmpty ? folder.url : folder.url.appendingPathComponent(path)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// A version-1 profile (the log inside the snapshot) with a journal of three more answers
    /// and a flag, as the recall before this layout left it.
    func writeVersion1Profile() throws -> Profile {
        var profile = Profile(name: "default")
        for index in 0..<12 {
            let review = Self.review(index)
            let state = FakeScheduler().review(
                profile.state(of: review.cardID, at: review.reviewedAt), rating: review.rating,
                at: review.reviewedAt, cardID: review.cardID)
            try profile.record(review, newState: state)
        }
        let text = String(
            decoding: try ProfileSnapshot.encodeWhole(profile, journalSequence: 7), as: UTF8.self
        )
        .replacingOccurrences(of: "\"last_review\":", with: "\"lastReview\":")
        try folder.write(text, to: "default.json")
        var journal = ""
        for index in 12..<15 {
            let review = Self.review(index)
            let state = FakeScheduler().review(
                profile.state(of: review.cardID, at: review.reviewedAt), rating: review.rating,
                at: review.reviewedAt, cardID: review.cardID)
            try profile.record(review, newState: state)
            journal += String(
                decoding: Journal.line(sequence: 8 + index - 12, review: review, state: state), as: UTF8.self
            ).replacingOccurrences(of: "\"last_review\":", with: "\"lastReview\":")
        }
        profile.setFlags(CardFlags(isSuspended: true), for: "deck/f1/typed")
        journal += String(
            decoding: Journal.line(
                sequence: 11, cardID: "deck/f1/typed", flags: CardFlags(isSuspended: true)),
            as: UTF8.self)
        try folder.write(journal, to: "default.journal.jsonl")
        return profile
    }

    @Test func aVersion1ProfileMigratesToTheSameStatesAndKeepsItsFiles() throws {
        let expected = try writeVersion1Profile()
        let original = try folder.read("default.json")
        let originalJournal = try folder.read("default.journal.jsonl")
        let store = try open()
        #expect(store.profile == expected)
        #expect(store.issues.contains { $0.message.contains("default.json.v1.bak") })
        #expect(try folder.read("default.json.v1.bak") == original)
        #expect(try folder.read("default.journal.jsonl.v1.bak") == originalJournal)
        store.close()

        let snapshot = String(decoding: try folder.read("default.json"), as: UTF8.self)
        #expect(snapshot.hasPrefix("{\n\"schema_version\": 2,"))
        #expect(!snapshot.contains("\"r3\""), "the snapshot holds no review")
        // One key style: snake_case everywhere in the files.
        let segments = try names(under: "default.log/1")
        #expect(segments == ["0000000000000011-000000.jsonl"])
        let log = String(decoding: try folder.read("default.log/1/" + segments[0]), as: UTF8.self)
        #expect(log.split(separator: "\n").count == 15)
        for text in [snapshot, log] {
            for camel in [
                "lastReview", "desiredRetention", "learningSteps", "enableFuzzing", "maximumInterval",
            ] {
                #expect(!text.contains(camel), "\(camel)")
            }
        }
        #expect(snapshot.contains("\"desired_retention\""))

        let reopened = try open()
        #expect(reopened.profile == expected)
        #expect(reopened.issues.isEmpty)
        #expect(reopened.profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
    }

    /// Killed at every file-system call of the migration, the profile opens afterwards with every
    /// answer, whether the migration finished or runs again.
    @Test func aMigrationKilledAtAnyPointLosesNothing() throws {
        let counting = DyingFileSystem()
        let expected: Profile
        do {
            let scratch = try TemporaryFolder()
            let tests = ProgressLogTests(folder: scratch)
            expected = try tests.writeVersion1Profile()
            try tests.open(io: FileIO(counting)).close()
        }
        #expect(counting.calls > 5)
        for point in 0..<counting.calls {
            let scratch = try TemporaryFolder()
            let tests = ProgressLogTests(folder: scratch)
            _ = try tests.writeVersion1Profile()
            _ = try? tests.open(io: FileIO(DyingFileSystem(callsBeforeDeath: point)))
            let reopened = try tests.open()
            #expect(reopened.profile.reviews == expected.reviews, "kill point \(point)")
            #expect(reopened.profile.states == expected.states, "kill point \(point)")
            #expect(reopened.profile.flags == expected.flags, "kill point \(point)")
        }
    }

    init(folder: TemporaryFolder) {
        self.folder = folder
    }

    /// Killed at every file-system call of a rotation (the journal sealed, the snapshot written),
    /// no answer whose `record` returned is absent when the profile opens again.
    @Test func aRotationKilledAtAnyPointLosesNoConfirmedAnswer() throws {
        func history(in tests: ProgressLogTests, io: FileIO) throws -> [String] {
            guard let store = try? tests.open(io: io) else { return [] }
            store.compactionThreshold = 4
            var confirmed: [String] = []
            for index in 0..<10 {
                do {
                    try store.record(Self.review(index), using: FakeScheduler())
                    confirmed.append("r\(index)")
                } catch {
                    break
                }
            }
            store.close()
            return confirmed
        }
        let counting = DyingFileSystem()
        do {
            let scratch = try TemporaryFolder()
            #expect(try history(in: ProgressLogTests(folder: scratch), io: FileIO(counting)).count == 10)
        }
        for point in 0..<counting.calls {
            let scratch = try TemporaryFolder()
            let tests = ProgressLogTests(folder: scratch)
            let confirmed = try history(in: tests, io: FileIO(DyingFileSystem(callsBeforeDeath: point)))
            let reopened = try tests.open()
            let ids = reopened.profile.reviews.map(\.id)
            #expect(confirmed.allSatisfy(ids.contains), "kill point \(point)")
            #expect(Set(ids).count == ids.count, "kill point \(point): an answer counted twice")
            #expect(
                reopened.profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty,
                "kill point \(point)")
        }
    }

    /// A rotation is a rename: the sealed segment is the journal's bytes, and the snapshot that
    /// follows holds states only.
    @Test func aRotationSealsTheJournalAsItWas() throws {
        let store = try open()
        for index in 0..<3 { try store.record(Self.review(index), using: FakeScheduler()) }
        let journal = try folder.read("default.journal.jsonl")
        try store.save()
        #expect(try folder.read("default.log/0/0000000000000003-000000.jsonl") == journal)
        #expect(!FileManager.default.fileExists(atPath: folder.path("default.journal.jsonl")))
        try store.record(Self.review(3), using: FakeScheduler())
        try store.save()
        #expect(
            try names(under: "default.log/0") == [
                "0000000000000003-000000.jsonl", "0000000000000004-000000.jsonl",
            ])
        store.close()
        #expect(try open().profile.reviews.map(\.id) == ["r0", "r1", "r2", "r3"])
    }

    /// A snapshot older than the newest sealed segment (a crash before it was rewritten): the
    /// segment's later entries are folded in when opening.
    @Test func segmentsNewerThanTheSnapshotAreFoldedIn() throws {
        let store = try open()
        for index in 0..<3 { try store.record(Self.review(index), using: FakeScheduler()) }
        try store.save()
        let olderSnapshot = try folder.read("default.json")
        for index in 3..<6 { try store.record(Self.review(index), using: FakeScheduler()) }
        try store.setFlags(CardFlags(isSuspended: true), for: "deck/f2/typed")
        try store.save()
        let expected = store.profile
        store.close()
        try olderSnapshot.write(to: folder.url.appendingPathComponent("default.json"))
        let reopened = try open()
        #expect(reopened.profile == expected)
        #expect(reopened.issues.isEmpty)
    }

    /// Answering, compaction included, never reads the sealed log: with every segment replaced by
    /// garbage after opening, answers and rotations go on, and only the next open notices.
    @Test func answersAndCompactionsNeverReadTheSealedLog() throws {
        let store = try open()
        store.compactionThreshold = 3
        for index in 0..<6 { try store.record(Self.review(index), using: FakeScheduler()) }
        store.waitForSnapshot()
        let sealed = try names(under: "default.log/0")
        #expect(sealed.count == 2)
        for name in sealed { try folder.write("garbage\n", to: "default.log/0/" + name) }
        for index in 6..<13 { try store.record(Self.review(index), using: FakeScheduler()) }
        store.waitForSnapshot()
        #expect(store.issues.isEmpty)
        #expect(store.profile.reviews.count == 13)
        #expect(try names(under: "default.log/0").count == 4)
        store.close()
        #expect(throws: ProgressError.self) { try open() }
    }

    /// Quitting with every answer in the journal writes nothing: no snapshot, no segment.
    @Test func quittingWithADurableJournalWritesNothing() throws {
        let store = try open()
        for index in 0..<3 { try store.record(Self.review(index), using: FakeScheduler()) }
        try store.save()
        for index in 3..<5 { try store.record(Self.review(index), using: FakeScheduler()) }
        let snapshot = try folder.read("default.json")
        let journal = try folder.read("default.journal.jsonl")
        let segments = try names(under: "default.log/0")
        try store.finish()
        #expect(try folder.read("default.json") == snapshot)
        #expect(try folder.read("default.journal.jsonl") == journal)
        #expect(try names(under: "default.log/0") == segments)
        #expect(try open().profile.reviews.count == 5)
    }

    /// A merge (a change of the whole log) writes a new generation and removes the old one.
    @Test func aMergeWritesANewGeneration() throws {
        let store = try open()
        for index in 0..<3 { try store.record(Self.review(index), using: FakeScheduler()) }
        try store.save()
        var other = Profile(name: "other")
        try other.record(Self.review(7), newState: .new(at: Self.review(7).reviewedAt))
        try store.merge(other, using: FakeScheduler())
        let expected = store.profile
        store.close()
        #expect(try names(under: "default.log") == ["1"])
        #expect(try open().profile == expected)
        #expect(expected.reviews.count == 4)
    }
}

/// A file system on which creating the snapshot's temporary file waits until the test lets it.
final class HeldSnapshotFileSystem: FileSystemCalls, @unchecked Sendable {
    let release = DispatchSemaphore(value: 0)
    let reached = DispatchSemaphore(value: 0)
    private let real = POSIXFileSystem()

    func open(_ path: String, flags: Int32, mode: UInt32) -> Int32 {
        if path.hasSuffix("default.json.tmp") {
            reached.signal()
            release.wait()
        }
        return real.open(path, flags: flags, mode: mode)
    }
}

@Suite struct BackgroundSnapshotTests {
    /// Compaction seals the journal and returns; the snapshot of states is written on another
    /// thread, and answers go on being recorded (and made durable) while it is.
    @Test func answersNeverWaitForTheSnapshot() throws {
        let folder = try TemporaryFolder()
        let fileSystem = HeldSnapshotFileSystem()
        let store = try ProgressStore.open(
            profile: "default", in: folder.url, defaultSettings: SchedulerSettings(), io: FileIO(fileSystem))
        store.compactionThreshold = 3
        for index in 0..<3 { try store.record(ProgressLogTests.review(index), using: FakeScheduler()) }
        fileSystem.reached.wait()  // the snapshot's write has begun and is held
        for index in 3..<5 { try store.record(ProgressLogTests.review(index), using: FakeScheduler()) }
        #expect(!FileManager.default.fileExists(atPath: folder.path("default.json")))
        #expect(try folder.read("default.journal.jsonl").split(separator: 0x0A).count == 2)
        fileSystem.release.signal()
        store.waitForSnapshot()
        let snapshot = String(decoding: try folder.read("default.json"), as: UTF8.self)
        #expect(snapshot.contains("\"log_sequence\": 3"))
        let expected = store.profile
        store.close()
        #expect(try ProgressStore.open(in: folder.url).profile == expected)
    }
}

@Suite struct SegmentFastPathTests {
    /// Every answer line the store writes, with or without its state, is read by the fast path
    /// (not `JSONDecoder`, ten times slower on millions of lines).
    @Test func answerLinesTakeTheFastPath() throws {
        let review = Review.sample("r1", card: "deck/f1/typed", at: 1_780_000_000.25)
        let state = FakeScheduler().review(
            .new(at: review.reviewedAt), rating: .good, at: review.reviewedAt, cardID: review.cardID)
        for line in [
            Journal.line(sequence: 4, review: review, state: nil),
            Journal.line(sequence: 4, review: review, state: state),
        ] {
            let text = Array(line.dropLast())
            let entry = text.withUnsafeBytes(SnapshotFastReader.journalAnswer)
            #expect(entry?.review == review, "\(String(decoding: text, as: UTF8.self))")
        }
    }
}
