import ArgumentParser
import Foundation
import RecallCore
import Testing

@testable import recall

/// The REPL and `recall study` are parsed with their own command as the root (`parsedDirectly`);
/// what that parse accepts must be what the root's parse makes of the same words, and what it
/// refuses goes to the root's parse, help and messages.
@Suite struct RecallDirectParseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        /// The command parsed directly, or nil when the root parses.
        var command: String?
        var testDescription: String { arguments.isEmpty ? "(none)" : arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: [], command: "ReplCommand"),
        Case(arguments: ["--progress-dir", "/tmp/p"], command: "ReplCommand"),
        Case(
            arguments: [
                "--decks-dir", "d", "--profile", "ada", "--new", "5", "--seed", "3", "--recall-only",
            ],
            command: "ReplCommand"),
        Case(arguments: ["repl", "--limit", "50"], command: "ReplCommand"),
        // A value that is also a subcommand's name is the option's value for both parses.
        Case(arguments: ["--profile", "study"], command: "ReplCommand"),
        Case(arguments: ["study"], command: "Study"),
        Case(arguments: ["study", "--deck", "csto", "--day-starts", "6", "--limit", "10"], command: "Study"),
        // Refused, so parsed (and reported) from the root.
        Case(arguments: ["--help"], command: nil),
        Case(arguments: ["-h"], command: nil),
        Case(arguments: ["--version"], command: nil),
        Case(arguments: ["--generate-completion-script", "bash"], command: nil),
        Case(arguments: ["--experimental-dump-help"], command: nil),
        Case(arguments: ["study", "--help"], command: nil),
        Case(arguments: ["study", "--version"], command: nil),
        Case(arguments: ["study", "--limit", "many"], command: nil),
        Case(arguments: ["study", "extra"], command: nil),
        Case(arguments: ["--bogus"], command: nil),
        Case(arguments: ["--seed", "3", "stats"], command: nil),
        Case(arguments: ["stats"], command: nil),
        Case(arguments: ["help"], command: nil),
        Case(arguments: ["scheduler", "replay"], command: nil),
    ]

    @Test(arguments: cases)
    func aDirectParseIsTheRootsParse(_ test: Case) throws {
        let direct = Recall.parsedDirectly(test.arguments)
        #expect(direct.map { "\(type(of: $0))" } == test.command)
        guard let direct else { return }
        let root = try Recall.parseAsRoot(test.arguments)
        #expect(type(of: root) == type(of: direct))
        #expect(Self.dumped(root) == Self.dumped(direct))
    }

    /// Every parsed option's value, as `dump` lists them.
    static func dumped(_ command: any ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }

    /// Help, usage mistakes and the version still come from the root, through the real binary.
    @Test func refusedWordsAreTheRootsToAnswer() throws {
        let help = try RecallProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("SUBCOMMANDS:"), "\(help.stdout)")
        #expect(help.stdout.contains("USAGE: recall <subcommand>"), "\(help.stdout)")

        let studyHelp = try RecallProcess.run(["study", "--help"])
        #expect(studyHelp.status == 0)
        #expect(studyHelp.stdout.contains("USAGE: recall study"), "\(studyHelp.stdout)")

        let mistake = try RecallProcess.run(["--bogus"])
        #expect(mistake.status == 64)
        #expect(mistake.stderr.contains("Unknown option '--bogus'"), "\(mistake.stderr)")
        #expect(mistake.stderr.contains("Usage: recall"), "\(mistake.stderr)")

        let version = try RecallProcess.run(["study", "--version"])
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout == RecallVersion.current + "\n")
    }
}
