import ArgumentParser

/// `recall scheduler …`: inspect the FSRS-6 scheduler.
struct SchedulerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Inspect the FSRS-6 scheduler.",
        subcommands: [SchedulerReplay.self]
    )
}
