import Foundation
import Testing

@testable import RecallCore

/// `recall import --with-progress`: Anki's review history becomes the profile's log, and FSRS
/// reschedules the cards from it.
@Suite struct AnkiProgressImportTests {
    @Test func exportThenImportWithProgressRebuildsTheSameSchedule() throws {
        let input = try InterchangeFixtures.csto()
        let studied = Array(input.cards.prefix(30))
        let original = try LearnerFixture.profile(name: "ana", cards: studied, seed: 3)
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = folder.appendingPathComponent("ana.apkg")
        try AnkiPackageWriter(now: Date(timeIntervalSince1970: 1_790_000_000), progress: original).write(
            input, to: package)

        let importer = DeckImporter()
        let plan = try importer.plan(package, displayPath: "ana.apkg", deckID: "moved", folder: folder)
        #expect(plan.reviews.count == original.reviews.count)
        try importer.apply(plan)
        let store = try ProgressStore.open(profile: "ana", in: folder.appendingPathComponent("Progress"))
        defer { store.close() }
        #expect(try importer.recordReviews(of: plan, in: store) == original.reviews.count)
        #expect(
            try importer.recordReviews(of: plan, in: store) == 0, "importing twice records each review once")

        // The same reviews replayed by the same FSRS give the same memory state.
        for card in studied {
            // The package's GUID is the card id; the imported card is named after it.
            let imported = "moved:card:" + ImportedCard.identifier(fromGUID: card.id)
            let before = try #require(original.states[card.id])
            let after = try #require(store.profile.states[imported], "no state for \(imported)")
            #expect(after.phase == before.phase)
            #expect(abs((after.stability ?? 0) - (before.stability ?? 0)) < 1e-6)
            #expect(abs((after.difficulty ?? 0) - (before.difficulty ?? 0)) < 1e-6)
            #expect(
                abs((after.lastReview ?? .distantPast).timeIntervalSince(before.lastReview ?? .distantFuture))
                    < 0.001)
            // Due dates may differ by FSRS's fuzz, which is seeded by the card id (new on import).
        }
    }

    /// Due changes go to Anki as "Set due date" rows (manual, ease 0) and a new card given a due
    /// date as a review card without a memory state, so both come back on import: the moved card
    /// due on its day, the new one a review card again.
    @Test func dueChangesMakeTheRoundTrip() throws {
        let input = try InterchangeFixtures.csto()
        let studied = Array(input.cards.prefix(3))
        var original = try LearnerFixture.profile(name: "ana", cards: studied, seed: 5)
        let moved = studied[0].id
        let fresh = input.cards[10].id
        let last = try #require(original.states[moved]?.lastReview)
        let at = last.addingTimeInterval(3_600)
        original.dueChanges = [
            DueChange(id: "m", cardID: moved, changedAt: at, due: at.addingTimeInterval(40 * 86_400)),
            DueChange(id: "f", cardID: fresh, changedAt: at, due: at.addingTimeInterval(12 * 86_400)),
        ]
        original = original.replayed(using: try Scheduler(settings: original.settings))
        #expect(original.states[fresh] == .scheduledWithoutMemory(due: at.addingTimeInterval(12 * 86_400)))
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = folder.appendingPathComponent("ana.apkg")
        try AnkiPackageWriter(now: at.addingTimeInterval(60), progress: original).write(input, to: package)

        let importer = DeckImporter()
        let plan = try importer.plan(package, displayPath: "ana.apkg", deckID: "moved", folder: folder)
        #expect(plan.dueChanges.count == 2)
        try importer.apply(plan)
        let store = try ProgressStore.open(profile: "ana", in: folder.appendingPathComponent("Progress"))
        defer { store.close() }
        _ = try importer.recordReviews(of: plan, in: store)
        for (cardID, days) in [(moved, 40.0), (fresh, 12.0)] {
            let imported = "moved:card:" + ImportedCard.identifier(fromGUID: cardID)
            let state = try #require(store.profile.states[imported], "no state for \(imported)")
            #expect(state.phase == original.states[cardID]?.phase)
            // Anki keeps due days, not times.
            #expect(abs(state.due.timeIntervalSince(at) / 86_400 - days) <= 1, "\(imported)")
            #expect(state.stability == original.states[cardID]?.stability)
        }
    }

    @Test func reviewsLandOnTheirTemplatesCardAndReviewsOfSkippedCardsAreLeftOut() throws {
        let cards = [
            ImportedCard(guid: "q", front: "Q?", back: "A", source: nil, origin: ""),
            ImportedCard(
                guid: "z", front: "The {{c1::sun}} and the {{c2::moon}}", back: "", source: nil, origin: ""),
        ].enumerated().map { index, card in
            var card = card
            card.noteID = Int64(index + 1)
            return card
        }
        let at = Date(timeIntervalSince1970: 1_780_000_000)
        let imported = [
            ImportedReview(revlogID: 1, noteID: 1, ord: 0, at: at, rating: .good, seconds: 3),
            ImportedReview(revlogID: 2, noteID: 1, ord: 1, at: at, rating: .good, seconds: 3),
            ImportedReview(revlogID: 3, noteID: 2, ord: 1, at: at, rating: .again, seconds: 3),
            ImportedReview(revlogID: 4, noteID: 9, ord: 0, at: at, rating: .good, seconds: 3),
        ]
        var reverse = ImportedCard(guid: "q", front: "A", back: "Q?", source: nil, origin: "")
        reverse.id = ImportedCard.ankiCardID(guid: "q", noteID: 1, ord: 1)
        reverse.noteID = 1
        reverse.ankiOrd = 1
        let reviews = DeckImporter.reviews(
            imported, cardIDs: DeckImporter.cardIDs(of: cards + [reverse], deckID: "d"))
        #expect(reviews.map(\.cardID) == ["d:card:q", "d:card:q-card2", "d:card:z.c2"])
        #expect(reviews.map(\.verdict) == [.correct, .correct, .wrong])
        #expect(reviews[0].id == "anki-1-1-0")
    }
}
