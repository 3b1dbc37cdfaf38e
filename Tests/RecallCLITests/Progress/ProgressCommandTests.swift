import Foundation
import Testing

@testable import RecallCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ProgressCommandTests {
    let temporary: ScratchFolder
    var folder: URL { temporary.url }

    init() throws {
        temporary = try ScratchFolder()
    }

    /// A saved profile whose reviews are the stress workload's first `count` answers.
    func writeStressProfile(count: Int) throws -> Profile {
        let profile = try Self.stressProfile(count: count)
        try ProgressStore.write(profile, as: "default", in: folder)
        return profile
    }

    static func stressProfile(count: Int) throws -> Profile {
        var profile = Profile(name: "default")
        for number in 0..<count {
            let (review, state) = StressWorkload.step(number)
            try profile.record(review, newState: state)
        }
        return profile
    }

    @Test func checkOfAHealthyProfileSucceeds() throws {
        let store = try ProgressStore.open(in: folder)
        for number in 0..<3 {
            try store.record(StressWorkload.step(number).review, using: try Scheduler())
        }
        try store.save()
        try store.record(StressWorkload.step(3).review, using: try Scheduler())
        store.close()
        let result = try RecallProcess.run(["progress", "check", "--progress-dir", folder.path])
        #expect(result.status == 0)
        #expect(
            result.stdout == "note: profile 'default': 4 review(s) of 4 card(s), 1 journal line(s)\n")
        #expect(result.stderr == "")
    }

    @Test func checkWarnsAboutStatesThatDifferFromTheLogAndRepairRebuildsThem() throws {
        _ = try writeStressProfile(count: 3)  // states made up by the workload, not by FSRS
        let check = try RecallProcess.run(["progress", "check", "--progress-dir", folder.path])
        #expect(check.status == 0)
        #expect(
            check.stderr.hasPrefix(
                "warning: 3 card(s) differ from a replay of the review log ('card-0',"))
        let repair = try RecallProcess.run(["progress", "repair", "--progress-dir", folder.path])
        #expect(repair.status == 0)
        #expect(repair.stdout.contains("rebuilt card states by replaying the review log"))
        let again = try RecallProcess.run(["progress", "check", "--progress-dir", folder.path])
        #expect(again.stderr == "")
    }

    @Test func checkOfADamagedProfileFailsNamingFileLineAndColumn() throws {
        _ = try writeStressProfile(count: 3)
        // The log segment of the profile written whole (generation 1).
        let path = folder.appendingPathComponent("default.log/1/0000000000000000-000000.jsonl").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").firstIndex { $0.contains("\"rating\":3") }) + 1
        try text.replacingOccurrences(of: "\"rating\":3", with: "\"rating\":\"3\"").write(
            toFile: path, atomically: false, encoding: .utf8)
        // The folder comes from RECALL_PROGRESS here.
        let result = try RecallProcess.run(
            ["progress", "check"], environment: ["RECALL_PROGRESS": folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(path):\(line):"), "\(result.stderr)")
        #expect(result.stderr.contains("review.rating: expected to decode Int but found a string"))
        #expect(!result.stderr.contains("Error:"))
    }

    @Test func repairSetsTheDamagedFileAside() throws {
        _ = try writeStressProfile(count: 3)
        let path = folder.appendingPathComponent("default.json").path
        try Data("{\"schema_version\": 1, \"reviews\": [".utf8).write(to: URL(fileURLWithPath: path))
        let result = try RecallProcess.run(["progress", "repair", "--progress-dir", folder.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("kept the damaged snapshot as '\(path).damaged-"))
        #expect(result.stderr.hasPrefix("warning: \(path):1:35: invalid JSON: unexpected end of file"))
        #expect(!result.stderr.contains("left untouched"))
        let check = try RecallProcess.run(["progress", "check", "--progress-dir", folder.path])
        #expect(check.status == 0)
    }

    @Test func aProfileInUseIsRefusedNamingTheProcess() throws {
        let store = try ProgressStore.open(in: folder)
        let result = try RecallProcess.run(["progress", "repair", "--progress-dir", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("profile 'default' is in use by process \(getpid())"))
        store.close()
        #expect(try RecallProcess.run(["progress", "repair", "--progress-dir", folder.path]).status == 0)
    }

    @Test func mergeAddsTheOtherLogAndReplaysWithFSRS() throws {
        _ = try writeStressProfile(count: 5)
        let otherFolder = try ScratchFolder()
        var other = Profile(name: "laptop")
        for number in 3..<8 {
            let (review, state) = StressWorkload.step(number)
            try other.record(review, newState: state)
        }
        let otherPath = otherFolder.url.appendingPathComponent("laptop.json").path
        try FileIO().replaceAtomically(
            otherPath, with: try ProfileSnapshot.encodeWhole(other, journalSequence: 0))

        let result = try RecallProcess.run(["progress", "merge", otherPath, "--progress-dir", folder.path])
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "merged '\(otherPath)' into profile 'default': 3 new reviews, 8 in all\n")
        let merged = try ProgressStore.readProfile(at: folder.appendingPathComponent("default.json"))
        #expect(merged.reviews.map(\.id) == (0..<8).map { "stress-\($0)" })
        #expect(merged.cardsDifferingFromReplay(using: try Scheduler(settings: merged.settings)).isEmpty)
        // A second merge of the same file adds nothing.
        let again = try RecallProcess.run(["progress", "merge", otherPath, "--progress-dir", folder.path])
        #expect(again.stdout.contains(": 0 new reviews, 8 in all"))
        #expect(try RecallProcess.run(["progress", "check", "--progress-dir", folder.path]).status == 0)
    }

    @Test func mergingAMissingFileFails() throws {
        let result = try RecallProcess.run([
            "progress", "merge", "nowhere.json", "--progress-dir", folder.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: no such file '"))
    }

    @Test func anInvalidProfileNameFails() throws {
        let result = try RecallProcess.run([
            "progress", "check", "--profile", "../etc", "--progress-dir", folder.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: invalid profile name '../etc'"))
    }

    /// Kills `recall` with SIGKILL while it saves in a loop, several times over, and checks each
    /// time that the files parse and hold exactly one of the states the loop went through.
    @Test func aProcessKilledMidSaveLeavesTheOldOrANewState() throws {
        var reported = try writeStressProfile(count: 20_000).reviews.count
        for _ in 0..<4 {
            let (process, output, _) = try RecallProcess.start(
                ["progress", "_stress-save", "--progress-dir", folder.path])
            // Wait until the child has reported two more finished saves, then kill it at once:
            // it is in the middle of its next append or save.
            var buffer = ""
            var seen = 0
            while seen < 2 {
                let data = output.fileHandleForReading.availableData
                try #require(!data.isEmpty, "recall stopped before reporting a save")
                buffer += String(decoding: data, as: UTF8.self)
                while let newline = buffer.firstIndex(of: "\n") {
                    let line = buffer[..<newline]
                    buffer = String(buffer[buffer.index(after: newline)...])
                    let count = try #require(
                        Int(line.dropFirst("saved ".count)), "unexpected output '\(line)'")
                    #expect(count > reported)
                    reported = count
                    seen += 1
                }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)

            // Read as `recall stats` reads it (no lock, nothing written): snapshot, segments, journal.
            let peeked = try #require(try ProgressStore.peekProfile(named: "default", in: folder))
            #expect(peeked.reviews.count >= reported)
            #expect(peeked == (try Self.stressProfile(count: peeked.reviews.count)))

            let store = try ProgressStore.open(in: folder)
            #expect(store.profile == (try Self.stressProfile(count: store.profile.reviews.count)))
            #expect(store.issues.allSatisfy { $0.severity == .warning })
            reported = store.profile.reviews.count
            store.close()
        }
    }
}

/// A fresh folder for one test, removed when the test's suite instance goes away.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("recall-cli-progress-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
