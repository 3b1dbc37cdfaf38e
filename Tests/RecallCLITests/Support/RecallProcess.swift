import Foundation
import Testing

/// Runs the built `recall` binary with arguments, standard input and environment, as a learner's
/// shell would, and collects what it printed and how it exited.
enum RecallProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable: `$RECALL_BINARY` if set, else next to the test bundle (SwiftPM puts every
    /// product of a build in one folder), else `.build/debug/recall` of the package above this file.
    static var executable: URL {
        get throws {
            var candidates: [URL] = []
            if let override = ProcessInfo.processInfo.environment["RECALL_BINARY"] {
                candidates.append(URL(fileURLWithPath: override))
            }
            var products = Bundle.main.bundleURL
            if products.pathExtension == "xctest" { products.deleteLastPathComponent() }
            candidates.append(products.appendingPathComponent("recall"))
            if let runner = Bundle.main.executableURL?.deletingLastPathComponent() {
                candidates.append(runner.appendingPathComponent("recall"))
            }
            candidates.append(repositoryRoot.appendingPathComponent(".build/debug/recall"))
            let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            return try #require(found, "no built 'recall' executable in \(candidates.map(\.path))")
        }
    }

    /// The package root (the folder holding Package.swift above this file), for tests that read `Decks/`.
    static let repositoryRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
            {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// A process for `recall arguments` with a clean environment: no colour, no decks or progress
    /// folder inherited from the developer's shell.
    static func process(
        _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "RECALL_DECKS")
        env.removeValue(forKey: "RECALL_PROGRESS")
        // Never the developer's own data folder: a fresh home for each run unless the test names one.
        let home = try freshHome()
        env["HOME"] = home.path
        env["XDG_DATA_HOME"] = home.appendingPathComponent(".local/share").path
        env["XDG_CACHE_HOME"] = home.appendingPathComponent(".cache").path
        env.removeValue(forKey: "RECALL_CACHE")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = currentDirectory ?? FileManager.default.temporaryDirectory
        return process
    }

    /// An empty folder to stand for the learner's home, under one folder per test run.
    static func freshHome() throws -> URL {
        let home = homes.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    /// The folder of this test run's homes, removed when the test process exits.
    private static let homes: URL = {
        atexit { try? FileManager.default.removeItem(at: homesFolder) }
        return homesFolder
    }()

    private static var homesFolder: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-test-homes-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
    }

    /// Starts `recall arguments` with its output on pipes and no input, for tests that watch it run.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (
        Process, Pipe, Pipe
    ) {
        let process = try process(arguments, environment: environment)
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output, error)
    }

    /// Runs `recall` to completion. Output goes through temporary files, so a large output can
    /// never fill a pipe and stall the child.
    static func run(
        _ arguments: [String], input: String = "", environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin")
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = try process(arguments, environment: environment, currentDirectory: currentDirectory)
        let stdin = try FileHandle(forReadingFrom: inURL)
        let stdout = try FileHandle(forWritingTo: outURL)
        let stderr = try FileHandle(forWritingTo: errURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
