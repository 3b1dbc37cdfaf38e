import Foundation
import RecallCore

/// The one place commands open or read a learner's profile, so that progress on old card ids
/// moves to today's cards whichever command comes first (see `CardIDMigration`).
extension ProgressOptions {
    /// Opens the profile for writing (locked), prints what loading found, and moves old card ids
    /// to the cards of `decks` on disk (the original kept as `<profile>.json.cardids.bak`).
    /// - Parameter cards: the cards of `decks`, if already generated.
    /// - Parameter tailOnly: read the log's tail only (see `ProgressStore.open`): for study.
    func openStore(decks: [Deck], cards: [Card]? = nil, tailOnly: Bool = false) throws -> ProgressStore {
        let store = try ProgressStore.open(profile: profile, in: directory, tailOnly: tailOnly)
        for issue in store.issues { Console.writeError(issue.description + "\n") }
        guard !decks.isEmpty else { return store }
        do {
            let generator = QuestionGenerator()
            let cards = cards ?? decks.flatMap { generator.cards(for: $0) }
            let scheduler = try Scheduler(settings: store.profile.settings)
            if let note = try store.migrateCardIDs(decks: decks, cards: cards, using: scheduler) {
                Console.writeError(note.description + "\n")
            }
        } catch {
            store.close()
            throw error
        }
        return store
    }

    /// The profile (snapshot and journal) read without locking or writing it, with old card ids
    /// moved to the cards of `decks` in memory; nil when the profile has no file yet.
    func peekProfile(decks: [Deck]) throws -> Profile? {
        try ProgressStore.peekProfile(named: profile, in: directory).map {
            CardIDMigration.migrated($0, decks: decks)
        }
    }
}

extension DeckOptions {
    /// The decks a profile's card ids are moved to: the chosen one, or every deck that loads.
    func decksForProgress(chosen: [Deck]?) -> [Deck] {
        chosen ?? (try? loadDecks()) ?? []
    }
}
