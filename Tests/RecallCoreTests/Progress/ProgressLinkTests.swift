import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

#if canImport(Glibc)
    import Glibc
#endif

/// Links planted in a progress folder never redirect recall's writes.
@Suite struct ProgressLinkTests {
    let folder: TemporaryFolder
    let victim: TemporaryFolder
    init() throws {
        folder = try TemporaryFolder()
        victim = try TemporaryFolder()
        try victim.write("precious\n", to: "target")
    }

    func plant(_ name: String) throws {
        try FileManager.default.createSymbolicLink(
            atPath: folder.path(name), withDestinationPath: victim.path("target"))
    }

    var victimIntact: Bool { (try? victim.read("target")) == Data("precious\n".utf8) }

    @Test(arguments: ["default.lock", "default.journal.jsonl"])
    func aLinkedLockOrJournalIsRefused(_ name: String) throws {
        try plant(name)
        #expect(throws: ProgressError.self) {
            let store = try ProgressStore.open(in: folder.url)
            try store.record(.sample("a"), using: FakeScheduler())
        }
        #expect(victimIntact)
        #expect(
            ProgressError.from(errno: ELOOP, operation: "open lock", file: "x").localizedDescription.contains(
                "symbolic link"))
    }

    @Test func aLinkedTemporarySnapshotIsReplacedNotFollowed() throws {
        try plant("default.json.tmp")
        let store = try ProgressStore.open(in: folder.url)
        try store.record(.sample("a"), using: FakeScheduler())
        try store.save()
        store.close()
        #expect(victimIntact)
        #expect(try ProgressStore.open(in: folder.url).profile.reviews.count == 1)
    }

    @Test func aFolderOthersCanWriteIsRefusedUnlessStickyAndOwned() throws {
        chmod(folder.url.path, 0o777)
        #expect {
            try ProgressStore.open(in: folder.url)
        } throws: { error in
            guard case .unsafeFolder(let path, _) = error as? ProgressError else { return false }
            return path == folder.url.path
        }
        #expect(throws: ProgressError.self) { try ProgressStore.repair(in: folder.url) }
        chmod(folder.url.path, 0o1777)
        #expect(throws: Never.self) { try ProgressStore.open(in: folder.url).close() }
    }

    /// The PID is written over the old one and the rest cut, so the file is never empty while
    /// held (a racing process refused the lock read an empty file 10 times in 159).
    @Test func theLockFileNamesTheHolderWithoutEverBeingEmptied() throws {
        try folder.write("99999999\n", to: "default.lock")
        let store = try ProgressStore.open(in: folder.url)
        #expect(try folder.read("default.lock") == Data("\(getpid())\n".utf8))
        #expect(
            throws: ProgressError.locked(
                profile: "default", lockFile: folder.path("default.lock"), pid: getpid())
        ) {
            try ProgressStore.open(in: folder.url)
        }
        store.close()
    }
}
