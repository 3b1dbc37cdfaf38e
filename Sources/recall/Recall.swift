import ArgumentParser
import RecallCore

/// The `recall` command: a quiz and flashcard study program for the terminal.
@main
struct Recall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Study facts at the terminal: cards derived from a fact model, scheduled with FSRS-6.",
        version: RecallVersion.current,
        subcommands: [
            ReplCommand.self,
            Study.self,
            Quiz.self,
            Cards.self,
            CardCommand.self,
            Unsuspend.self,
            Unbury.self,
            GradeCommand.self,
            Stats.self,
            SettingsCommand.self,
            DeckCommand.self,
            Export.self,
            Import.self,
            ProfileCommand.self,
            MediaCommand.self,
            ProgressCommand.self,
            ClassCommand.self,
            SchedulerCommand.self,
            Optimize.self,
            Simulate.self,
            Plan.self,
        ],
        defaultSubcommand: ReplCommand.self
    )
}
