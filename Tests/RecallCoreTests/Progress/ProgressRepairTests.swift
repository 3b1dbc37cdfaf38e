import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

@Suite struct ProgressRepairTests {
    let folder: TemporaryFolder
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let fake: SchedulerFactory = { _ in FakeScheduler() }
    init() throws { folder = try TemporaryFolder() }

    /// A saved profile of 12 answers plus 3 more in the journal; returns its profile.
    func makeHistory() throws -> Profile {
        let store = try ProgressStore.open(in: folder.url)
        for index in 0..<15 {
            if index == 12 { try store.save() }
            try store.record(
                .sample(
                    "r\(index)", card: "deck/f\(index % 4)/typed", at: 1_780_000_000 + Double(index) * 600,
                    rating: Rating(rawValue: index % 4 + 1) ?? .good),
                using: FakeScheduler())
        }
        try store.setFlags(CardFlags(isSuspended: true), for: "deck/f1/typed")
        let profile = store.profile
        store.close()
        return profile
    }

    func damagedFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
            $0.contains(".damaged-")
        }.sorted()
    }

    @Test func checkFindsNothingWrongInAHealthyProfile() throws {
        _ = try makeHistory()
        let issues = ProgressStore.check(in: folder.url, schedulers: fake)
        #expect(issues.map(\.severity) == [.note])
        #expect(issues.first?.message == "profile 'default': 15 review(s) of 4 card(s), 4 journal line(s)")
    }

    @Test func checkReportsADamagedSnapshotWithoutTouchingIt() throws {
        _ = try makeHistory()
        var text = String(decoding: try folder.read("default.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"r5\"", with: "\"r5")
        try folder.write(text, to: "default.json")
        let issues = ProgressStore.check(in: folder.url, schedulers: fake)
        #expect(issues.first?.severity == .error)
        #expect(issues.first?.message.hasPrefix(folder.path("default.json") + ":") == true)
        #expect(try folder.read("default.json") == Data(text.utf8))
    }

    @Test func repairSetsADamagedSnapshotAsideAndSalvagesItsLines() throws {
        let expected = try makeHistory()
        var text = String(decoding: try folder.read("default.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"r5\"", with: "\"r5")  // one review line is now unreadable
        try folder.write(text, to: "default.json")

        let issues = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now)
        #expect(try damagedFiles() == ["default.json.damaged-20260921T141320Z"])
        #expect(try folder.read("default.json.damaged-20260921T141320Z") == Data(text.utf8))
        #expect(issues.contains { $0.message.contains("salvaged 11 review(s)") })

        let store = try ProgressStore.open(in: folder.url)
        #expect(store.profile.reviews.map(\.id) == expected.reviews.map(\.id).filter { $0 != "r5" })
        #expect(store.profile.flags(of: "deck/f1/typed").isSuspended)
        #expect(store.profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
    }

    @Test func repairRebuildsFromTheJournalAloneWhenTheSnapshotIsGarbage() throws {
        _ = try makeHistory()
        try folder.write("\u{0}\u{0}garbage", to: "default.json")
        _ = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now)
        let store = try ProgressStore.open(in: folder.url)
        #expect(store.profile.reviews.map(\.id) == ["r12", "r13", "r14"])
        #expect(store.profile.flags(of: "deck/f1/typed").isSuspended)
        #expect(store.profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
    }

    @Test func repairKeepsTheGoodLinesOfADamagedJournal() throws {
        let expected = try makeHistory()
        var lines = String(decoding: try folder.read("default.journal.jsonl"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        lines[1] = "{\"seq\": oops}"
        try folder.write(lines.joined(separator: "\n") + "\n", to: "default.journal.jsonl")
        #expect(throws: ProgressError.self) { try ProgressStore.open(in: folder.url) }

        let issues = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now)
        #expect(issues.contains { $0.severity == .error && $0.message.contains("default.journal.jsonl:2:") })
        #expect(try damagedFiles() == ["default.journal.jsonl.damaged-20260921T141320Z"])
        let store = try ProgressStore.open(in: folder.url)
        #expect(store.profile.reviews.map(\.id) == expected.reviews.map(\.id).filter { $0 != "r13" })
    }

    @Test func repairOfAHealthyProfileChangesNothing() throws {
        _ = try makeHistory()
        let before = try folder.read("default.json")
        let issues = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now)
        #expect(issues.map(\.message) == ["nothing to repair in profile 'default'"])
        #expect(try folder.read("default.json") == before)
        #expect(try damagedFiles().isEmpty)
    }
}
