import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// A profile made with the card ids of recall before fact-centred cards reads the same in every
/// command: those that only read move the ids in memory and leave the file alone; those that
/// open the profile move them on disk once, keeping the original as `.cardids.bak`.
@Suite struct CardIDMigrationCLITests {
    /// Sunday 2026-11-29 10:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_946_400)
    static let oldIDs = [
        "csto:csto-established:typed", "csto:csto-established:choice", "csto:csto-members:set",
        "csto:cst-signed-in:typed",
    ]
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-cardids")
        let store = try ProgressStore.open(in: folder)
        defer { store.close() }
        let scheduler = try Scheduler()
        for (number, id) in Self.oldIDs.enumerated() {
            try store.record(
                Review(
                    id: "r\(number)", cardID: id, reviewedAt: Self.now - 3 * 86_400 + Double(number),
                    rating: .good, answer: "x", verdict: .correct, duration: 4),
                using: scheduler)
        }
        try store.save()
    }

    var backup: URL { folder.appendingPathComponent("default.json.cardids.bak") }

    @Test func statsAndPlanReadTheOldIdsAsTodaysCardsWithoutWritingAndStudyMovesThemOnce() throws {
        let stats = try RecallProcess.run(
            [
                "stats", "--json", "--progress-dir", folder.path, "--now",
                String(Self.now.timeIntervalSince1970),
            ],
            environment: ["TZ": "UTC"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let report = try JSONDecoder().decode(StatsReport.self, from: Data(stats.stdout.utf8))
        // Four old ids, three facts: established (typed and choice joined), members, signed-in.
        #expect(report.cards.total == 101)
        #expect(report.cards.new == 98, "three of today's cards have the old cards' reviews")
        #expect(report.totalReviews == 4)
        #expect(!FileManager.default.fileExists(atPath: backup.path), "stats only reads")

        // `plan` reads without a lock, so it too moves the ids in memory only.
        let plan = try RecallProcess.run(
            ["plan", "--exam", "2099-01-01", "--progress-dir", folder.path, "--budget", "500"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(!FileManager.default.fileExists(atPath: backup.path), "plan only reads")

        let study = try RecallProcess.run(
            ["study", "--progress-dir", folder.path, "--new", "0"], input: ":quit\n")
        #expect(study.status == 0, "\(study.stderr)")
        #expect(study.stderr.contains("moved the reviews of 4 old card ids to 3 cards"), "\(study.stderr)")
        #expect(FileManager.default.fileExists(atPath: backup.path))
        let profile = try ProgressStore.readProfile(at: folder.appendingPathComponent("default.json"))
        #expect(
            Set(profile.reviews.map(\.cardID)) == [
                "csto:csto-established:forward", "csto:csto-members:forward", "csto:cst-signed-in:forward",
            ])
    }

    @Test func theClassReportCountsTheOldIdsAsTodaysCards() throws {
        let file = folder.appendingPathComponent("default.json").path
        let report = try RecallProcess.run(["class", "report", file, "--deck", "csto", "--json"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.stdout.contains("typed"), "\(report.stdout)")
        #expect(report.stdout.contains("\"csto:csto-established:forward\""), "\(report.stdout)")
    }
}
