import ArgumentParser
import Foundation
import RecallCore

/// `recall progress merge OTHER.json`: fold another copy of a profile into this one.
struct ProgressMerge: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract:
            "Merge another progress file into a profile: both review logs, copies dropped, states replayed.")

    @Argument(help: ArgumentHelp("The progress file to merge in.", valueName: "other.json"))
    var other: String

    @OptionGroup var options: ProgressOptions
    @OptionGroup var decks: DeckOptions

    func execute() throws {
        let otherURL = URL(
            fileURLWithPath: other,
            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        // Both sides on today's card ids, so that the union of the logs joins the same cards.
        let progressDecks = decks.decksForProgress(chosen: nil)
        let incoming = CardIDMigration.migrated(
            try ProgressStore.readProfile(at: otherURL), decks: progressDecks)
        let store = try options.openStore(decks: progressDecks)
        let before = store.profile.reviews.count
        try store.merge(incoming, using: try ReplayScheduler.make(settings: store.profile.settings))
        let total = store.profile.reviews.count
        print(
            "merged '\(Style.safe(other, oneLine: true))' into profile '\(options.profile)': \(Format.count(total - before, "new review")), \(total) in all"
        )
    }
}
