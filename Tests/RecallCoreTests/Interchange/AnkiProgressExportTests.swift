import Foundation
import Testing

@testable import RecallCore

/// `--with-progress`: the learner's schedule and history go into the package as Anki keeps them.
@Suite struct AnkiProgressExportTests {
    @Test func packageCarriesSchedulingMemoryStateAndReviewLog() throws {
        let input = try InterchangeFixtures.csto()
        let studied = Array(input.cards.prefix(30))
        var profile = try LearnerFixture.profile(name: "ana", cards: studied, seed: 1)
        profile.setFlags(CardFlags(isSuspended: true), for: studied[0].id)
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("ana.apkg")
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        try AnkiPackageWriter(now: now, progress: profile).write(input, to: url)

        let collection = folder.appendingPathComponent("c.anki2")
        try SafeZip(url: url, displayPath: "ana.apkg").data("collection.anki2").write(to: collection)
        let db = try SQLiteDatabase(path: collection.path, create: false)
        #expect(try db.query("SELECT count() FROM revlog") == [[.integer(Int64(profile.reviews.count))]])
        #expect(
            try db.query("SELECT count() FROM cards WHERE type = 0") == [
                [.integer(Int64(input.cards.count - 30))]
            ])
        let reviewPhase = profile.states.values.filter { $0.phase == .review }.count
        #expect(try db.query("SELECT count() FROM cards WHERE type = 2") == [[.integer(Int64(reviewPhase))]])
        #expect(try db.query("SELECT count() FROM cards WHERE queue = -1") == [[.integer(1)]])
        #expect(
            try db.query("SELECT count() FROM cards WHERE data LIKE '{\"d\":%\"s\":%'") == [[.integer(30)]])
        #expect(try db.query("SELECT count() FROM revlog WHERE ease NOT BETWEEN 1 AND 4") == [[.integer(0)]])
        let reps = try db.query("SELECT sum(reps) FROM cards").first?.first
        #expect(reps == .integer(Int64(profile.reviews.count)))
        // Review cards are due in days from the collection's creation, which precedes every review.
        let crt = try #require(try db.query("SELECT crt FROM col").first?.first?.integer)
        #expect(crt <= Int64(LearnerFixture.start.timeIntervalSince1970))
        #expect(try db.query("SELECT count() FROM cards WHERE type = 2 AND due < 0") == [[.integer(0)]])
    }

    @Test func memoryStateIsRoundedAsAnkiReadsIt() throws {
        let profile = Profile(name: "x")
        let scheduling = try AnkiScheduling(profile: profile, now: Date(timeIntervalSince1970: 0))
        let state = CardState(
            phase: .review, step: nil, stability: 12.345678, difficulty: 5.12345,
            due: Date(timeIntervalSince1970: 86_400 * 20), lastReview: Date(timeIntervalSince1970: 86_400))
        #expect(scheduling.memoryData(state) == "{\"d\":5.123,\"dr\":0.9,\"lrt\":86400,\"s\":12.3457}")
        #expect(scheduling.memoryData(CardState.new(at: Date())) == "")
    }
}
