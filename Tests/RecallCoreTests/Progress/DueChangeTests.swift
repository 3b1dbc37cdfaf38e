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

    /// Anki's "Set due date" on a new card makes it a review card due that day, with no memory
    /// state (FSRS on: the row's interval is 0), and so does replay.
    @Test func aCardNeverAnsweredBecomesAReviewCardWithoutMemory() throws {
        let moved = Profile(reviews: [review("r1", 0)], dueChanges: [change("d", 1, dueIn: 5, card: "other")])
            .replayed(using: scheduler)
        let state = try #require(moved.states["other"])
        #expect(state == .scheduledWithoutMemory(due: start.addingTimeInterval(6 * Self.day)))
        #expect(state.phase == .review && state.stability == nil && state.lastReview == nil)
        #expect(!state.isNew, "a review card, not a new one")
        #expect(moved.flags(of: "other").lapses == 0)
    }

    /// Its first answer starts the memory state from the rating's initial values, as Anki's FSRS
    /// does for a review card without one (`next_states(None, …)`), and keeps it a review card:
    /// Good schedules it in days (no learning steps); Again is a lapse into relearning.
    struct FirstAnswer: Sendable, CustomTestStringConvertible {
        var rating: Rating
        var phase: CardState.Phase
        var lapses: Int
        var testDescription: String { "\(rating)" }
    }

    static let firstAnswers: [FirstAnswer] = [
        FirstAnswer(rating: .again, phase: .relearning, lapses: 1),
        FirstAnswer(rating: .hard, phase: .review, lapses: 0),
        FirstAnswer(rating: .good, phase: .review, lapses: 0),
        FirstAnswer(rating: .easy, phase: .review, lapses: 0),
    ]

    @Test(arguments: firstAnswers)
    func theFirstAnswerAfterTheChangeStartsTheMemoryAsAnkiDoes(_ answer: FirstAnswer) throws {
        let profile = Profile(
            reviews: [review("r1", 6, answer.rating)], dueChanges: [change("d", 1, dueIn: 5)]
        ).replayed(using: scheduler)
        let state = try #require(profile.states["c"])
        let fsrs = scheduler.fsrs
        #expect(state.stability == fsrs.initialStability(answer.rating))
        #expect(state.difficulty == fsrs.initialDifficulty(answer.rating))
        #expect(state.phase == answer.phase)
        #expect(state.lastReview == start.addingTimeInterval(6 * Self.day))
        #expect(profile.flags(of: "c").lapses == answer.lapses)
        if answer.phase == .review {
            #expect(state.due >= start.addingTimeInterval(7 * Self.day), "days, not a learning step")
        }
        // A new card answered the same way goes through the learning steps instead.
        let plain = Profile(reviews: [review("r1", 6, answer.rating)]).replayed(using: scheduler)
        if answer.rating != .easy { #expect(plain.states["c"]?.phase == .learning) }
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
        let bytes = try ProfileSnapshot.encodeWhole(plain, journalSequence: 0)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("due_changes"))
        #expect(SnapshotFastReader.read(Data(bytes), profileName: "default")?.profile == plain)

        let moved = Profile(reviews: [review("r1", 0)], dueChanges: [change("d", 1, dueIn: 5)])
            .replayed(using: scheduler)
        let movedBytes = try ProfileSnapshot.encodeWhole(moved, journalSequence: 0)
        let decoded = try ProfileSnapshot.decode(
            Data(movedBytes), file: "p.json", profileName: "default", defaultSettings: SchedulerSettings())
        #expect(decoded.profile == moved)
    }

    /// A "Set due date" made with FSRS off carries the SM-2 interval and ease: a new card takes the
    /// memory state Anki infers from them (fsrs-rs `memory_state_from_sm2` at 0.9: the stability is
    /// the interval), and its first answer counts 0 days elapsed (the short-term formulas), as
    /// Anki's answer does with no earlier answer in the log.
    @Test func anSM2DueDateGivesANewCardTheMemoryAnkiInfers() throws {
        var sm2 = change("d", 1, dueIn: 10)
        sm2.interval = 10
        sm2.ease = 2.5
        let left = try #require(Profile(dueChanges: [sm2]).replayed(using: scheduler).states["c"])
        let fsrs = scheduler.fsrs
        let inferred = try #require(fsrs.memory(fromEase: 2.5, interval: 10, retention: 0.9))
        #expect(abs(inferred.stability - 10) < 1e-9)
        #expect(left.stability == inferred.stability && left.difficulty == inferred.difficulty)
        #expect(left.phase == .review && left.lastReview == nil && !left.isNew)
        // A higher ease means an easier card.
        let easier = try #require(fsrs.memory(fromEase: 3.0, interval: 10, retention: 0.9))
        #expect(easier.difficulty < inferred.difficulty)

        let answered = try #require(
            Profile(reviews: [review("r1", 11)], dueChanges: [sm2]).replayed(using: scheduler).states["c"])
        #expect(answered.stability == fsrs.shortTermStability(inferred.stability, rating: .good))
        #expect(answered.difficulty == fsrs.nextDifficulty(inferred.difficulty, rating: .good))
        #expect(answered.phase == .review)
    }

    @Test func theSM2FieldsSurviveTheFilesAndTheJournal() throws {
        var sm2 = change("d", 1, dueIn: 10)
        sm2.interval = 10
        sm2.ease = 2.5
        let folder = try TemporaryFolder()
        do {
            let store = try ProgressStore.open(in: folder.url)
            defer { store.close() }
            try store.record([sm2], using: scheduler)
        }
        let journal = try ProgressStore.open(in: folder.url)
        #expect(journal.profile.dueChanges == [sm2])
        try journal.save()
        journal.close()
        let snapshot = try ProgressStore.open(in: folder.url)
        defer { snapshot.close() }
        #expect(snapshot.profile.dueChanges == [sm2])
        #expect(snapshot.profile.states["c"]?.stability != nil)
    }
}
