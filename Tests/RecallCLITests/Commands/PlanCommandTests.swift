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

    /// `recall plan` at a fixed moment in New York.
    func plan(_ arguments: [String], now: String = "2026-12-01T15:00:00Z") throws -> RecallProcess.Result {
        try RecallProcess.run(
            ["plan", "--progress-dir", folder.path] + arguments,
            environment: ["RECALL_NOW": now, "TZ": "America/New_York"])
    }

    @Test func theExamIsALocalDateAndEveryDayUpToItIsListed() throws {
        // 22:30 on 2026-11-30 in New York, already 2026-12-01 in UTC.
        let result = try plan(["--exam", "2026-12-04", "--deck", "csto"], now: "2026-12-01T03:30:00Z")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Exam on 2026-12-04, 4 days away;"))
        let days = result.stdout.split(separator: "\n").filter { $0.hasPrefix("20") }.map { $0.prefix(10) }
        #expect(days == ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03"])
    }

    @Test(arguments: [5, 30, 200])
    func noDayIsPlannedOverTheBudgetAndWhatIsLeftOutIsSaid(budget: Int) throws {
        let result = try plan(["--exam", "2026-12-06", "--deck", "csto", "--budget", String(budget)])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("20") }
        #expect(rows.count == 5)
        for row in rows {
            let total = try #require(row.split(separator: " ").dropFirst(4).first.flatMap { Int($0) })
            #expect(total <= budget, "\(row)")
        }
        #expect(!result.stdout.contains(" over budget"))
        #expect(result.stdout.contains("not covered:") == (budget < 100))
    }

    @Test func aPastExamOrAnUnknownProfileIsRefusedAndNothingIsCreated() throws {
        let past = try plan(["--exam", "2026-11-30"])
        #expect(past.status == 1)
        #expect(past.stderr.contains("that day has passed; today is 2026-12-01"))
        let unknown = try plan(["--exam", "2026-12-20", "--profile", "nobody"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("error: no profile 'nobody'"))
        let today = try plan(["--exam", "2026-12-01", "--deck", "csto"])
        #expect(today.status == 0, "\(today.stderr)")
        #expect(today.stdout.hasPrefix("The exam on 2026-12-01 is today"))
        // Planning is read-only: no lock file, no profile.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
