import ArgumentParser
import RecallCore

/// `recall progress check`: report problems in a profile's files without changing them.
struct ProgressCheck: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Report problems in a profile's progress files without changing them."
    )

    @OptionGroup var options: ProgressOptions

    func execute() throws {
        let issues = ProgressStore.check(profile: options.profile, in: options.directory)
        if ProgressOutput.report(issues) { throw CommandFailure.reported }
    }
}
