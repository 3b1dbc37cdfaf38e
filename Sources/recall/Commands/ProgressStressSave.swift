import ArgumentParser
import Foundation
import RecallCore

/// `recall progress _stress-save` (hidden): append and save in a loop, printing `saved N` after each
/// save, for the test that kills recall mid-save.
struct ProgressStressSave: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "_stress-save", abstract: "Append and save in a loop (for tests).", shouldDisplay: false)

    @OptionGroup var options: ProgressOptions

    @Option(help: "Stop after this many saves (0: never).")
    var iterations = 0

    func execute() throws {
        let store = try ProgressStore.open(profile: options.profile, in: options.directory)
        var done = 0
        while iterations == 0 || done < iterations {
            let (review, state) = StressWorkload.step(store.profile.reviews.count)
            try store.append(review, newState: state)
            try store.save()
            done += 1
            // Unbuffered, so the test reading it knows the save has finished.
            FileHandle.standardOutput.write(Data("saved \(store.profile.reviews.count)\n".utf8))
        }
    }
}
