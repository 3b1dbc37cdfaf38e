import Foundation
import RecallTestSupport
import Synchronization
import Testing

@testable import RecallCore

#if canImport(Glibc)
    import Glibc
#endif

/// A file system that fails on demand; everything it does not break goes to the real one.
final class FaultyFileSystem: FileSystemCalls {
    struct Faults {
        /// Opening a path with this suffix fails with the errno.
        var openFailure: (suffix: String, code: Int32)?
        /// Writes fail with this errno (after writing `bytesBeforeFailure` bytes of the call).
        var writeFailure: Int32?
        var bytesBeforeFailure = 0
        /// Writes take at most this many bytes per call, and every third call is interrupted.
        var shortAndInterrupted = false
        var calls = 0
    }

    let faults = Mutex(Faults())
    private let real = POSIXFileSystem()

    func open(_ path: String, flags: Int32, mode: UInt32) -> Int32 {
        if let failure = faults.withLock({ $0.openFailure }), path.hasSuffix(failure.suffix) {
            return -failure.code
        }
        return real.open(path, flags: flags, mode: mode)
    }

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        let (failure, before, short, call) = faults.withLock { faults in
            faults.calls += 1
            return (faults.writeFailure, faults.bytesBeforeFailure, faults.shortAndInterrupted, faults.calls)
        }
        if let failure {
            guard before > 0 else { return -Int(failure) }
            faults.withLock { $0.bytesBeforeFailure = 0 }
            return real.write(fd, UnsafeRawBufferPointer(rebasing: bytes.prefix(before)))
        }
        if short {
            if call % 3 == 0 { return -Int(EINTR) }
            return real.write(fd, UnsafeRawBufferPointer(rebasing: bytes.prefix(7)))
        }
        return real.write(fd, bytes)
    }
}

@Suite struct ProgressStoreFailureTests {
    let folder: TemporaryFolder
    let fileSystem = FaultyFileSystem()
    init() throws { folder = try TemporaryFolder() }

    func open() throws -> ProgressStore {
        try ProgressStore.open(
            profile: "default", in: folder.url, defaultSettings: SchedulerSettings(), io: FileIO(fileSystem))
    }

    /// A store with a saved snapshot and one answer in the journal.
    func storeWithHistory() throws -> ProgressStore {
        let store = try open()
        try store.record(.sample("a", at: 1_780_000_000), using: FakeScheduler())
        try store.save()
        try store.record(.sample("b", at: 1_780_000_100), using: FakeScheduler())
        return store
    }

    func snapshot() throws -> Data { try folder.read("default.json") }
    func journal() throws -> Data { try folder.read("default.journal.jsonl") }
    var leftoverTemporary: Bool { FileManager.default.fileExists(atPath: folder.path("default.json.tmp")) }

    /// Tests run as root, where a read-only mode stops nothing, so the seam returns EROFS when
    /// the temporary snapshot is created, as a read-only mount would.
    @Test func savingIntoAReadOnlyFolderFailsClearlyAndKeepsTheOldFile() throws {
        let store = try storeWithHistory()
        let before = try snapshot()
        fileSystem.faults.withLock { $0.openFailure = ("default.json.tmp", EROFS) }
        #expect(throws: ProgressError.readOnly(file: folder.path("default.json.tmp"))) { try store.save() }
        #expect(try snapshot() == before)
        #expect(ProgressError.readOnly(file: "x").localizedDescription.contains("read-only"))
        // The journal was sealed as a segment before the snapshot failed: nothing is lost.
        store.close()
        #expect(try open().profile.reviews.count == 2)
    }

    /// The same on the real file system: the temporary file's path is taken by a folder.
    @Test func savingWhenTheTemporaryPathIsAFolderFailsAndKeepsTheOldFile() throws {
        let store = try storeWithHistory()
        let before = try snapshot()
        try FileManager.default.createDirectory(
            atPath: folder.path("default.json.tmp"), withIntermediateDirectories: false)
        #expect(
            throws: ProgressError.system(
                file: folder.path("default.json.tmp"), operation: "create", code: EISDIR)
        ) {
            try store.save()
        }
        #expect(try snapshot() == before)
        store.close()
        try FileManager.default.removeItem(atPath: folder.path("default.json.tmp"))
        #expect(try open().profile.reviews.count == 2)
    }

    @Test func aProgressFolderInsideARegularFileIsAClearError() throws {
        try folder.write("not a folder", to: "plain")
        let inside = folder.url.appendingPathComponent("plain/progress")
        #expect(
            throws: ProgressError.system(
                file: folder.path("plain"), operation: "create folder", code: ENOTDIR)
        ) {
            try ProgressStore.open(in: inside)
        }
    }

    @Test func aFullDiskWhileSavingLosesNothing() throws {
        let store = try storeWithHistory()
        let before = try snapshot()
        fileSystem.faults.withLock {
            $0.writeFailure = ENOSPC
            $0.bytesBeforeFailure = 100
        }
        #expect(throws: ProgressError.diskFull(file: folder.path("default.json.tmp"))) { try store.save() }
        #expect(try snapshot() == before)
        #expect(!leftoverTemporary)
        store.close()
        fileSystem.faults.withLock { $0.writeFailure = nil }
        #expect(try open().profile.reviews.count == 2)
    }

    @Test func aFullDiskWhileAnsweringRecordsNothingAndLeavesNoTornLine() throws {
        let store = try storeWithHistory()
        let journalBefore = try journal()
        fileSystem.faults.withLock {
            $0.writeFailure = ENOSPC
            $0.bytesBeforeFailure = 10
        }
        #expect(throws: ProgressError.diskFull(file: folder.path("default.journal.jsonl"))) {
            try store.record(.sample("c", at: 1_780_000_200), using: FakeScheduler())
        }
        #expect(store.profile.reviews.count == 2)
        #expect(try journal() == journalBefore)
        fileSystem.faults.withLock { $0.writeFailure = nil }
        try store.record(.sample("c", at: 1_780_000_200), using: FakeScheduler())
        store.close()
        let reopened = try open()
        #expect(reopened.profile.reviews.map(\.id) == ["a", "b", "c"])
        #expect(reopened.issues.isEmpty)
    }

    @Test func anAnswerIsKeptWhenTheCompactionAfterItFails() throws {
        let store = try storeWithHistory()
        store.compactionThreshold = 2
        fileSystem.faults.withLock { $0.openFailure = ("default.json.tmp", ENOSPC) }
        try store.record(.sample("c", at: 1_780_000_200), using: FakeScheduler())
        store.waitForSnapshot()  // compaction writes the snapshot in the background
        #expect(store.issues.map(\.severity) == [.warning])
        #expect(store.issues.first?.message.contains("could not write the snapshot") == true)
        store.close()
        fileSystem.faults.withLock { $0.openFailure = nil }
        #expect(try open().profile.reviews.map(\.id) == ["a", "b", "c"])
    }

    @Test func shortWritesAndInterruptedCallsStillWriteEverything() throws {
        fileSystem.faults.withLock { $0.shortAndInterrupted = true }
        let store = try storeWithHistory()
        try store.save()
        let expected = store.profile
        store.close()
        fileSystem.faults.withLock { $0.shortAndInterrupted = false }
        #expect(try open().profile == expected)
    }

    @Test func aSecondWriterIsRefusedWithThePIDHoldingTheLock() throws {
        let first = try ProgressStore.open(in: folder.url)
        let error = try #require(throws: ProgressError.self) { try ProgressStore.open(in: folder.url) }
        #expect(error == .locked(profile: "default", lockFile: folder.path("default.lock"), pid: getpid()))
        #expect(error.localizedDescription.contains("in use by process \(getpid())"))
        // Another profile in the same folder is independent.
        _ = try ProgressStore.open(profile: "other", in: folder.url)
        first.close()
        _ = try ProgressStore.open(in: folder.url)
    }
}
