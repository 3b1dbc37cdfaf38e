import ArgumentParser
import RecallCore

/// `recall progress repair`: set damaged files aside and rebuild what can be saved.
struct ProgressRepair: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Set damaged progress files aside and rebuild what the journal and the review log allow.")

    @OptionGroup var options: ProgressOptions

    func execute() throws {
        let issues = try ProgressStore.repair(profile: options.profile, in: options.directory)
        // Errors found and repaired are reported, but the repair itself succeeded.
        _ = ProgressOutput.report(
            issues.map { $0.severity == .error ? ProgressIssue(.warning, $0.message) : $0 })
    }
}
