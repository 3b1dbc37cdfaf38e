import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// Ending a study session costs nothing at any history size: every answer is already an fsynced
/// journal line, so quitting leaves the snapshot as it was.
@Suite struct QuitWritesNoSnapshotTests {
    let scratch: TemporaryFolder
    init() throws { scratch = try TemporaryFolder(prefix: "recall-quit") }

    func study(newCards: Int) throws {
        let result = try RecallProcess.run(
            ["study", "--new", "\(newCards)", "--recall-only", "--progress-dir", scratch.url.path],
            input: "not it\n\n:quit\n")
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func quittingASessionWithAnswersRewritesNoSnapshot() throws {
        let snapshot = scratch.url.appendingPathComponent("default.json")
        try study(newCards: 1)
        // A new profile gets its first snapshot, so that commands taking a file find it.
        let first = try Data(contentsOf: snapshot)
        #expect(try ProgressStore.readProfile(at: snapshot).reviews.count == 1)

        try study(newCards: 2)
        #expect(try Data(contentsOf: snapshot) == first, "quitting wrote the snapshot")
        let journal = try String(
            contentsOf: scratch.url.appendingPathComponent("default.journal.jsonl"), encoding: .utf8)
        #expect(!journal.isEmpty, "the second session's answer is in the journal")
        #expect(try ProgressStore.readProfile(at: snapshot).reviews.count == 2)
    }
}
