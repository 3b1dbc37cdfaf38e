public import Foundation

/// Where progress files live and what they are called.
public enum ProgressLocation {
    /// The environment variable naming the progress folder when `--progress-dir` is not given.
    public static let environmentVariable = "RECALL_PROGRESS"
    /// The folder used when neither the option nor the environment names one.
    public static let defaultFolder = Workspace.progressFolder
    /// The profile used when none is named.
    public static let defaultProfile = "default"

    /// The progress folder: the explicit option, else `RECALL_PROGRESS`, else the `Progress/` of
    /// the workspace (`Workspace.locate`: the enclosing recall folder, else the learner's data
    /// folder); a relative path is taken from `currentDirectory`.
    public static func directory(
        option: String?, environment: [String: String], currentDirectory: URL
    ) -> URL {
        guard
            let chosen = [option, environment[environmentVariable]].compactMap({ $0 }).first(where: {
                !$0.isEmpty
            })
        else {
            return Workspace.locate(environment: environment, currentDirectory: currentDirectory).progress
                .standardizedFileURL
        }
        return URL(fileURLWithPath: chosen, isDirectory: true, relativeTo: currentDirectory)
            .standardizedFileURL
    }

    /// Checks that `name` can name a profile file: letters, digits, '-', '_', '.', not '.' first.
    public static func validate(profile name: String) throws(ProgressError) {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "-_.".unicodeScalars.contains(scalar)
        }
        guard !name.isEmpty, !name.hasPrefix("."), allowed, name.utf8.count <= 200 else {
            throw .invalidProfileName(name)
        }
    }

    /// The profiles with progress files (a snapshot or a journal) in `directory`, sorted.
    public static func profiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let profiles = names.compactMap { name -> String? in
            for suffix in [".journal.jsonl", ".json"] where name.hasSuffix(suffix) {
                let profile = String(name.dropLast(suffix.count))
                return (try? validate(profile: profile)) == nil ? nil : profile
            }
            return nil
        }
        return Set(profiles).sorted()
    }

    /// The files of one profile in `directory`.
    public static func files(profile: String, in directory: URL) -> ProgressFiles {
        ProgressFiles(
            snapshot: directory.appendingPathComponent("\(profile).json").path,
            journal: directory.appendingPathComponent("\(profile).journal.jsonl").path,
            lock: directory.appendingPathComponent("\(profile).lock").path,
            log: directory.appendingPathComponent("\(profile).log").path)
    }

    /// The files of profile `name` in `directory` when it has been written (a snapshot or a
    /// journal), for the readers that do not create it; nil for a profile with neither.
    /// - Throws: `ProgressError` if the name is invalid.
    static func existingFiles(profile name: String, in directory: URL) throws(ProgressError) -> ProgressFiles?
    {
        try validate(profile: name)
        let files = files(profile: name, in: directory)
        let manager = FileManager.default
        guard manager.fileExists(atPath: files.snapshot) || manager.fileExists(atPath: files.journal) else {
            return nil
        }
        return files
    }
}

/// The paths of one profile's files.
public struct ProgressFiles: Sendable, Hashable {
    /// `<profile>.json`: the snapshot of card states, flags and settings, rewritten atomically on
    /// compaction.
    public var snapshot: String
    /// `<profile>.journal.jsonl`: the newest log segment, one JSON line per change.
    public var journal: String
    /// `<profile>.lock`: held with `flock` by the one process writing the profile; holds its PID.
    public var lock: String
    /// `<profile>.log/`: the review log's sealed segments (see `ProgressLog`).
    public var log: String
}
