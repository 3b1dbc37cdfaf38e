import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// `ProgressStore.peekProfile`: what `recall stats` reads while a session may hold the profile.
@Suite struct ProfilePeekTests {
    @Test func readsTheJournalOfAProfileAnotherStoreHolds() throws {
        let folder = try TemporaryFolder()
        let store = try ProgressStore.open(profile: "ana", in: folder.url)
        defer { store.close() }
        let scheduler = try Scheduler()
        for (number, rating) in [Rating.good, .again].enumerated() {
            try store.record(
                Review(
                    id: "r\(number)", cardID: "d:f:typed", reviewedAt: StatsFixture.local(day: number),
                    rating: rating, answer: "x", verdict: .correct, duration: 1),
                using: scheduler)
        }
        // No snapshot yet: the answers are in the journal only, and the store holds the lock.
        #expect(!FileManager.default.fileExists(atPath: folder.path("ana.json")))
        let peeked = try #require(try ProgressStore.peekProfile(named: "ana", in: folder.url))
        #expect(peeked == store.profile)
        #expect(peeked.reviews.count == 2)
    }

    @Test func aProfileWithoutFilesIsNil() throws {
        let folder = try TemporaryFolder()
        #expect(try ProgressStore.peekProfile(named: "nobody", in: folder.url) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test func anInvalidNameIsAnError() throws {
        let folder = try TemporaryFolder()
        #expect(throws: ProgressError.invalidProfileName("../x")) {
            try ProgressStore.peekProfile(named: "../x", in: folder.url)
        }
    }
}
