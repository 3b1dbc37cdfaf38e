import ArgumentParser
import Foundation
import RecallCore

/// `--progress-dir`: where progress files live.
struct ProgressFolderOption: ParsableArguments {
    @Option(
        name: .customLong("progress-dir"),
        help: ArgumentHelp(
            "The folder holding progress files (default: $\(ProgressLocation.environmentVariable), else the workspace's Progress/, else ~/.local/share/recall/Progress).",
            valueName: "dir"))
    var progressDirectory: String?

    var directory: URL {
        ProgressLocation.directory(
            option: progressDirectory, environment: ProcessInfo.processInfo.environment,
            currentDirectory: URL(
                fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    }
}

/// The options every command touching a learner's progress shares.
struct ProgressOptions: ParsableArguments {
    @OptionGroup var folder: ProgressFolderOption

    @Option(help: "The learner's profile.")
    var profile: String = ProgressLocation.defaultProfile

    var directory: URL { folder.directory }
}

/// Printing for the progress commands: diagnostics to stderr, the rest to stdout.
enum ProgressOutput {
    /// Prints issues (errors and warnings to stderr, notes to stdout); true if any is an error.
    static func report(_ issues: [ProgressIssue]) -> Bool {
        for issue in issues {
            if issue.severity == .note {
                print(Style.safe(issue.description))
            } else {
                Console.writeError(issue.description + "\n")
            }
        }
        return issues.contains { $0.severity == .error }
    }
}
