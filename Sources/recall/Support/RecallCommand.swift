import ArgumentParser
import Foundation
import RecallCore

/// A subcommand of `recall` whose failures all leave through one door, as SwiftPM's commands do:
/// the command's `execute` just throws, and `run` prints one `error: …` line to stderr and exits 1.
/// Usage errors (`ValidationError`) are left to ArgumentParser, which prints the usage and exits 64.
protocol RecallCommand: ParsableCommand {
    /// The command's work; anything thrown is reported by `CommandFailure`.
    func execute() throws
}

extension RecallCommand {
    func run() throws {
        do {
            try execute()
        } catch {
            throw CommandFailure.exit(after: error)
        }
    }
}

/// The executable's one error path.
enum CommandFailure: Error, Equatable {
    /// The command has already printed what went wrong (a lint report, a check's findings, the
    /// files a report left out): exit 1 without another line.
    case reported

    /// Prints `error` once, in the form a user reads, and returns what ends the process with it.
    static func exit(after error: any Error) -> any Error {
        switch error {
        case let code as ExitCode: return code
        case is CleanExit, is ValidationError: return error
        case CommandFailure.reported: return ExitCode.failure
        default:
            report(error)
            return ExitCode.failure
        }
    }

    /// Prints a deck's diagnostics as they are (each already says `file:line:column: error: …`),
    /// or `error: <message>`; one neutralised line each, whatever the text they quote holds.
    static func report(_ error: any Error) {
        if let deck = error as? DeckError, case .invalid(let diagnostics) = deck {
            Console.writeError(diagnostics.map { Style.safe($0.formatted, oneLine: true) + "\n" }.joined())
            return
        }
        Console.error((error as? any LocalizedError)?.errorDescription ?? error.localizedDescription)
    }
}
