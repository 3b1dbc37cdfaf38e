import Foundation
import RecallTestSupport
import Synchronization
import Testing

@testable import RecallCore

#if canImport(Glibc)
    import Glibc
#endif

/// A file system that "dies" after a number of calls: from then on every call fails, so the files
/// stay exactly as a SIGKILL at that moment would leave them.
final class DyingFileSystem: FileSystemCalls {
    struct State {
        var callsLeft = Int.max
        var calls = 0
    }

    let state = Mutex(State())
    private let real = POSIXFileSystem()

    init(callsBeforeDeath: Int = .max) {
        state.withLock { $0.callsLeft = callsBeforeDeath }
    }

    /// Counts the call; false once the process is dead.
    private func alive() -> Bool {
        state.withLock { state in
            state.calls += 1
            guard state.callsLeft > 0 else { return false }
            state.callsLeft -= 1
            return true
        }
    }

    var calls: Int { state.withLock { $0.calls } }

    func open(_ path: String, flags: Int32, mode: UInt32) -> Int32 {
        alive() ? real.open(path, flags: flags, mode: mode) : -EIO
    }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        alive() ? real.write(fd, bytes) : -Int(EIO)
    }
    func fsync(_ fd: Int32) -> Int32 { alive() ? real.fsync(fd) : -EIO }
    func ftruncate(_ fd: Int32, length: Int) -> Int32 { alive() ? real.ftruncate(fd, length: length) : -EIO }
    func rename(_ from: String, to: String) -> Int32 { alive() ? real.rename(from, to: to) : -EIO }
}

@Suite struct RerateCrashTests {
    let utc = TimeZone(identifier: "UTC") ?? .current
    let morning = Date(timeIntervalSince1970: 1_772_445_600)

    func card(_ id: String) -> Card {
        Card(
            id: CardID(stored: "d:\(id):typed"), deck: "d", kind: .typed, prompt: "Question \(id)?",
            answer: "Answer",
            accepted: ["Answer"], facts: [id], source: "s", why: "w", topic: "t", siblingKey: "d:\(id)")
    }

    func session(in folder: TemporaryFolder, io: FileIO, cards: [Card]) throws -> StudySession {
        let store = try ProgressStore.open(
            profile: "default", in: folder.url, defaultSettings: SchedulerSettings(), io: io)
        return StudySession(
            cards: cards, vocabulary: [], store: store,
            scheduler: try Scheduler(settings: SchedulerSettings(enableFuzzing: false)),
            options: StudyOptions(clock: StudyCalendar(timeZone: utc, rolloverHour: 4)), now: morning)
    }

    /// One answer, its rating changed, then accepted: the learner saw the answer confirmed after
    /// `record`, so from then on every kill point must leave it on disk.
    func play(_ study: StudySession, confirmed: inout Bool) throws {
        let card = card("a")
        let grade = study.grade("wrong", for: card)
        try study.record(card, reply: "wrong", grade: grade, rating: .again, duration: 4, now: morning)
        confirmed = true
        try study.rerate(rating: .hard)
        try study.accept("wrong", for: card, rating: .good, duration: 4, now: morning + 1)
    }

    @Test func aRatingChangeAndAnAcceptAreEachOneJournalLine() throws {
        let folder = try TemporaryFolder()
        let study = try session(in: folder, io: FileIO(), cards: [card("a")])
        var confirmed = false
        try play(study, confirmed: &confirmed)
        let lines = try folder.read("default.journal.jsonl").split(separator: 0x0A)
        #expect(lines.count == 3, "record, rerate, accept: one line each, no undo lines")
        #expect(!lines.contains { String(decoding: $0, as: UTF8.self).contains("\"undo\"") })
        study.store.close()
        let reopened = try ProgressStore.open(in: folder.url)
        #expect(reopened.profile.reviews.count == 1)
        #expect(reopened.profile.reviews.first?.rating == .good)
        #expect(reopened.profile.reviews.first?.verdict == .correct)
        #expect(reopened.profile.flags(of: "d:a:typed").aliases == ["wrong"])
        #expect(reopened.profile.states["d:a:typed"] == study.store.profile.states["d:a:typed"])
    }

    /// Every kill point of the whole sequence, by dying after each file-system call in turn.
    @Test func noKillPointLosesAConfirmedAnswer() throws {
        let total: Int
        do {
            let folder = try TemporaryFolder()
            let counting = DyingFileSystem()
            var confirmed = false
            let study = try session(in: folder, io: FileIO(counting), cards: [card("a")])
            try play(study, confirmed: &confirmed)
            total = counting.calls
        }
        #expect(total > 5)
        for point in 0...total {
            let folder = try TemporaryFolder()
            var confirmed = false
            do {
                let study = try session(
                    in: folder, io: FileIO(DyingFileSystem(callsBeforeDeath: point)), cards: [card("a")])
                defer { study.store.close() }
                try play(study, confirmed: &confirmed)
            } catch {}
            let reopened = try ProgressStore.open(in: folder.url)
            let reviews = reopened.profile.reviews.count
            #expect(reviews == (confirmed ? 1 : reviews), "kill point \(point): the answer is gone")
            #expect(reviews <= 1, "kill point \(point): counted twice")
        }
    }

    @Test func aFullDiskDuringARatingChangeKeepsTheOldRating() throws {
        let folder = try TemporaryFolder()
        let fileSystem = FaultyFileSystem()
        let study = try session(in: folder, io: FileIO(fileSystem), cards: [card("a")])
        let card = card("a")
        try study.record(
            card, reply: "Answer", grade: study.grade("Answer", for: card), rating: .good, duration: 4,
            now: morning)
        fileSystem.faults.withLock { $0.writeFailure = ENOSPC }
        #expect(throws: ProgressError.diskFull(file: folder.path("default.journal.jsonl"))) {
            try study.rerate(rating: .easy)
        }
        #expect(!ProgressError.diskFull(file: "x").localizedDescription.contains("nothing was lost"))
        study.store.close()
        let reopened = try ProgressStore.open(in: folder.url)
        #expect(reopened.profile.reviews.map(\.rating) == [.good])
    }
}

/// Fails exactly one write call (the `failing`-th) with ENOSPC after writing part of it, as a
/// disk that fills mid-line would; every other call goes to the real file system.
final class OneFullWrite: FileSystemCalls {
    let failing: Int
    /// Writes counted since `armed` was set (opening the store writes the lock first).
    let calls = Mutex(0)
    let armed = Mutex(false)
    private let real = POSIXFileSystem()

    init(failing: Int) { self.failing = failing }

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        guard armed.withLock({ $0 }) else { return real.write(fd, bytes) }
        let call = calls.withLock { count in
            count += 1
            return count
        }
        guard call == failing else { return real.write(fd, bytes) }
        let part = bytes.count / 2
        if part > 0 { _ = real.write(fd, UnsafeRawBufferPointer(rebasing: bytes.prefix(part))) }
        return -Int(ENOSPC)
    }
}

@Suite struct FullDiskAtEveryWriteTests {
    let morning = Date(timeIntervalSince1970: 1_772_445_600)

    /// ENOSPC at each write of one answer, its rating change and its accept in turn: what was
    /// confirmed (the call returned) is on disk with the rating last confirmed; nothing else is.
    @Test func aFullDiskAtAnyWriteLosesNothingConfirmed() throws {
        var failing = 1
        while true {
            let folder = try TemporaryFolder()
            let fileSystem = OneFullWrite(failing: failing)
            let store = try ProgressStore.open(
                profile: "default", in: folder.url, defaultSettings: SchedulerSettings(),
                io: FileIO(fileSystem))
            let card = Card(
                id: CardID(stored: "d:a:typed"), deck: "d", kind: .typed, prompt: "Q?", answer: "A",
                accepted: ["A"],
                facts: ["a"],
                source: "s", why: "w", topic: "t", siblingKey: "d:a")
            let study = StudySession(
                cards: [card], vocabulary: [], store: store,
                scheduler: try Scheduler(settings: SchedulerSettings(enableFuzzing: false)), now: morning)
            fileSystem.armed.withLock { $0 = true }
            var confirmed: (rating: Rating, verdict: Grade.Verdict)?
            var failures = 0
            do {
                try study.record(
                    card, reply: "B", grade: study.grade("B", for: card), rating: .again, duration: 3,
                    now: morning)
                confirmed = (.again, .wrong)
            } catch { failures += 1 }
            do {
                if try study.rerate(rating: .hard) != nil { confirmed?.rating = .hard }
            } catch { failures += 1 }
            do {
                if try study.accept("B", for: card, rating: .good, duration: 3, now: morning + 1) != nil {
                    confirmed = (.good, .correct)
                }
            } catch { failures += 1 }
            let writes = fileSystem.calls.withLock { $0 }
            store.close()
            let reopened = try ProgressStore.open(in: folder.url)
            #expect(reopened.profile.reviews.count == (confirmed == nil ? 0 : 1), "failing write \(failing)")
            #expect(reopened.profile.reviews.last?.rating == confirmed?.rating, "failing write \(failing)")
            #expect(reopened.profile.reviews.last?.verdict == confirmed?.verdict, "failing write \(failing)")
            #expect(reopened.issues.isEmpty, "no torn line left behind (write \(failing))")
            guard failures > 0 else {
                #expect(failing > writes, "only past the last write does nothing fail")
                break
            }
            #expect(failures == 1, "write \(failing) failed and was reported")
            failing += 1
            if failing > 50 { break }
        }
        #expect(failing > 3, "every write of the answer was failed once")
    }
}

@Suite struct JournalFoldTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func journalLine(_ sequence: Int, _ review: Review) -> String {
        String(
            decoding: Journal.line(sequence: sequence, review: review, state: .new(at: review.reviewedAt)),
            as: UTF8.self)
    }

    /// Saves one good answer (and flags, if given) to the snapshot, then edits the snapshot's text.
    func savedSnapshot(flags: CardFlags? = nil, editing: (String) -> String) throws {
        let store = try ProgressStore.open(in: folder.url)
        try store.record(.sample("a", at: 1_780_000_000, rating: .good), using: FakeScheduler())
        if let flags { try store.setFlags(flags, for: "geo/fr/capital") }
        try store.save()
        store.close()
        try folder.write(
            editing(String(decoding: try folder.read("default.json"), as: UTF8.self)), to: "default.json")
    }

    /// A backup snapshot whose log_sequence is ahead of a newer journal.
    @Test func journalAnswersTheSnapshotLacksAreFoldedInAndNeverTruncated() throws {
        try savedSnapshot {
            $0.replacingOccurrences(of: "\"log_sequence\": 1", with: "\"log_sequence\": 50")
        }
        try folder.write(
            journalLine(2, .sample("b", card: "c2", at: 1_780_000_100))
                + journalLine(3, .sample("c", card: "c3", at: 1_780_000_200)), to: "default.journal.jsonl")
        let reopened = try ProgressStore.open(in: folder.url)
        #expect(Set(reopened.profile.reviews.map(\.id)) == ["a", "b", "c"])
        #expect(reopened.issues.contains { $0.description.contains("folded them in by review id") })
        try reopened.record(.sample("d", card: "c4", at: 1_780_000_300), using: FakeScheduler())
        try reopened.save()
        reopened.close()
        #expect(
            Set(try ProgressStore.open(in: folder.url).profile.reviews.map(\.id)) == ["a", "b", "c", "d"])
    }

    @Test func theLargestSequenceIsRefusedNotTrapped() throws {
        try savedSnapshot {
            $0.replacingOccurrences(of: "\"log_sequence\": 1", with: "\"log_sequence\": \(Int.max)")
        }
        #expect {
            try ProgressStore.open(in: folder.url)
        } throws: { error in
            guard case .malformed(_, let line, _, let reason) = error as? ProgressError else { return false }
            return line == 5 && reason.contains("log_sequence")
        }
        try folder.write(journalLine(Int.max, .sample("b")), to: "other.journal.jsonl")
        #expect(throws: ProgressError.self) { try ProgressStore.open(profile: "other", in: folder.url) }
    }

    @Test(arguments: [Int.max, Int.min])
    func lapseCountsFromAFileNeverTrap(_ lapses: Int) throws {
        try savedSnapshot(flags: CardFlags(isSuspended: true)) {
            $0.replacingOccurrences(
                of: "\"flags\":{\"suspended\":true}",
                with: "\"flags\":{\"suspended\":true,\"lapses\":\(lapses)}")
        }
        let reopened = try ProgressStore.open(in: folder.url)
        #expect(reopened.profile.flags(of: "geo/fr/capital").lapses == lapses)
        try reopened.record(.sample("b", at: 1_780_000_100, rating: .again), using: FakeScheduler())
        try reopened.undo("b", restoring: reopened.profile.states["geo/fr/capital"])
        #expect(reopened.profile.flags(of: "geo/fr/capital").lapses >= 0 || lapses < 0)
    }

    @Test func aDuplicatedReviewLineIsCountedOnce() throws {
        let line = journalLine(1, .sample("a"))
        try folder.write(line + line, to: "default.journal.jsonl")
        let store = try ProgressStore.open(in: folder.url)
        #expect(store.profile.reviews.count == 1)
        #expect(store.issues.contains { $0.description.contains("counted once") })
    }

    @Test func aCompleteLastLineWithoutNewlineIsKept() throws {
        let store = try ProgressStore.open(in: folder.url)
        try store.record(.sample("a", at: 1_780_000_000), using: FakeScheduler())
        try store.record(.sample("b", card: "c2", at: 1_780_000_100), using: FakeScheduler())
        store.close()
        var journal = try folder.read("default.journal.jsonl")
        journal.removeLast()
        try journal.write(to: folder.url.appendingPathComponent("default.journal.jsonl"))
        let reopened = try ProgressStore.open(in: folder.url)
        #expect(reopened.profile.reviews.map(\.id) == ["a", "b"])
        try reopened.record(.sample("c", card: "c3", at: 1_780_000_200), using: FakeScheduler())
        reopened.close()
        #expect(try ProgressStore.open(in: folder.url).profile.reviews.map(\.id) == ["a", "b", "c"])
    }

    @Test func aTornLineIsBackedUpBeforeItIsCut() throws {
        try folder.write(journalLine(1, .sample("a")) + "{\"seq\":2,\"rev", to: "default.journal.jsonl")
        let store = try ProgressStore.open(in: folder.url)
        #expect(store.profile.reviews.count == 1)
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
            .filter { $0.hasPrefix("default.journal.jsonl.torn") }
        #expect(kept.count == 1)
        #expect(try folder.read(kept[0]) == Data("{\"seq\":2,\"rev".utf8))
    }

    @Test func undoingANewCardThenCrashingLeavesItNew() throws {
        let store = try ProgressStore.open(in: folder.url)
        try store.record(.sample("a"), using: FakeScheduler())
        try store.undo("a", restoring: nil)
        store.close()  // a crash: nothing saved but the journal
        let reopened = try ProgressStore.open(in: folder.url)
        #expect(reopened.profile.reviews.isEmpty)
        #expect(reopened.profile.states["geo/fr/capital"] == nil, "a card with no reviews is new")
    }

    @Test func anUnreadableJournalIsNotCalledReadOnly() {
        let error = ProgressError.from(errno: EACCES, operation: "open for reading", file: "j")
        #expect(error == .unreadable(file: "j"))
        #expect(!error.localizedDescription.contains("read-only"))
    }
}
