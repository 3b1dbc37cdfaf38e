import Foundation
import Synchronization
import Testing

@testable import RecallCore
@testable import recall

#if canImport(Glibc)
    import Glibc
#endif

/// A file system whose writes fail with ENOSPC once `full` is set.
final class FillingDisk: FileSystemCalls {
    let full = Mutex(false)
    private let real = POSIXFileSystem()

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        full.withLock { $0 } ? -Int(ENOSPC) : real.write(fd, bytes)
    }
}

/// Replies from a list; fills the disk when it reaches `fillAt`.
struct ScriptedReader: LineReader {
    var replies: [String]
    let disk: FillingDisk
    let fillAt: Int
    var position = 0

    mutating func read(prompt: String, remember: Bool) -> LineInput { next() }
    mutating func readKey(prompt: String) -> LineInput { next() }
    func saveHistory() {}

    private mutating func next() -> LineInput {
        defer { position += 1 }
        if position == fillAt { disk.full.withLock { $0 = true } }
        return position < replies.count ? .line(replies[position]) : .end
    }
}

@Suite struct StudyLoopWriteFailureTests {
    /// A rating change that cannot be written leaves the answer recorded and the loop reports
    /// the failure (so `study` exits 1), without claiming nothing was lost.
    @Test func aFailedWriteIsReportedAndTheAnswerKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let disk = FillingDisk()
        let store = try ProgressStore.open(
            profile: "default", in: folder, defaultSettings: SchedulerSettings(), io: FileIO(disk))
        let card = Card(
            id: CardID(stored: "d:a:typed"), deck: "d", kind: .typed, prompt: "Q?", answer: "A",
            accepted: ["A"],
            facts: ["a"],
            source: "s", why: "w", topic: "t", siblingKey: "d:a")
        let session = StudySession(
            cards: [card], vocabulary: [], store: store, scheduler: try Scheduler(), now: Date())
        // The answer is written; the disk fills before the rating key is read.
        var loop = StudyLoop(
            session: session, style: Style(color: false),
            reader: ScriptedReader(replies: ["A", "1"], disk: disk, fillAt: 1))
        loop.run()
        #expect(loop.writeFailed)
        store.close()
        let reopened = try ProgressStore.open(in: folder)
        #expect(reopened.profile.reviews.count == 1, "the confirmed answer is kept")
        #expect(reopened.profile.reviews.first?.rating != .again, "with the rating it had")
        #expect(!ProgressError.diskFull(file: "j").localizedDescription.contains("nothing was lost"))
    }
}
