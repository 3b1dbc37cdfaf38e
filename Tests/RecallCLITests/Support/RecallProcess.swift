import Foundation
import Testing

/// Runs the built `recall` binary with arguments, standard input and environment, and
/// collects what it printed and how it exited.
struct RecallProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `recall` executable next to the test bundle (`.build/<config>/recall`).
    static var executable: URL {
        get throws {
            var candidates: [URL] = []
            var products = Bundle.main.bundleURL
            if products.pathExtension == "xctest" { products.deleteLastPathComponent() }
            candidates.append(products.appendingPathComponent("recall"))
            for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
                candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("recall"))
            }
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            candidates.append(root.appendingPathComponent(".build/debug/recall"))
            let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            return try #require(found, "the recall binary was not built; looked in \(candidates.map(\.path))")
        }
    }

    /// The repository root, for tests that read `Decks/`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `recall` to completion. Output is read on other threads while the process runs, so
    /// a large output never blocks it on a full pipe.
    static func run(
        _ arguments: [String], input: String = "", environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "RECALL_DECKS")
        env.removeValue(forKey: "RECALL_PROGRESS")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = currentDirectory ?? FileManager.default.temporaryDirectory
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let collector = OutputCollector()
        let group = DispatchGroup()
        for (pipe, isError) in [(stdout, false), (stderr, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collector.store(data, isError: isError)
                group.leave()
            }
        }
        try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: collector.text(isError: false),
                      stderr: collector.text(isError: true))
    }
}

/// Output gathered from two reader threads.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    func store(_ data: Data, isError: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isError { err = data } else { out = data }
    }

    func text(isError: Bool) -> String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: isError ? err : out, as: UTF8.self)
    }
}
