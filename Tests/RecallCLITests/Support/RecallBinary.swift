import Foundation

/// Runs the built `recall` executable, as a learner's shell would.
enum RecallBinary {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String { "no built 'recall' executable in: " + searched.joined(separator: ", ") }
    }

    /// The executable: `$RECALL_BINARY` if set, else next to the test bundle (SwiftPM puts every
    /// product of a build in one directory), else `.build/debug/recall` above this source file.
    static func url() throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["RECALL_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        var bundle = Bundle.main.bundleURL
        if bundle.pathExtension == "xctest" {
            bundle.deleteLastPathComponent()
        }
        candidates.append(bundle.appendingPathComponent("recall"))
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("recall"))
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
            {
                candidates.append(directory.appendingPathComponent(".build/debug/recall"))
                break
            }
            directory.deleteLastPathComponent()
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else {
            throw NotFound(searched: candidates.map(\.path))
        }
        return found
    }

    /// Runs `recall` with `arguments`, feeding `stdin`; output goes through temporary files so
    /// that large outputs cannot fill a pipe and stall the child.
    static func run(_ arguments: [String], stdin: String = "") throws -> Output {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("recall-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin")
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        try Data(stdin.utf8).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)

        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        let input = try FileHandle(forReadingFrom: inURL)
        let output = try FileHandle(forWritingTo: outURL)
        let error = try FileHandle(forWritingTo: errURL)
        defer {
            try? input.close()
            try? output.close()
            try? error.close()
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
