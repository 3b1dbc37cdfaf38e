import Foundation
import RecallCore
import RecallTestSupport
import Testing

@Suite struct PlanCommandTests {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-plan-tests")
    }

    @Test func printsThePlanAndPredictedRetentionWithoutChangingTheProfile() throws {
        let file = folder.appendingPathComponent("me.json")
        let simulated = try RecallProcess.run([
            "simulate", "--days", "10", "--new-per-day", "5", "--seed", "2", "-o", file.path,
        ])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let before = try Data(contentsOf: file)
        let exam = String(UTCTimestamp.string(from: Date().addingTimeInterval(10 * 86_400)).prefix(10))
        let result = try RecallProcess.run([
            "plan", "--exam", exam, "--progress-dir", folder.path, "--profile", "me", "--budget", "500",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Predicted retention on exam day:"))
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("20") }.count >= 9)
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func anImpossibleDateIsAnError() throws {
        let result = try RecallProcess.run(["plan", "--exam", "2026-02-30", "--progress-dir", folder.path])
        #expect(result.status == 1)
        #expect(
            result.stderr == "error: invalid exam date '2026-02-30'; expected YYYY-MM-DD, e.g. 2026-12-20\n")
    }
}
