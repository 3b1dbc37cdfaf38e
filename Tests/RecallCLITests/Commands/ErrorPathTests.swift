import Foundation
import RecallTestSupport
import Testing

/// Every command fails the same way: one `error: …` line on stderr (or, for a deck, its
/// `file:line:column: error: …` diagnostics) and exit 1; a usage mistake exits 64 with the usage.
@Suite struct ErrorPathTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var input = ""
        /// What the one line of stderr starts with.
        var line: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["cards", "--deck", "nosuch"], line: "error: no deck 'nosuch'"),
        Case(
            arguments: ["stats", "--deck", "nosuch", "--progress-dir", "{tmp}"],
            line: "error: no deck 'nosuch'"),
        Case(
            arguments: ["study", "--deck", "nosuch", "--progress-dir", "{tmp}"],
            line: "error: no deck 'nosuch'"),
        Case(arguments: ["quiz", "--deck", "nosuch"], line: "error: no deck 'nosuch'"),
        Case(arguments: ["deck", "preview", "nosuch"], line: "error: no deck 'nosuch'"),
        Case(arguments: ["deck", "stats", "nosuch"], line: "error: no deck 'nosuch'"),
        Case(
            arguments: ["deck", "lint", "/nonexistent/deck.yaml"], line: "/nonexistent/deck.yaml:1:1: error: "
        ),
        Case(arguments: ["export", "nosuch", "--format", "tsv", "-o", "-"], line: "error: no deck 'nosuch'"),
        Case(
            arguments: ["import", "/nonexistent/cards.apkg", "--decks-dir", "{tmp}"],
            line: "error: cannot access '/nonexistent/cards.apkg'"),
        Case(
            arguments: ["progress", "merge", "/nonexistent/other.json", "--progress-dir", "{tmp}"],
            line: "error: no such file '/nonexistent/other.json'"),
        Case(
            arguments: ["class", "report", "/nonexistent/ada.json"], line: "error: '/nonexistent/ada.json'"),
        // A newline in a quoted file name cannot start a line of its own that looks like output.
        Case(
            arguments: ["progress", "merge", "/nonexistent/a\nerror: faked.json", "--progress-dir", "{tmp}"],
            line: "error: no such file '/nonexistent/a"),
        Case(arguments: ["scheduler", "replay"], input: "{bad", line: "error: the input is not valid JSON"),
        Case(arguments: ["optimize", "--reviews", "-", "--json"], input: "[]", line: "error: "),
        Case(
            arguments: ["plan", "--exam", "2026-13-45", "--progress-dir", "{tmp}"],
            line: "error: invalid exam date '2026-13-45'"),
        // A mistyped profile creates nothing, even for a command that writes.
        Case(
            arguments: ["unsuspend", "state:suspended", "--profile", "nosuch", "--progress-dir", "{tmp}"],
            line: "error: no profile 'nosuch'"),
        Case(
            arguments: ["unbury", "state:buried", "--profile", "nosuch", "--progress-dir", "{tmp}"],
            line: "error: no profile 'nosuch'"),
    ]

    @Test(arguments: cases)
    func aFailureIsOneLineAndExitOne(_ test: Case) throws {
        let folder = try TemporaryFolder(prefix: "recall-errors")
        let arguments = test.arguments.map { $0 == "{tmp}" ? folder.url.path : $0 }
        let result = try RecallProcess.run(arguments, input: test.input)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix(test.line), "\(result.stderr)")
        #expect(!result.stderr.contains("Error:"))
    }

    @Test(arguments: [
        ["study", "--limit", "many"], ["cards", "--bogus"], ["deck", "lint"], ["export"],
        ["progress", "merge"],
    ])
    func aUsageMistakeExits64WithTheUsage(_ arguments: [String]) throws {
        let result = try RecallProcess.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("Usage: recall"), "\(result.stderr)")
    }
}
