import Foundation
import Testing

@testable import recall

/// User-controlled text reaches the terminal only through `Style.safe`.
@Suite struct HostileTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var oneLine: Bool
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(name: "escape sequence", input: "a\u{1B}[2Jb", oneLine: false, expected: "a[2Jb"),
        .init(name: "C1 CSI", input: "a\u{9B}31mb", oneLine: false, expected: "a31mb"),
        .init(
            name: "right-to-left override", input: "abc\u{202E}fdp.exe", oneLine: false,
            expected: "abcfdp.exe"),
        .init(
            name: "isolates", input: "\u{2066}x\u{2067}y\u{2068}z\u{2069}", oneLine: false, expected: "xyz"),
        .init(
            name: "embeddings", input: "\u{202A}a\u{202B}b\u{202C}c\u{202D}", oneLine: false, expected: "abc"),
        .init(
            name: "marks and invisibles", input: "a\u{200E}\u{200F}\u{061C}\u{2060}\u{FEFF}b", oneLine: false,
            expected: "ab"),
        .init(
            name: "joiners stay", input: "👩\u{200D}💻 می\u{200C}خواهم", oneLine: false,
            expected: "👩\u{200D}💻 می\u{200C}خواهم"),
        .init(name: "newlines kept", input: "a\nb\tc\r\n", oneLine: false, expected: "a\nb\tc\n"),
        .init(name: "line separator", input: "a\u{2028}b", oneLine: false, expected: "a\nb"),
        .init(name: "one line", input: "a\nb\u{2029}c\u{85}d\re", oneLine: true, expected: "a b c d e"),
    ]

    @Test(arguments: cases) func theNeutraliser(_ test: Case) {
        #expect(Style.safe(test.input, oneLine: test.oneLine) == test.expected)
    }

    func hostileDeck() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-hostile-\(UUID().uuidString)")
        // A project folder: a recall workspace (deck files and progress go under it).
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        let created = try RecallProcess.run(["deck", "new", "evil"], currentDirectory: dir)
        #expect(created.status == 0, "\(created.stderr)")
        let file = dir.appendingPathComponent("Decks/evil.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "  name: Space flight (example)", with: #"  name: "Evil\e]0;pwned\a\u202Edeck\nfake: line""#)
        text = text.replacingOccurrences(
            of: "  source: Space flight (example notes)", with: #"  source: "notes\e[2J\u2066x""#)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return dir
    }

    static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains {
            $0 == "\u{1B}" || $0 == "\u{07}" || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }
    }

    @Test(arguments: [["deck", "preview", "evil"], ["deck", "stats", "evil"], ["cards", "--deck", "evil"]])
    func deckTextIsNeutralised(_ arguments: [String]) throws {
        let dir = try hostileDeck()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try RecallProcess.run(arguments, currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.isClean(result.stdout) && Self.isClean(result.stderr), "\(result.stdout.suffix(300))")
        #expect(!result.stdout.contains("\nfake: line"), "a deck name cannot start a line of its own")
    }

    @Test func deckDiagnosticsAreNeutralised() throws {
        let dir = try hostileDeck()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("Decks/bad.yaml")
        try Data("deck: {id: bad, name: X, \"col\\e[31m\\u202E\\nerror: fake\": red}\n".utf8).write(to: file)
        for arguments in [["deck", "lint", "Decks/bad.yaml"], ["deck", "preview", "bad"]] {
            let result = try RecallProcess.run(arguments, currentDirectory: dir)
            #expect(result.status == 1)
            #expect(result.stderr.contains("unknown field"), "\(result.stderr)")
            #expect(Self.isClean(result.stderr), "\(result.stderr)")
            #expect(!result.stderr.contains("\nerror: fake"), "a quoted newline cannot start a line")
        }
    }

    @Test func errorsQuotingProgressFilesAreNeutralised() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-hostile-\(UUID().uuidString)")
        // A project folder: a recall workspace (deck files and progress go under it).
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal =
            #"{"seq":1,"review":{"id":"x","card":"c","at":1,"rating":9,"answer":"\u001b[2J\u202e","verdict":"correct","seconds":1},"state":{}}"#
        try Data((journal + "\n").utf8).write(
            to: dir.appendingPathComponent("learner\u{1B}[31m.journal.jsonl"))
        try Data("{\"schema_version\": 1, \"cards\": \"\u{1B}[2J\"}\n".utf8).write(
            to: dir.appendingPathComponent("pupil\u{202E}.json"))
        let report = try RecallProcess.run([
            "class", "report", dir.appendingPathComponent("pupil\u{202E}.json").path,
        ])
        #expect(Self.isClean(report.stdout) && Self.isClean(report.stderr), "\(report.stderr)")
        let check = try RecallProcess.run([
            "progress", "check", "--profile", "learner\u{1B}[31m", "--progress-dir", dir.path,
        ])
        #expect(Self.isClean(check.stdout) && Self.isClean(check.stderr), "\(check.stderr)")
    }
}
