import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

@Suite struct ProgressStoreTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func open(_ profile: String = "default") throws -> ProgressStore {
        try ProgressStore.open(profile: profile, in: folder.url)
    }

    /// Records `count` reviews of a few cards through the store, one second apart.
    func answer(_ store: ProgressStore, count: Int, from start: Int = 0) throws {
        for index in start..<(start + count) {
            let review = Review.sample(
                "review-\(index)", card: "deck/fact-\(index % 3)/typed", at: 1_780_000_000.5 + Double(index),
                rating: Rating(rawValue: index % 4 + 1) ?? .good)
            try store.record(review, using: FakeScheduler())
        }
    }

    @Test func aSavedProfileLoadsBackEqual() throws {
        let store = try open()
        try answer(store, count: 20)
        try store.setFlags(
            CardFlags(
                isSuspended: true, buriedUntil: Date(timeIntervalSince1970: 1_790_000_000.7),
                aliases: ["Lutèce"]),
            for: "deck/fact-1/typed")
        try store.save()
        let saved = store.profile
        store.close()

        let reopened = try open()
        #expect(reopened.profile == saved)
        #expect(reopened.issues.isEmpty)
        #expect(reopened.profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
    }

    @Test func anAnswerIsDurableBeforeAnySnapshotIsWritten() throws {
        let store = try open()
        try answer(store, count: 1)
        let expected = store.profile
        store.close()
        #expect(!FileManager.default.fileExists(atPath: folder.path("default.json")))
        let journal = try folder.read("default.journal.jsonl")
        #expect(journal.split(separator: 0x0A).count == 1)

        let reopened = try open()
        #expect(reopened.profile == expected)
        #expect(reopened.profile.reviews.map(\.id) == ["review-0"])
    }

    /// Compaction seals the journal as a log segment (a rename) and writes the snapshot of
    /// states, which holds no review.
    @Test func theJournalIsSealedAsASegmentAfterThreshold() throws {
        let store = try open()
        store.compactionThreshold = 5
        try answer(store, count: 4)
        #expect(!FileManager.default.fileExists(atPath: folder.path("default.json")))
        try answer(store, count: 1, from: 4)
        store.waitForSnapshot()
        #expect(!FileManager.default.fileExists(atPath: folder.path("default.journal.jsonl")))
        let segment = try folder.read("default.log/0/0000000000000005-000000.jsonl")
        #expect(segment.split(separator: 0x0A).count == 5)
        #expect(!String(decoding: try folder.read("default.json"), as: UTF8.self).contains("review-"))
        #expect(
            try ProgressStore.readProfile(at: folder.url.appendingPathComponent("default.json")).reviews.count
                == 5)
        try answer(store, count: 2, from: 5)
        store.close()
        let reopened = try open()
        #expect(reopened.profile.reviews.map(\.id) == (0..<7).map { "review-\($0)" })
    }

    /// The snapshot is O(cards), so a profile of many cards compacts less often.
    @Test func manyCardsCompactLessOften() throws {
        let store = try open()
        store.compactionThreshold = 2
        for index in 0..<60 {
            let review = Review.sample(
                "r\(index)", card: "card-\(index)", at: 1_780_000_000.5 + Double(index))
            try store.record(review, using: FakeScheduler())
        }
        #expect(store.effectiveCompactionThreshold == 6)
        store.compactionThreshold = 1_000
        #expect(store.effectiveCompactionThreshold == 1_000)
    }

    @Test func journalLinesTheSnapshotAlreadyHoldsAreNotAppliedTwice() throws {
        // As after a crash between renaming the new snapshot in and emptying the journal.
        let store = try open()
        try answer(store, count: 3)
        let journal = try folder.read("default.journal.jsonl")
        try store.save()
        store.close()
        try journal.write(to: folder.url.appendingPathComponent("default.journal.jsonl"))
        let reopened = try open()
        #expect(reopened.profile.reviews.count == 3)
    }

    @Test func aTruncatedSnapshotIsAnErrorAndIsLeftByteForByte() throws {
        let store = try open()
        try answer(store, count: 10)
        try store.save()
        store.close()
        let full = try folder.read("default.json")
        let truncated = full.prefix(full.count * 2 / 3)
        try truncated.write(to: folder.url.appendingPathComponent("default.json"))

        let error = try #require(throws: ProgressError.self) { try open() }
        guard case .malformed(let file, let line, _, let reason) = error else {
            Issue.record("expected malformed, got \(error)")
            return
        }
        #expect(file == folder.path("default.json"))
        #expect(
            line
                == String(decoding: truncated, as: UTF8.self).split(
                    separator: "\n", omittingEmptySubsequences: false
                ).count)
        #expect(reason.contains("truncated"))
        #expect(error.localizedDescription.hasPrefix("\(folder.path("default.json")):\(line):"))
        #expect(try folder.read("default.json") == truncated)
    }

    @Test func aTornLastJournalLineIsDroppedWithAWarning() throws {
        let store = try open()
        try answer(store, count: 2)
        store.close()
        let handle = try FileHandle(forWritingTo: folder.url.appendingPathComponent("default.journal.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":3,\"review\":{\"id\":\"torn\",\"ca".utf8))
        try handle.close()

        let reopened = try open()
        #expect(reopened.profile.reviews.map(\.id) == ["review-0", "review-1"])
        #expect(reopened.issues.count == 2, "the warning, and where the torn bytes are kept")
        #expect(reopened.issues.first?.severity == .warning)
        #expect(
            reopened.issues.first?.message.contains("default.journal.jsonl:3: unfinished last line") == true)
        // The torn bytes are cut off, so the next answer starts on a line of its own.
        try answer(reopened, count: 1, from: 2)
        reopened.close()
        let again = try open()
        #expect(again.profile.reviews.map(\.id) == ["review-0", "review-1", "review-2"])
        #expect(again.issues.isEmpty)
    }

    @Test func anUnknownRatingInTheJournalNamesItsLine() throws {
        let store = try open()
        try answer(store, count: 1)
        store.close()
        let line =
            #"{"seq":2,"review":{"id":"x","card":"c","at":1780000100,"rating":7,"answer":"a","verdict":"wrong","seconds":1},"state":{"phase":"Learning","step":0,"due":1780000100}}"#
        let handle = try FileHandle(forWritingTo: folder.url.appendingPathComponent("default.journal.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
        try handle.close()
        let column =
            line.distance(from: line.startIndex, to: try #require(line.range(of: "7,")).lowerBound) + 1

        #expect(
            throws: ProgressError.malformed(
                file: folder.path("default.journal.jsonl"), line: 2, column: column,
                reason: "review.rating: unknown rating '7' (expected 1 again, 2 hard, 3 good or 4 easy)")
        ) { try open() }
    }

    /// A damaged sealed segment is reported with its file, line and column, and left as it is.
    @Test func anUnknownRatingInALogSegmentNamesItsLineAndColumn() throws {
        let store = try open()
        try answer(store, count: 5)
        try store.save()
        store.close()
        let name = "default.log/0/0000000000000005-000000.jsonl"
        var lines = String(decoding: try folder.read(name), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("\"review-3\"") })
        lines[index] = lines[index].replacingOccurrences(of: "\"rating\":4", with: "\"rating\":9")
        try folder.write(lines.joined(separator: "\n"), to: name)
        let damaged = try folder.read(name)
        let column = try #require(lines[index].range(of: "9,")).lowerBound.utf16Offset(in: lines[index]) + 1

        #expect(
            throws: ProgressError.malformed(
                file: folder.path(name), line: index + 1, column: column,
                reason: "review.rating: unknown rating '9' (expected 1 again, 2 hard, 3 good or 4 easy)")
        ) { try open() }
        #expect(try folder.read(name) == damaged)
    }

    @Test func anAnswerDatedBeforeTheCardsLastReviewIsRefusedAndNotWritten() throws {
        let store = try open()
        try store.record(.sample("late", at: 1_780_000_500), using: FakeScheduler())
        let journal = try folder.read("default.journal.jsonl")
        #expect(throws: ProgressError.self) {
            try store.record(.sample("early", at: 1_780_000_000), using: FakeScheduler())
        }
        #expect(try folder.read("default.journal.jsonl") == journal)
        #expect(store.profile.reviews.count == 1)
    }

    @Test func backwardTimesInTheJournalAreKeptWithAWarning() throws {
        let late = Journal.line(
            sequence: 1, review: .sample("late", at: 1_780_000_500),
            state: CardState(
                phase: .review, step: nil, stability: 2, difficulty: 5,
                due: Date(timeIntervalSince1970: 1_780_100_000),
                lastReview: Date(timeIntervalSince1970: 1_780_000_500)))
        let early = Journal.line(
            sequence: 2, review: .sample("early", at: 1_780_000_000),
            state: .new(at: Date(timeIntervalSince1970: 0)))
        try Data(late + early).write(to: folder.url.appendingPathComponent("default.journal.jsonl"))
        let store = try open()
        #expect(store.profile.reviews.map(\.id) == ["late", "early"])
        #expect(store.issues.map(\.severity) == [.warning])
        #expect(
            store.issues.first?.message.contains(
                "default.journal.jsonl:2: review of card 'geo/fr/capital' is dated before") == true)
        store.close()
        let report = ProgressStore.check(in: folder.url, schedulers: { _ in FakeScheduler() })
        #expect(report.contains { $0.severity == .warning && $0.message.contains("go back in time") })
    }

    @Test func reviewsOfCardsMissingFromTheDeckSurviveSaveAndLoad() throws {
        let store = try open()
        try store.record(.sample("a", card: "deck/gone/typed"), using: FakeScheduler())
        try store.record(.sample("b", card: "deck/here/typed"), using: FakeScheduler())
        try store.save()
        store.close()
        let reopened = try open()
        #expect(reopened.profile.orphanedCardIDs(notIn: ["deck/here/typed"]) == ["deck/gone/typed"])
        #expect(reopened.profile.reviews.count == 2)
    }

    @Test func mergingThroughTheStoreSavesTheUnion() throws {
        let store = try open()
        try answer(store, count: 4)
        var generator = SplitMix64(seed: 9)
        let other = try RandomHistory.profile(
            reviews: RandomHistory.reviews(count: 30, cards: 5, using: &generator), name: "laptop")
        try store.merge(other, using: FakeScheduler())
        store.close()
        let reopened = try open()
        #expect(reopened.profile.reviews.count == 34)
        #expect(reopened.profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
    }

    @Test func invalidProfileNamesAreRefused() throws {
        #expect(throws: ProgressError.invalidProfileName("../x")) { try open("../x") }
        #expect(throws: ProgressError.invalidProfileName(".hidden")) { try open(".hidden") }
        _ = try open("ana_b-2.0")
    }
}
