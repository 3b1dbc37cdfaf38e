import Foundation
import RecallCore
import RecallTestSupport
import Testing

@Suite struct OptimizeCommandTests {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-optimize-tests")
    }

    func simulate(_ format: String, to name: String, days: Int = 60) throws -> URL {
        let url = folder.appendingPathComponent(name)
        let result = try RecallProcess.run([
            "simulate", "--days", "\(days)", "--new-per-day", "10", "--seed", "5", "--format", format, "-o",
            url.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return url
    }

    @Test func fitsAReviewFileAndPrintsTheJSONScriptsRead() throws {
        let file = try simulate("replay", to: "log.json")
        let result = try RecallProcess.run(["optimize", "--reviews", file.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(
            Set(object.keys)
                == [
                    "parameters", "log_loss_default", "log_loss_fitted", "rmse_bins_default",
                    "rmse_bins_fitted",
                    "reviews", "seconds",
                ])
        let parameters = try #require(object["parameters"] as? [Double])
        #expect(parameters.count == 21)
        let fitted = try #require(object["log_loss_fitted"] as? Double)
        let defaults = try #require(object["log_loss_default"] as? Double)
        #expect(fitted < defaults)

        // The fitted parameters are accepted by the scheduler as they are.
        let numbers = parameters.map { "\($0)" }.joined(separator: ", ")
        let replay = try RecallProcess.run(
            ["scheduler", "replay"],
            input: """
                {"parameters": [\(numbers)], "cards": [{"id": "c1", "reviews": [
                {"time": "2026-01-01T09:00:00Z", "rating": 3}, {"time": "2026-01-04T09:00:00Z", "rating": 3}]}]}
                """)
        #expect(replay.status == 0, "\(replay.stderr)")
    }

    @Test func savesFittedParametersIntoTheProfileThatThenSchedulesWithThem() throws {
        let file = try simulate("progress", to: "learner.json")
        let before = try ProgressStore.readProfile(at: file)
        #expect(before.settings.parameters == SchedulerSettings.defaultParameters)
        let result = try RecallProcess.run(
            ["optimize", "--progress-dir", folder.path, "--profile", "learner", "--yes"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Saved the fitted parameters"))
        let after = try ProgressStore.readProfile(at: file)
        #expect(after.settings.parameters != SchedulerSettings.defaultParameters)
        #expect(after.reviews == before.reviews)
        let scheduler = try Scheduler(settings: after.settings)
        #expect(scheduler.fsrs.parameters == after.settings.parameters)
        // The log stays the truth: the states are a replay with the new parameters, so the
        // check finds nothing to repair.
        #expect(after.cardsDifferingFromReplay(using: scheduler).isEmpty)
        let check = try RecallProcess.run(
            ["progress", "check", "--progress-dir", folder.path, "--profile", "learner"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!(check.stdout + check.stderr).contains("differ"), "\(check.stdout)\(check.stderr)")
    }

    @Test func declinedSaveLeavesTheProfileUnchanged() throws {
        let file = try simulate("progress", to: "learner.json", days: 30)
        let before = try Data(contentsOf: file)
        let result = try RecallProcess.run(
            ["optimize", "--progress-dir", folder.path, "--profile", "learner"], input: "n\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Not saved."))
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func aFewReviewsKeepTheDefaults() throws {
        let file = try simulate("progress", to: "new.json", days: 2)
        let result = try RecallProcess.run(["optimize", "--progress-dir", folder.path, "--profile", "new"])
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "fewer than the 400 needed to fit parameters; keeping the current parameters"))
        #expect(
            try ProgressStore.readProfile(at: file).settings.parameters == SchedulerSettings.defaultParameters
        )
    }

    @Test func anUnreadableFileIsAnError() throws {
        let result = try RecallProcess.run([
            "optimize", "--reviews", folder.appendingPathComponent("none.json").path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
    }

    @Test func parametersThatAreNotBetterThanTheCurrentOnesAreNotOffered() throws {
        let file = try simulate("progress", to: "learner.json")
        let first = try RecallProcess.run([
            "optimize", "--progress-dir", folder.path, "--profile", "learner", "--yes",
        ])
        #expect(first.stdout.contains("Saved the fitted parameters"), "\(first.stdout)")
        let fitted = try ProgressStore.readProfile(at: file).settings.parameters
        // Fitting again finds the same parameters: no better, so they are kept and nothing is asked.
        let again = try RecallProcess.run(["optimize", "--progress-dir", folder.path, "--profile", "learner"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("keeping the current parameters"), "\(again.stdout)")
        #expect(!again.stdout.contains("[y/N]"))
        #expect(again.stdout.contains("\ncurrent "))
        #expect(try ProgressStore.readProfile(at: file).settings.parameters == fitted)
    }

    @Test func theMinimumIsTheSameForAProfileAndAReviewFile() throws {
        _ = try simulate("progress", to: "few.json", days: 2)
        let log = try simulate("replay", to: "few-log.json", days: 2)
        let profile = try RecallProcess.run(["optimize", "--progress-dir", folder.path, "--profile", "few"])
        let file = try RecallProcess.run(["optimize", "--reviews", log.path])
        for result in [profile, file] {
            #expect(result.status == 0)
            #expect(result.stderr.contains("fewer than the 400 needed to fit parameters"), "\(result.stderr)")
        }
    }

    @Test func retentionRefusesAnUnknownProfileAndExplainsItsResult() throws {
        let unknown = try RecallProcess.run([
            "optimize", "--retention", "--progress-dir", folder.path, "--profile", "nobody",
        ])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("error: no profile 'nobody'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        _ = try simulate("progress", to: "learner.json", days: 10)
        let result = try RecallProcess.run(
            ["optimize", "--retention", "--progress-dir", folder.path, "--profile", "learner"], input: "n\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Optimal desired retention: "))
        #expect(result.stdout.contains("the profile now uses 90%"))
        #expect(result.stdout.contains("a review costs 20 s for a new card"))
        #expect(result.stdout.contains("Not saved."))
    }
}
