import Foundation

/// A Python that has the `anki` package (Anki's own importer, headless), if this machine has one.
///
/// Looked for in `$RECALL_ANKI_PYTHON`, then `.venv-anki/` in the repository or next to it. Set
/// one up with `python3 -m venv ../.venv-anki && ../.venv-anki/bin/pip install anki`.
enum AnkiPython {
    static let script = RecallProcess.repositoryRoot.appendingPathComponent(
        "Tests/Fixtures/check_anki_import.py")

    static let executable: URL? = {
        var candidates: [URL] = []
        if let variable = ProcessInfo.processInfo.environment["RECALL_ANKI_PYTHON"], !variable.isEmpty {
            candidates.append(URL(fileURLWithPath: variable))
        }
        // Where .ci/run creates it (outside the package folder).
        candidates.append(URL(fileURLWithPath: "/opt/recall-venv/bin/python"))
        candidates.append(RecallProcess.repositoryRoot.appendingPathComponent(".venv-anki/bin/python"))
        candidates.append(
            RecallProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent(
                ".venv-anki/bin/python"))
        return candidates.first { candidate in
            guard FileManager.default.isExecutableFile(atPath: candidate.path) else { return false }
            return (try? run(candidate, ["-c", "import anki.collection"]).status) == 0
        }
    }()

    static let missing =
        "no Python with the 'anki' package: python3 -m venv ../.venv-anki && ../.venv-anki/bin/pip install anki (or set RECALL_ANKI_PYTHON)"

    /// Imports the files, in order, into one fresh collection; one JSON object per file.
    static func importFiles(_ files: [URL]) throws -> [[String: Any]] {
        guard let executable else { return [] }
        let result = try run(executable, [script.path] + files.map(\.path))
        let objects = result.output.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        return objects
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
