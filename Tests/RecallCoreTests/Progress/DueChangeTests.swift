import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// Due dates set by hand (Anki's "Set due date"): entries of the log that replay applies without
/// touching the memory state, kept by the files, merges and replays.
@Suite struct DueChangeTests {
    let scheduler: Scheduler
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    init() throws {
        scheduler = try Scheduler()
    }

    func review(_ id: String, _ day: Double, _ rating: Rating = .good, card: String = "c") -> Review {
        Review(
            id: id, cardID: card, reviewedAt: start.addingTimeInterval(day * Self.day), rating: rating,
            answer: "", verdict: rating == .again ? .wrong : .correct, duration: 3)
    }

    func change(_ id: String, _ day: Double, dueIn days: Double, card: String = "c") -> DueChange {
        let at = start.addingTimeInterval(day * Self.day)
        return DueChange(id: id, cardID: card, changedAt: at, due: at.addingTimeInterval(days * Self.day))
    }

    @Test func aDueChangeMovesTheCardAndKeepsItsMemoryState() throws {
        let answers = [review("r1", 0), review("r2", 3)]
        let plain = Profile(reviews: answers).replayed(using: scheduler)
        let moved = Profile(reviews: answers, dueChanges: [change("d", 4, dueIn: 30)]).replayed(
            using: scheduler)
        let before = try #require(plain.states["c"])
        let after = try #require(moved.states["c"])
        #expect(after.due == start.addingTimeInterval(34 * Self.day))
        #expect(after.due != before.due)
        #expect(after.stability == before.stability)
        #expect(after.difficulty == before.difficulty)
        #expect(after.phase == before.phase)
        #expect(after.lastReview == before.lastReview)
    }

    @Test func anAnswerAfterTheChangeSchedulesTheCardAnew() {
        let answers = [review("r1", 0), review("r2", 3), review("r3", 10)]
        let plain = Profile(reviews: answers).replayed(using: scheduler)
        let moved = Profile(reviews: answers, dueChanges: [change("d", 4, dueIn: 30)]).replayed(
            using: scheduler)
        #expect(moved.states["c"] == plain.states["c"])
    }

    @Test func aChangeAtTheTimeOfAnAnswerComesAfterIt() {
        let answers = [review("r1", 0), review("r2", 3)]
        let moved = Profile(reviews: answers, dueChanges: [change("d", 3, dueIn: 7)]).replayed(
            using: scheduler)
        #expect(moved.states["c"]?.due == start.addingTimeInterval(10 * Self.day))
    }

    @Test func aCardWithoutAnswersIsNotMadeUp() {
        let moved = Profile(reviews: [review("r1", 0)], dueChanges: [change("d", 1, dueIn: 5, card: "other")])
            .replayed(using: scheduler)
        #expect(moved.states["other"] == nil)
    }

    @Test func mergingUnitesTheChangesByIdAndCommutes() {
        let a = Profile(reviews: [review("r1", 0)], dueChanges: [change("d1", 1, dueIn: 5)])
        let b = Profile(
            reviews: [review("r1", 0)], dueChanges: [change("d1", 1, dueIn: 5), change("d2", 2, dueIn: 9)])
        let ab = a.merged(with: b, using: scheduler)
        #expect(ab == b.merged(with: a, using: scheduler))
        #expect(ab.dueChanges.map(\.id) == ["d1", "d2"])
        #expect(ab.states["c"]?.due == start.addingTimeInterval(11 * Self.day))
        #expect(ab.merged(with: b, using: scheduler) == ab)
    }

    @Test func theFilesKeepTheChangesAndReplayAgrees() throws {
        let folder = try TemporaryFolder()
        do {
            let store = try ProgressStore.open(in: folder.url)
            defer { store.close() }
            try store.merge(
                Profile(
                    reviews: [review("r1", 0), review("r2", 3)], dueChanges: [change("d", 4, dueIn: 30)]),
                using: scheduler)
        }
        let reopened = try ProgressStore.open(in: folder.url)
        defer { reopened.close() }
        #expect(reopened.profile.dueChanges == [change("d", 4, dueIn: 30)])
        #expect(reopened.profile.states["c"]?.due == start.addingTimeInterval(34 * Self.day))
        #expect(reopened.profile.cardsDifferingFromReplay(using: scheduler).isEmpty)
    }

    /// A profile without due changes is written exactly as before (no new key); one with them is
    /// read back equal by `JSONDecoder` (and by the fast reader: `SnapshotFastReaderTests`).
    @Test func aProfileWithoutChangesKeepsItsLayout() throws {
        let plain = Profile(reviews: [review("r1", 0)]).replayed(using: scheduler)
        let bytes = try ProfileSnapshot.encode(plain, journalSequence: 0)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("due_changes"))
        #expect(SnapshotFastReader.read(Data(bytes), profileName: "default")?.profile == plain)

        let moved = Profile(reviews: [review("r1", 0)], dueChanges: [change("d", 1, dueIn: 5)])
            .replayed(using: scheduler)
        let movedBytes = try ProfileSnapshot.encode(moved, journalSequence: 0)
        let decoded = try ProfileSnapshot.decode(
            Data(movedBytes), file: "p.json", profileName: "default", defaultSettings: SchedulerSettings())
        #expect(decoded.profile == moved)
    }
}
