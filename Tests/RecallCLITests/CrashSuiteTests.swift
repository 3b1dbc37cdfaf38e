import Foundation
import RecallCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The crash suite: real `recall study` sessions that answer, change ratings and `:accept`,
/// killed with SIGKILL at random moments (right after a line is sent, so the kill lands while
/// recall is grading, writing the journal or saving). Confirmed answers are counted on screen
/// (a rating prompt is shown only once the answer is on disk) and compared with the reviews
/// on disk after every kill.
///
/// CI runs a short form; `Scripts/crash-suite` sets `RECALL_CRASH_TRIALS` (and optionally
/// `RECALL_CRASH_SEED`, `RECALL_CRASH_REPORT`) for hundreds of trials.
@Suite struct CrashSuiteTests {
    struct Figures: CustomStringConvertible {
        var trials = 0
        var kills = 0
        var confirmed = 0
        var onDisk = 0
        var lost = 0
        var ratingChanges = 0
        var accepts = 0
        var description: String {
            "crash suite: \(trials) trials, \(kills) SIGKILLs, \(confirmed) answers confirmed on screen"
                + " (\(ratingChanges) rating changes, \(accepts) accepts), \(onDisk) on disk, \(lost) lost"
        }
    }

    static var trials: Int {
        ProcessInfo.processInfo.environment["RECALL_CRASH_TRIALS"].flatMap(Int.init) ?? 16
    }

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["RECALL_CRASH_SEED"].flatMap(UInt64.init) ?? 13
    }

    @Test func randomKillsDuringSessionsLoseNoConfirmedAnswer() throws {
        var random = SplitMix64(seed: Self.seed)
        var figures = Figures()
        var folder: URL?
        var confirmedInFolder = 0
        var sentInFolder = 0
        for trial in 0..<Self.trials {
            // A new learner every few trials, so the day's new cards never run out.
            if trial % 4 == 0 {
                if let folder { try? FileManager.default.removeItem(at: folder) }
                let fresh = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "recall-crash-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
                folder = fresh
                confirmedInFolder = 0
                sentInFolder = 0
            }
            guard let folder else { break }
            let outcome = try runTrial(in: folder, random: &random)
            figures.trials += 1
            figures.kills += outcome.killed ? 1 : 0
            figures.ratingChanges += outcome.ratingChanges
            figures.accepts += outcome.accepts
            confirmedInFolder += outcome.confirmed
            sentInFolder += outcome.sent
            let issues = ProgressStore.check(in: folder)
            #expect(!issues.contains { $0.severity == .error }, "trial \(trial): \(issues)")
            let store = try ProgressStore.open(in: folder)
            let onDisk = store.profile.reviews.count
            store.close()
            figures.confirmed += outcome.confirmed
            let lost = max(0, confirmedInFolder - onDisk)
            #expect(lost == 0, "trial \(trial): \(confirmedInFolder) confirmed, \(onDisk) on disk")
            #expect(onDisk <= sentInFolder, "trial \(trial): more answers on disk than were given")
            if trial % 4 == 3 || trial == Self.trials - 1 {
                figures.onDisk += onDisk
                figures.lost += lost
            }
        }
        if let folder { try? FileManager.default.removeItem(at: folder) }
        print(figures.description)
        if let report = ProcessInfo.processInfo.environment["RECALL_CRASH_REPORT"] {
            try Data((figures.description + "\n").utf8).write(to: URL(fileURLWithPath: report))
        }
        #expect(figures.lost == 0)
        #expect(figures.kills > 0)
    }

    struct Outcome {
        var killed = false
        var confirmed = 0
        var sent = 0
        var ratingChanges = 0
        var accepts = 0
    }

    /// One session: up to 30 interactions, one of the first 15 (chosen at random) followed at once
    /// by SIGKILL; a session that runs out of cards or quits ends without one.
    func runTrial(in folder: URL, random: inout SplitMix64) throws -> Outcome {
        let session = try InteractiveProcess(
            ["study", "--new", "40", "--progress-dir", folder.path, "--seed", "\(random.next() % 1000)"],
            terminal: true, currentDirectory: folder)
        var outcome = Outcome()
        let killAt = Int.random(in: 0..<15, using: &random)
        var step = 0
        // `setsid` may run recall as a child of its own; recall names itself in the lock file
        // (written before the first card is shown), so that is the process killed.
        func killRecall() {
            let lock =
                (try? String(contentsOf: folder.appendingPathComponent("default.lock"), encoding: .utf8))
                ?? ""
            if let pid = Int32(lock.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 {
                kill(pid, SIGKILL)
            }
            kill(session.process.processIdentifier, SIGKILL)
            outcome.killed = true
        }
        func sendAndMaybeKill(_ line: String) -> Bool {
            session.send(line)
            defer { step += 1 }
            guard step == killAt else { return false }
            killRecall()
            return true
        }
        var seen = session.transcript.startIndex
        interaction: while step < 30 {
            guard let prompt = try? session.waitFor("› ", after: seen, timeout: 10) else { break }
            seen = prompt
            switch Int.random(in: 0..<20, using: &random) {
            case 0..<15:
                outcome.sent += 1
                let reply = ["x", "Moscow", "1992", "Armenia, Belarus"].randomElement(using: &random) ?? "x"
                if sendAndMaybeKill(reply + "\r") { break interaction }
                guard let rating = try? session.waitFor("rating: ", after: seen, timeout: 30) else {
                    break interaction
                }
                outcome.confirmed += 1
                guard let ratingPrompt = try? session.waitFor("› ", after: rating, timeout: 30) else {
                    break interaction
                }
                seen = ratingPrompt
                // Enter keeps the suggested rating; a digit is one key at a terminal.
                let key =
                    Int.random(in: 0..<3, using: &random) == 0
                    ? "\r" : "\(Int.random(in: 1...4, using: &random))"
                if key != "\r" { outcome.ratingChanges += 1 }
                if sendAndMaybeKill(key) { break interaction }
            case 15..<19:
                outcome.accepts += 1
                if sendAndMaybeKill(":accept\r") { break interaction }
            default:
                if sendAndMaybeKill(":quit\r") { break interaction }
                break interaction
            }
        }
        if !outcome.killed {
            // Out of cards or quit: Ctrl-D ends a session still waiting at a prompt.
            session.send("\u{04}")
            if (try? session.waitForExit(timeout: 10)) == nil {
                if ProcessInfo.processInfo.environment["RECALL_CRASH_DEBUG"] != nil {
                    print(String(session.transcript.suffix(800)))
                }
                killRecall()
            }
        }
        _ = try session.waitForExit(timeout: 60)
        // recall itself has exited (and let go of the lock) once the terminal's last writer closes.
        _ = try? session.waitFor("\u{0}(never printed)", after: session.transcript.endIndex, timeout: 30)
        return outcome
    }
}
