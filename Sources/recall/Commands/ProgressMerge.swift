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

    func execute() throws {
        let otherURL = URL(
            fileURLWithPath: other,
            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let incoming = try ProgressStore.readProfile(at: otherURL)
        let store = try ProgressStore.open(profile: options.profile, in: options.directory)
        let before = store.profile.reviews.count
        try store.merge(incoming, using: try ReplayScheduler.make(settings: store.profile.settings))
        let total = store.profile.reviews.count
        print(
            "merged '\(Style.safe(other, oneLine: true))' into profile '\(options.profile)': \(Format.count(total - before, "new review")), \(total) in all"
        )
    }
}
