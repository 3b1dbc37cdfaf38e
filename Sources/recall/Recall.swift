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

    /// Runs the command line. `recall scheduler replay` exactly (a filter other programs call once
    /// per request, where start-up is a good part of the time) runs without ArgumentParser's
    /// parse, which builds the command tree and looks up protocol conformances at run time
    /// (about a third of that command's CPU time with an empty request, `perf record`); anything
    /// else, including `recall scheduler replay --help`, is parsed as usual.
    static func main() {
        if CommandLine.arguments.dropFirst().elementsEqual(["scheduler", "replay"]) {
            do {
                try SchedulerReplay().run()
            } catch {
                exit(withError: error)
            }
            return
        }
        main(nil)
    }
}
