import ArgumentParser

/// `recall progress …`: look after learners' progress files.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Check, repair and merge learners' progress files.",
        subcommands: [ProgressCheck.self, ProgressRepair.self, ProgressMerge.self, ProgressStressSave.self]
    )
}
