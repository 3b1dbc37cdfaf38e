import Foundation
import Testing

@testable import RecallCore

/// A newer version of an Anki deck (`Tests/Fixtures/make_anki_versions.py`, written by the real
/// `anki` library): notes are matched by GUID and updated when the input's modification time is
/// newer, as Anki's "update if newer" does; the summary says how many; progress stays.
@Suite struct AnkiUpdateTests {
    struct Expected: Decodable {
        var edited: String
        var added: String
        var guids: [String]
    }

    @Test func aNewerVersionUpdatesByGUIDAndModificationTimeAndKeepsProgress() throws {
        let expected = try JSONDecoder().decode(
            Expected.self, from: FixtureFile.data("Anki/versions/expected.json"))
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = DeckImporter()
        let v1 = try importer.plan(
            FixtureFile.url("Anki/versions/v1.apkg"), displayPath: "v1.apkg", deckID: "capitals",
            folder: folder)
        #expect(v1.added.count == 3)
        #expect(v1.reviews.count == 1)
        try importer.apply(v1)
        let store = try ProgressStore.open(profile: "ana", in: folder.appendingPathComponent("Progress"))
        defer { store.close() }
        #expect(try importer.recordReviews(of: v1, in: store) == 1)
        let studied = try #require(v1.reviews.first?.cardID)
        let stateBefore = try #require(store.profile.states[studied])

        let v2 = try importer.plan(
            FixtureFile.url("Anki/versions/v2.apkg"), displayPath: "v2.apkg", deckID: "capitals",
            folder: folder)
        let edited = ImportedCard.identifier(fromGUID: expected.edited)
        #expect(v2.updated.map(\.id) == [edited])
        #expect(
            v2.updated.first?.content
                == .question("Capital of Peru?", answer: "Lima (on the Rímac)", aliases: []))
        #expect(v2.added.map(\.id) == [ImportedCard.identifier(fromGUID: expected.added)])
        #expect(v2.alreadyPresent == 2)
        try importer.apply(v2)
        #expect(try importer.recordReviews(of: v2, in: store) == 0)
        #expect(store.profile.states[studied] == stateBefore, "the learner's progress stays")
        let deck = try DeckLoader().load(contentsOf: v2.file)
        #expect(deck.freeCards.count == 4)
        #expect(deck.freeCards.allSatisfy { $0.modified != nil }, "each card keeps its note's time")

        // The older version again: its edited note is older than the deck's, so the deck keeps its own.
        let again = try importer.plan(
            FixtureFile.url("Anki/versions/v1.apkg"), displayPath: "v1.apkg", deckID: "capitals",
            folder: folder)
        #expect(again.updated.isEmpty && again.added.isEmpty)
        #expect(again.notes.contains("kept 1 card as the deck has it: the input's version is not newer"))
    }

    /// A card edited in the deck file by hand, with the same modification time as the package,
    /// is not overwritten by importing that package again.
    @Test func aHandEditIsNotOverwrittenByTheSameVersion() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = DeckImporter()
        let url = try FixtureFile.url("Anki/versions/v1.apkg")
        let first = try importer.plan(url, displayPath: "v1.apkg", deckID: "capitals", folder: folder)
        try importer.apply(first)
        let text = try String(contentsOf: first.file, encoding: .utf8)
        try text.replacingOccurrences(of: "\"Paris\"", with: "\"Paris (the city of light)\"")
            .write(to: first.file, atomically: true, encoding: .utf8)
        let second = try importer.plan(url, displayPath: "v1.apkg", deckID: "capitals", folder: folder)
        #expect(second.updated.isEmpty)
        #expect(second.notes.contains("kept 1 card as the deck has it: the input's version is not newer"))
    }
}
