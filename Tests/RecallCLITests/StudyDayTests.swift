import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// One study-day calendar through the real binary: `--day-starts` saved in the profile and read by
/// study, stats and plan alike; exam dates as local dates; daylight saving.
@Suite struct StudyDayTests {
    let scratch: TemporaryFolder
    var progress: String { scratch.url.appendingPathComponent("Progress").path }

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-study-day")
    }

    /// `recall ARGUMENTS` in New York at `now`.
    func recall(_ arguments: [String], at now: String, input: String = "") throws -> RecallProcess.Result {
        try RecallProcess.run(
            arguments + ["--progress-dir", progress], input: input,
            environment: ["RECALL_NOW": now, "TZ": "America/New_York"])
    }

    func today(at now: String, _ extra: [String] = []) throws -> String {
        let result = try recall(["stats", "--json"] + extra, at: now)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["today"] as? String)
    }

    func firstPlannedDay(at now: String) throws -> String {
        let result = try recall(["plan", "--exam", "2026-12-20", "--deck", "csto"], at: now)
        #expect(result.status == 0, "\(result.stderr)")
        return String(
            try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("20") }).prefix(10))
    }

    @Test func dayStartsIsSavedByStudyAndReadByStatsAndPlan() throws {
        // 05:30 in New York on 2026-12-02: with the day starting at 4 it is the 2nd, at 6 still the 1st.
        let morning = "2026-12-02T10:30:00Z"
        let study = try recall(["study", "--day-starts", "4"], at: morning)
        #expect(study.status == 0, "\(study.stderr)")
        #expect(try today(at: morning) == "2026-12-02")
        #expect(try firstPlannedDay(at: morning) == "2026-12-02")

        let later = try recall(["study", "--day-starts", "6"], at: morning)
        #expect(later.status == 0, "\(later.stderr)")
        #expect(try today(at: morning) == "2026-12-01")
        #expect(try firstPlannedDay(at: morning) == "2026-12-01")
        let shown = try RecallProcess.run(["profile", "default", "--progress-dir", progress])
        #expect(shown.stdout.contains("study days begin at 6:00"))
        // A command-line hour wins for that run without being saved.
        #expect(try today(at: morning, ["--day-starts", "5"]) == "2026-12-02")
        #expect(try today(at: morning) == "2026-12-01")
    }

    @Test func theExamDateIsTheLocalDateInStudyAndPlanAlike() throws {
        // 22:30 on 2026-12-01 in New York is already the 2nd in UTC.
        let evening = "2026-12-02T03:30:00Z"
        let study = try recall(["study", "--exam", "2026-12-20"], at: evening)
        #expect(study.status == 0, "\(study.stderr)")
        #expect(study.stdout.contains("Exam on 2026-12-20 (19 days away)"), "\(study.stdout)")
        let plan = try recall(["plan", "--exam", "2026-12-20", "--deck", "csto"], at: evening)
        #expect(plan.stdout.hasPrefix("Exam on 2026-12-20, 19 days away;"), "\(plan.stdout)")
        // Whatever hour the day starts at.
        let midnight = try recall(["study", "--exam", "2026-12-20", "--day-starts", "0"], at: evening)
        #expect(midnight.stdout.contains("Exam on 2026-12-20 (19 days away)"), "\(midnight.stdout)")
        let past = try recall(["study", "--exam", "2026-11-30"], at: evening)
        #expect(past.status == 64)
        #expect(past.stderr.contains("that day has passed; today is 2026-12-01"))
    }

    @Test(arguments: [
        // 04:30 EDT on the day clocks spring forward: the hour the two old calendars disagreed on.
        ("2026-03-08T08:30:00Z", "2026-03-08"),
        // 03:30 EDT: still the 7th's study day.
        ("2026-03-08T07:30:00Z", "2026-03-07"),
        // 04:30 EST on the day clocks fall back.
        ("2026-11-01T09:30:00Z", "2026-11-01"),
        ("2026-11-01T08:30:00Z", "2026-10-31"),
    ])
    func aroundDaylightSavingStatsAndPlanCountTheSameDay(now: String, day: String) throws {
        #expect(try today(at: now) == day)
        #expect(try firstPlannedDay(at: now) == day)
    }
}
