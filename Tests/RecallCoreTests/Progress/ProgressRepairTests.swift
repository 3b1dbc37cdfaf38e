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
        text = text.replacingOccurrences(of: "\"deck/f0/typed\"", with: "\"deck/f0/typed")
        try folder.write(text, to: "default.json")
        let issues = ProgressStore.check(in: folder.url, schedulers: fake)
        #expect(issues.first?.severity == .error)
        #expect(issues.first?.message.hasPrefix(folder.path("default.json") + ":") == true)
        #expect(try folder.read("default.json") == Data(text.utf8))
    }

    /// The segment sealed by `makeHistory`'s save.
    static let segment = "default.log/0/0000000000000012-000000.jsonl"

    @Test func repairSetsADamagedSnapshotAsideAndRebuildsItFromTheLog() throws {
        let expected = try makeHistory()
        var text = String(decoding: try folder.read("default.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"deck/f0/typed\"", with: "\"deck/f0/typed")  // one card line
        try folder.write(text, to: "default.json")

        let issues = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now)
        #expect(try damagedFiles() == ["default.json.damaged-20260921T141320Z"])
        #expect(try folder.read("default.json.damaged-20260921T141320Z") == Data(text.utf8))
        #expect(issues.contains { $0.message.contains("rebuilt card states by replaying the review log") })

        let store = try ProgressStore.open(in: folder.url)
        #expect(store.profile.reviews.map(\.id) == expected.reviews.map(\.id))
        #expect(store.profile.flags(of: "deck/f1/typed").isSuspended)
        #expect(store.profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
    }

    @Test func repairSetsADamagedSegmentAsideAndSalvagesItsLines() throws {
        let expected = try makeHistory()
        var text = String(decoding: try folder.read(Self.segment), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"r5\"", with: "\"r5")  // one review line is now unreadable
        try folder.write(text, to: Self.segment)
        #expect(throws: ProgressError.self) { try ProgressStore.open(in: folder.url) }
        let checked = ProgressStore.check(in: folder.url, schedulers: fake)
        #expect(checked.first?.message.hasPrefix(folder.path(Self.segment) + ":6:") == true, "\(checked)")
        #expect(try folder.read(Self.segment) == Data(text.utf8))

        let issues = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now)
        let aside = "default.log-0000000000000012-000000.jsonl.damaged-20260921T141320Z"
        #expect(try damagedFiles() == [aside])
        #expect(try folder.read(aside) == Data(text.utf8))
        #expect(issues.contains { $0.message.contains("kept the damaged log segment") })

        let store = try ProgressStore.open(in: folder.url)
        #expect(store.profile.reviews.map(\.id) == expected.reviews.map(\.id).filter { $0 != "r5" })
        #expect(store.profile.flags(of: "deck/f1/typed").isSuspended)
        #expect(store.profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
    }

    /// The log is in its segments and the journal: a snapshot of garbage loses no answer.
    @Test func repairRebuildsFromTheLogWhenTheSnapshotIsGarbage() throws {
        let expected = try makeHistory()
        try folder.write("\u{0}\u{0}garbage", to: "default.json")
        _ = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now)
        let store = try ProgressStore.open(in: folder.url)
        #expect(store.profile.reviews.map(\.id) == expected.reviews.map(\.id))
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

@Suite struct ProgressRepairCrashTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let fake: SchedulerFactory = { _ in FakeScheduler() }

    /// A profile of 12 saved answers whose log segment has one unreadable review line (r5).
    func damagedProfile(in folder: TemporaryFolder) throws {
        let store = try ProgressStore.open(in: folder.url)
        for index in 0..<12 {
            try store.record(
                .sample(
                    "r\(index)", card: "deck/f\(index % 4)/typed", at: 1_780_000_000 + Double(index) * 600),
                using: FakeScheduler())
        }
        try store.save()
        store.close()
        var text = String(decoding: try folder.read(Self.segment), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"r5\"", with: "\"r5")
        try folder.write(text, to: Self.segment)
    }

    static let segment = "default.log/0/0000000000000012-000000.jsonl"

    /// Killed at every file-system call of a repair, the salvageable reviews are never stranded:
    /// either `check` still reports a problem, or the profile holds all 11 of them.
    @Test func aRepairKilledAtAnyPointStrandsNothing() throws {
        let calls: Int
        do {
            let folder = try TemporaryFolder()
            try damagedProfile(in: folder)
            let counting = DyingFileSystem()
            _ = try ProgressStore.repair(
                profile: "default", in: folder.url, schedulers: fake, now: now, io: FileIO(counting))
            calls = counting.calls
        }
        for point in 0..<calls {
            let folder = try TemporaryFolder()
            try damagedProfile(in: folder)
            _ = try? ProgressStore.repair(
                profile: "default", in: folder.url, schedulers: fake, now: now,
                io: FileIO(DyingFileSystem(callsBeforeDeath: point)))
            let issues = ProgressStore.check(in: folder.url, schedulers: fake)
            let clean = !issues.contains { $0.severity != .note }
            if clean {
                #expect(
                    try ProgressStore.open(in: folder.url).profile.reviews.count == 11, "kill point \(point)")
                continue
            }
            _ = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now + 1)
            #expect(try ProgressStore.open(in: folder.url).profile.reviews.count == 11, "kill point \(point)")
        }
    }

    @Test func checkReportsASetAsideFileWithReviewsTheProfileLacks() throws {
        let folder = try TemporaryFolder()
        try damagedProfile(in: folder)
        let damaged = try folder.read(Self.segment)
        try damaged.write(
            to: folder.url.appendingPathComponent(
                "default.log-0000000000000012-000000.jsonl.damaged-20260101T000000Z"))
        try FileManager.default.removeItem(atPath: folder.path(Self.segment))
        let issues = ProgressStore.check(in: folder.url, schedulers: fake)
        #expect(issues.contains { $0.severity == .warning && $0.message.contains("holds 11 review(s)") })
        let repaired = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now)
        #expect(repaired.contains { $0.message.contains("took 11 review(s)") })
        #expect(!ProgressStore.check(in: folder.url, schedulers: fake).contains { $0.severity != .note })
    }

    struct SettingsCase: CustomTestStringConvertible, Sendable {
        var name: String
        var settings: String
        var testDescription: String { name }
    }

    static let badSettings: [SettingsCase] = [
        .init(name: "retention 0", settings: #""desired_retention":0"#),
        .init(name: "retention 1", settings: #""desired_retention":1"#),
        .init(name: "negative interval", settings: #""maximum_interval":-5"#),
        .init(name: "negative step", settings: #""learning_steps":[-60]"#),
        .init(
            name: "w0 = 1e308",
            settings:
                #""parameters":[1e308,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542]"#
        ),
        .init(
            name: "20 parameters",
            settings:
                #""parameters":[0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658]"#
        ),
    ]

    @Test(arguments: badSettings) func settingsOutOfRangeAreNamedCheckedAndReset(_ bad: SettingsCase) throws {
        let folder = try TemporaryFolder()
        let store = try ProgressStore.open(in: folder.url)
        try store.record(.sample("a"), using: FakeScheduler())
        try store.save()
        store.close()
        let text = String(decoding: try folder.read("default.json"), as: UTF8.self)
        let key = String(bad.settings.prefix { $0 != ":" })
        let pattern = try Regex(key + #":(\[[^\]]*\]|[^,}]*)"#)
        let edited = text.replacing(pattern, with: bad.settings, maxReplacements: 1)
        #expect(edited != text)
        try folder.write(edited, to: "default.json")
        #expect {
            try ProgressStore.open(in: folder.url)
        } throws: { error in
            guard case .settingsOutOfRange(let file, let line, _, _) = error as? ProgressError else {
                return false
            }
            return file == folder.path("default.json") && line == 6
        }
        #expect(ProgressStore.check(in: folder.url, schedulers: fake).first?.severity == .error)
        let log = try folder.read("default.json")
        let issues = try ProgressStore.repair(in: folder.url, schedulers: fake, now: now)
        #expect(issues.contains { $0.message.contains("reset the scheduler settings to the defaults") })
        #expect(try folder.read("default.json") != log)
        let reopened = try ProgressStore.open(in: folder.url)
        #expect(reopened.profile.settings == SchedulerSettings())
        #expect(reopened.profile.reviews.map(\.id) == ["a"])
    }
}
