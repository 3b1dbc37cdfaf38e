public import Foundation

/// Where progress files live and what they are called.
public enum ProgressLocation {
    /// The environment variable naming the progress folder when `--progress-dir` is not given.
    public static let environmentVariable = "RECALL_PROGRESS"
    /// The folder used when neither the option nor the environment names one.
    public static let defaultFolder = "Progress"
    /// The profile used when none is named.
    public static let defaultProfile = "default"

    /// The progress folder: the explicit option, else `RECALL_PROGRESS`, else `Progress/`;
    /// a relative path is taken from `currentDirectory`.
    public static func directory(
        option: String?, environment: [String: String], currentDirectory: URL
    ) -> URL {
        let chosen =
            [option, environment[environmentVariable]]
            .compactMap { $0 }
            .first { !$0.isEmpty } ?? defaultFolder
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

    /// The names of the profiles in `directory` (those with a snapshot or a journal), sorted;
    /// empty when the folder cannot be read.
    public static func profileNames(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let profiles = names.compactMap { name -> String? in
            for suffix in [".journal.jsonl", ".json"] where name.hasSuffix(suffix) {
                let profile = String(name.dropLast(suffix.count))
                return (try? validate(profile: profile)) != nil ? profile : nil
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
            lock: directory.appendingPathComponent("\(profile).lock").path)
    }
}

/// The paths of one profile's files.
public struct ProgressFiles: Sendable, Hashable {
    /// `<profile>.json`: the snapshot, rewritten atomically on compaction.
    public var snapshot: String
    /// `<profile>.journal.jsonl`: one JSON line per answer since the snapshot.
    public var journal: String
    /// `<profile>.lock`: held with `flock` by the one process writing the profile; holds its PID.
    public var lock: String
}
