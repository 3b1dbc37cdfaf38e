import Foundation
import RecallTestSupport
import Testing

/// A session fed by a pipe ends cleanly on SIGTERM and SIGHUP, as one at a terminal does: the
/// summary is printed, the exit is normal and the lock file is gone.
@Suite struct PipeSignalTests {
    @Test(.timeLimit(.minutes(1)), arguments: [SIGTERM, SIGHUP])
    func aSignalWhileWaitingForAnAnswerClosesTheSession(_ signal: Int32) throws {
        let folder = try TemporaryFolder(prefix: "recall-pipe-signal")
        let process = try RecallProcess.process(["study", "--progress-dir", folder.url.path, "--new", "2"])
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first card: the process is then waiting for an answer on the open pipe.
        var seen = ""
        while !seen.contains("2 new · 0 learning") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        #expect(FileManager.default.fileExists(atPath: folder.path("default.lock")))
        kill(process.processIdentifier, signal)
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try input.fileHandleForWriting.close()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: rest, as: UTF8.self).contains("No answers this session."))
        #expect(!FileManager.default.fileExists(atPath: folder.path("default.lock")))
    }
}
