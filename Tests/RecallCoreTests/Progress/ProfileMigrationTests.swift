import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

@Suite struct ProfileMigrationTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func fixture(_ name: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: "Fixtures/Progress/\(name)", withExtension: "json"))
        return try Data(contentsOf: url)
    }

    @Test func aVersion0FileIsMigratedOnLoadKeepingTheOriginal() throws {
        let original = try fixture("version0")
        try original.write(to: folder.url.appendingPathComponent("ana.json"))

        let store = try ProgressStore.open(profile: "ana", in: folder.url)
        let profile = store.profile
        #expect(profile.reviews.map(\.rating) == [.again, .good, .hard])
        #expect(profile.reviews.map(\.verdict) == [.wrong, .correct, .correct])
        #expect(profile.reviews.map(\.duration) == [6.5, 2.25, 0])
        #expect(profile.reviews.allSatisfy { $0.id.hasPrefix("v0-") })
        #expect(Set(profile.reviews.map(\.id)).count == 3)
        let france = try #require(profile.states["geo/fr/capital"])
        #expect(france.phase == .review)
        #expect(france.step == nil)
        #expect(france.stability == 3.2)
        #expect(france.due == ISO8601DateFormatter().date(from: "2024-03-04T10:00:00Z"))
        let germany = try #require(profile.states["geo/de/capital"])
        #expect(germany.step == 1)
        #expect(germany.due.timeIntervalSince1970 == 1_709_287_800.5)
        #expect(profile.flags(of: "geo/de/capital").isSuspended)
        #expect(store.issues.map(\.severity) == [.note])
        #expect(store.issues.first?.message.contains("ana.json.v0.bak") == true)

        #expect(try folder.read("ana.json.v0.bak") == original)
        let migrated = String(decoding: try folder.read("ana.json"), as: UTF8.self)
        #expect(migrated.hasPrefix("{\n\"schema_version\": 2,"))
        store.close()

        let reopened = try ProgressStore.open(profile: "ana", in: folder.url)
        #expect(reopened.profile == profile)
        #expect(reopened.issues.isEmpty)
    }

    @Test func migratingTheSameVersion0FileTwiceGivesTheSameReviewIDs() throws {
        let data = try fixture("version0")
        let first = try ProfileSnapshot.decode(
            data, file: "a.json", profileName: "a", defaultSettings: .init())
        let second = try ProfileSnapshot.decode(
            data, file: "b.json", profileName: "a", defaultSettings: .init())
        #expect(first.loadedVersion == 0)
        #expect(first.profile.reviews.map(\.id) == second.profile.reviews.map(\.id))
    }

    @Test func aNewerSchemaIsRefusedAndLeftAlone() throws {
        let newer = Data("{\"schema_version\": 3, \"profile\": \"default\", \"something\": []}\n".utf8)
        try newer.write(to: folder.url.appendingPathComponent("default.json"))
        let error = try #require(throws: ProgressError.self) { try ProgressStore.open(in: folder.url) }
        #expect(error == .newerSchema(file: folder.path("default.json"), found: 3, supported: 2))
        #expect(error.localizedDescription.contains("upgrade recall"))
        #expect(try folder.read("default.json") == newer)
        #expect(throws: ProgressError.self) { try ProgressStore.repair(in: folder.url) }
        #expect(try folder.read("default.json") == newer)
    }

    @Test func theVersionIsFoundWhenItIsNotFirst() throws {
        let data = Data("{\"profile\": \"x\", \"schema_version\": 7}".utf8)
        #expect(throws: ProgressError.newerSchema(file: "x.json", found: 7, supported: 2)) {
            try ProfileSnapshot.decode(data, file: "x.json", profileName: "x", defaultSettings: .init())
        }
    }

    @Test func aBadVersion0RatingNamesItsLine() throws {
        let text = String(decoding: try fixture("version0"), as: UTF8.self)
            .replacingOccurrences(of: "\"rating\": \"hard\"", with: "\"rating\": \"meh\"")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("\"meh\"") })
        let column =
            try #require(lines[line].range(of: "\"meh\"")).lowerBound.utf16Offset(in: lines[line]) + 1
        #expect(line + 1 == 14)
        #expect(
            throws: ProgressError.malformed(
                file: "ana.json", line: line + 1, column: column,
                reason: "history[2].rating: unknown rating 'meh' (expected again, hard, good or easy)")
        ) {
            try ProfileSnapshot.decode(
                Data(text.utf8), file: "ana.json", profileName: "ana", defaultSettings: .init())
        }
    }
}
