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
    /// else, including `recall scheduler replay --help`, is parsed by ArgumentParser: the REPL
    /// and `recall study` with their own command as the root when that parse succeeds
    /// (`parsedDirectly`), everything else from `Recall`.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["scheduler", "replay"] {
            do {
                try SchedulerReplay().run()
            } catch {
                exit(withError: error)
            }
            return
        }
        guard var command = parsedDirectly(arguments) else { return main(nil) }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
