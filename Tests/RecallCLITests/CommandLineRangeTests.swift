import Foundation
import Testing

/// Every count and date on the command line has a documented range and a clear error outside it.
@Suite struct CommandLineRangeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        .init(
            arguments: ["simulate", "--learners", "999999999", "-o", "x.json"],
            message: "--learners must be between 1 and 1000"),
        .init(
            arguments: ["simulate", "--days", "9223372036854775807", "-o", "x.json"],
            message: "--days must be between 1 and 3650"),
        .init(
            arguments: ["simulate", "--new-per-day=-1", "-o", "x.json"],
            message: "--new-per-day must be between 0 and 10000"),
        .init(arguments: ["study", "--new", "99999999"], message: "--new must be between 0 and 10000"),
        .init(arguments: ["study", "--limit=-5"], message: "--limit must be between 0 and 100000"),
        .init(
            arguments: ["study", "--exam", "9999-12-31"],
            message: "--exam must be a day from today to 36500 days ahead"),
        .init(arguments: ["study", "--exam", "2001-01-01"], message: "(that day has passed;"),
        .init(
            arguments: ["plan", "--exam", "9999-12-31"],
            message: "--exam must be a day from today to 36500 days ahead"),
        .init(
            arguments: ["plan", "--exam", "2030-01-01", "--budget", "0"],
            message: "--budget must be between 1 and 100000"),
        .init(arguments: ["stats", "--now", "1e300"], message: "--now must be seconds since 1970"),
        .init(arguments: ["stats", "--now", "nan"], message: "--now must be seconds since 1970"),
        .init(arguments: ["quiz", "-n", "100000"], message: "--count must be between 1 and 1000"),
    ]

    @Test(arguments: cases) func outOfRangeIsAUsageError(_ test: Case) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-range-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try RecallProcess.run(
            test.arguments + ["--progress-dir", folder.path], currentDirectory: folder)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(test.message), "\(result.stderr)")
    }
}
