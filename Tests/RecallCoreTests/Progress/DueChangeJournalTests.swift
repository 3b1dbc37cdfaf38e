import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// Due changes as journal lines (`{"seq":N,"due_change":{…},"state":{…}}`): written by the store,
/// read back, replayed, counted once by id, and recovered by repair.
@Suite struct DueChangeJournalTests {
    let folder: TemporaryFolder
    let scheduler = FakeScheduler()
    static let start = 1_780_000_000.0
    static let day = 86_400.0
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    init() throws { folder = try TemporaryFolder() }

    func change(_ id: String, card: String = "deck/a/typed", day: Double, dueIn days: Double) -> DueChange {
        let at = Date(timeIntervalSince1970: Self.start + day * Self.day)
        return DueChange(id: id, cardID: card, changedAt: at, due: at.addingTimeInterval(days * Self.day))
    }

    /// Two answers on each of cards a and b, in the snapshot.
    func openWithHistory() throws -> ProgressStore {
        let store = try ProgressStore.open(in: folder.url)
        for (index, card) in ["a", "b", "a", "b"].enumerated() {
            try store.record(
                .sample("r\(index)", card: "deck/\(card)/typed", at: Self.start + Double(index) * 3_600),
                using: scheduler)
        }
        try store.save()
        return store
    }

    func journalLines() throws -> [String] {
        String(decoding: try folder.read("default.journal.jsonl"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
    }

    @Test func recordedChangesAreJournalLinesThatReadBackAndAgreeWithReplay() throws {
        let store = try openWithHistory()
        let changes = [change("d1", day: 2, dueIn: 30), change("d2", card: "deck/b/typed", day: 2, dueIn: 9)]
        #expect(try store.record(changes, using: scheduler) == 2)
        #expect(store.profile.states["deck/a/typed"]?.due == changes[0].due)
        store.close()

        let lines = try journalLines()
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("\"due_change\":{\"id\":") && $0.contains("\"state\":{") })
        let reopened = try ProgressStore.open(in: folder.url)
        defer { reopened.close() }
        #expect(reopened.profile.dueChanges == changes)
        #expect(reopened.profile.states["deck/b/typed"]?.due == changes[1].due)
        #expect(reopened.profile.cardsDifferingFromReplay(using: scheduler).isEmpty)
        #expect(reopened.issues.isEmpty)
    }

    @Test func aChangeBeforeALaterAnswerLeavesTheAnswersSchedule() throws {
        let store = try openWithHistory()
        let before = store.profile.states["deck/a/typed"]
        // Dated between card a's two answers: the second answer schedules the card anew.
        try store.record([change("early", day: 0.05, dueIn: 30)], using: scheduler)
        #expect(store.profile.states["deck/a/typed"] == before)
        #expect(store.profile.cardsDifferingFromReplay(using: scheduler).isEmpty)
        store.close()
    }

    @Test func aChangeTheLogHoldsIsCountedOnce() throws {
        let store = try openWithHistory()
        let once = change("d1", day: 2, dueIn: 30)
        #expect(try store.record([once, once], using: scheduler) == 1)
        #expect(try store.record([once], using: scheduler) == 0)
        store.close()
        #expect(try journalLines().count == 1)
        // A line repeated by hand (or by a sync) still counts once.
        let line = try journalLines()[0]
        let repeated = line.replacingOccurrences(of: "{\"seq\":5,", with: "{\"seq\":6,")
        try folder.write(line + "\n" + repeated + "\n", to: "default.journal.jsonl")
        let reopened = try ProgressStore.open(in: folder.url)
        defer { reopened.close() }
        #expect(reopened.profile.dueChanges == [once])
    }

    @Test func linesTheSnapshotAlreadyHoldsAreNotAppliedTwice() throws {
        // As after a crash between renaming the new snapshot in and emptying the journal.
        let store = try openWithHistory()
        try store.record([change("d1", day: 2, dueIn: 30)], using: scheduler)
        let journal = try folder.read("default.journal.jsonl")
        try store.save()
        store.close()
        try journal.write(to: folder.url.appendingPathComponent("default.journal.jsonl"))
        let reopened = try ProgressStore.open(in: folder.url)
        defer { reopened.close() }
        #expect(reopened.profile.dueChanges.map(\.id) == ["d1"])
        #expect(reopened.issues.isEmpty)
    }

    @Test func aChangeMissingFromASnapshotThatClaimsItIsFoldedIn() throws {
        // A backup of the snapshot restored beside a newer journal.
        let store = try openWithHistory()
        store.close()
        let backup = try folder.read("default.json")
        let again = try ProgressStore.open(in: folder.url)
        try again.record([change("d1", day: 2, dueIn: 30)], using: scheduler)
        let journal = try folder.read("default.journal.jsonl")
        try again.save()
        again.close()
        // The journal comes back beside the backup; the segment it was sealed as is gone.
        let log = folder.url.appendingPathComponent("default.log/0")
        for name in try FileManager.default.contentsOfDirectory(atPath: log.path) {
            let segment = log.appendingPathComponent(name)
            if try String(contentsOf: segment, encoding: .utf8).contains("\"d1\"") {
                try FileManager.default.removeItem(at: segment)
            }
        }
        var text = String(decoding: backup, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"log_sequence\": 4", with: "\"log_sequence\": 5")
        try folder.write(text, to: "default.json")
        try journal.write(to: folder.url.appendingPathComponent("default.journal.jsonl"))

        let reopened = try ProgressStore.open(in: folder.url)
        defer { reopened.close() }
        #expect(reopened.profile.dueChanges.map(\.id) == ["d1"])
        #expect(
            reopened.issues.contains {
                $0.message.contains("1 answer(s) or due change(s) are not in the snapshot")
            })
    }

    @Test func aTornDueChangeLineIsDroppedAndTheLinesBeforeItKept() throws {
        let store = try openWithHistory()
        try store.record([change("d1", day: 2, dueIn: 30)], using: scheduler)
        store.close()
        let handle = try FileHandle(forWritingTo: folder.url.appendingPathComponent("default.journal.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":6,\"due_change\":{\"id\":\"d2\",\"ca".utf8))
        try handle.close()

        let reopened = try ProgressStore.open(in: folder.url)
        #expect(reopened.profile.dueChanges.map(\.id) == ["d1"])
        #expect(
            reopened.issues.first?.message.contains("default.journal.jsonl:2: unfinished last line") == true)
        // The torn bytes are cut off, so the next change starts on a line of its own.
        try reopened.record([change("d2", day: 3, dueIn: 5)], using: scheduler)
        reopened.close()
        let again = try ProgressStore.open(in: folder.url)
        defer { again.close() }
        #expect(again.profile.dueChanges.map(\.id) == ["d1", "d2"])
        #expect(again.issues.isEmpty)
    }

    @Test func repairKeepsTheChangesOfADamagedJournal() throws {
        let store = try openWithHistory()
        try store.record([change("d1", day: 2, dueIn: 30)], using: scheduler)
        store.close()
        let lines = try journalLines()
        try folder.write(lines[0] + "\n{\"seq\":6,\"review\":}\n", to: "default.journal.jsonl")

        _ = try ProgressStore.repair(in: folder.url, schedulers: { _ in FakeScheduler() }, now: now)
        let repaired = try ProgressStore.open(in: folder.url)
        defer { repaired.close() }
        #expect(repaired.profile.dueChanges.map(\.id) == ["d1"])
        #expect(repaired.profile.states["deck/a/typed"]?.due == change("d1", day: 2, dueIn: 30).due)
        #expect(repaired.profile.cardsDifferingFromReplay(using: scheduler).isEmpty)
    }

    @Test func repairSalvagesTheChangesOfADamagedSnapshot() throws {
        let store = try openWithHistory()
        try store.record([change("d1", day: 2, dueIn: 30)], using: scheduler)
        try store.save()
        store.close()
        var text = String(decoding: try folder.read("default.json"), as: UTF8.self)
        #expect(!text.contains("due_change"), "due changes are log entries, not in the snapshot")
        text = text.replacingOccurrences(of: "\"deck/a/typed\"", with: "\"deck/a/typed")  // a card line
        try folder.write(text, to: "default.json")

        let issues = try ProgressStore.repair(in: folder.url, schedulers: { _ in FakeScheduler() }, now: now)
        #expect(issues.contains { $0.message.contains("rebuilt card states by replaying the review log") })
        let repaired = try ProgressStore.open(in: folder.url)
        defer { repaired.close() }
        #expect(repaired.profile.dueChanges.map(\.id) == ["d1"])
        #expect(repaired.profile.states["deck/a/typed"]?.due == change("d1", day: 2, dueIn: 30).due)
    }

    @Test func repairTakesBackTheChangesOfAFileSetAsideEarlier() throws {
        let store = try openWithHistory()
        try store.record([change("d1", day: 2, dueIn: 30)], using: scheduler)
        store.close()
        let journal = try folder.read("default.journal.jsonl")
        try journal.write(
            to: folder.url.appendingPathComponent("default.journal.jsonl.damaged-20260101T000000Z"))
        try folder.write("", to: "default.journal.jsonl")

        let check = ProgressStore.check(in: folder.url, schedulers: { _ in FakeScheduler() })
        #expect(
            check.contains { $0.message.contains("holds 0 review(s) and 1 due change(s) that are not in") })
        _ = try ProgressStore.repair(in: folder.url, schedulers: { _ in FakeScheduler() }, now: now)
        let repaired = try ProgressStore.open(in: folder.url)
        defer { repaired.close() }
        #expect(repaired.profile.dueChanges.map(\.id) == ["d1"])
        #expect(repaired.profile.states["deck/a/typed"]?.due == change("d1", day: 2, dueIn: 30).due)
    }

    @Test func mergingAProfileWithTheSameChangeKeepsOne() throws {
        let store = try openWithHistory()
        let once = change("d1", day: 2, dueIn: 30)
        try store.record([once], using: scheduler)
        try store.merge(Profile(dueChanges: [once, change("d2", day: 3, dueIn: 4)]), using: scheduler)
        #expect(store.profile.dueChanges.map(\.id) == ["d1", "d2"])
        store.close()
        let reopened = try ProgressStore.open(in: folder.url)
        defer { reopened.close() }
        #expect(reopened.profile.dueChanges.map(\.id) == ["d1", "d2"])
    }
}
