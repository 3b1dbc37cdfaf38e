import Foundation
import Testing

/// Runs the built `recall` binary, as a learner would.
struct RecallProcess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The `recall` binary in the products folder this test runner was built into.
    static func executable(filePath: String = #filePath) throws -> URL {
        var folders: [URL] = []
        let bundle = Bundle.main.bundleURL
        folders.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
        if let runner = Bundle.main.executableURL?.deletingLastPathComponent() { folders.append(runner) }
        // Walk up from this file to the package root and look in its debug products.
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
            {
                folders.append(directory.appendingPathComponent(".build/debug"))
                break
            }
            directory.deleteLastPathComponent()
        }
        let found = folders.map { $0.appendingPathComponent("recall") }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
        return try #require(found, "no built 'recall' in \(folders.map(\.path))")
    }

    /// Starts `recall arguments` with its output on pipes.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (
        Process, Pipe, Pipe
    ) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        var inherited = ProcessInfo.processInfo.environment
        inherited.removeValue(forKey: "RECALL_PROGRESS")
        process.environment = inherited.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output, error)
    }

    /// Runs `recall arguments` to the end.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let (process, output, error) = try start(arguments, environment: environment)
        // Read stderr on another thread while reading stdout here, so neither pipe can fill up
        // and block the child; `group.wait()` orders the other thread's write before our read.
        let errorBox = DataBox()
        let errorHandle = error.fileHandleForReading
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorBox.data = errorHandle.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorBox.data, as: UTF8.self))
    }
}

/// Data written by one thread and read by another after a `DispatchGroup.wait()`.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
