import ArgumentParser
import Foundation
import RecallCore

/// `recall deck lint PATH…`: report every error and warning in deck files.
struct DeckLint: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check deck files: errors and warnings as path:line:column: message.",
        discussion: "Exits 0 when every file is valid (warnings allowed), 1 when any has an error.")

    @Argument(help: ArgumentHelp("Deck files to check.", valueName: "path"))
    var paths: [String]

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func execute() throws {
        var failed = false
        for path in paths {
            let report = DeckLinter().lint(contentsOf: URL(fileURLWithPath: path), displayPath: path)
            for diagnostic in report.diagnostics {
                Console.writeError(Style.safe(diagnostic.formatted, oneLine: true) + "\n")
            }
            if report.hasErrors || (strict && !report.diagnostics.isEmpty) { failed = true }
            if !report.hasErrors {
                Console.write("\(Style.safe(path, oneLine: true)): ok — \(report.summary)\n")
            }
        }
        if failed { throw CommandFailure.reported }
    }
}
