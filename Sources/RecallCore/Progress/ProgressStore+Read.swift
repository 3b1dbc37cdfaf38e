public import Foundation

extension ProgressStore {
    /// Reads a profile snapshot file and the log beside it (`<name>.log/` and `<name>.journal.jsonl`,
    /// if any) without locking or changing anything: for merging another learner's or machine's
    /// file. A whole profile in one file (a version-1 snapshot, a backup) needs nothing beside it.
    ///
    /// An older schema is migrated in memory only.
    public static func readProfile(at url: URL) throws(ProgressError) -> Profile {
        let path = url.path
        guard let data = try FileIO.readIfExists(path) else { throw .fileNotFound(path) }
        let base = url.deletingPathExtension().lastPathComponent
        let snapshot = try ProfileSnapshot.decode(
            data, file: path, profileName: base, defaultSettings: SchedulerSettings())
        var loaded = LoadedProfile(
            profile: snapshot.profile, sequence: snapshot.journalSequence, journalLength: 0, journalLines: 0)
        loaded.logGeneration = snapshot.logGeneration
        guard url.pathExtension == "json" else { return loaded.profile }
        // The log beside it: its segments and journal, named after the snapshot.
        let files = ProgressLocation.files(profile: base, in: url.deletingLastPathComponent())
        var journal = Journal.Contents()
        if snapshot.loadedVersion == Profile.schemaVersion {
            var damaged: [ProgressError] = []
            journal.entries = try loaded.readSegments(files: files, damaged: &damaged)
        }
        if let journalData = try FileIO.readIfExists(files.journal) {
            let entries = journal.entries
            journal = try Journal.parse(journalData, file: files.journal, lenient: false)
            journal.entries = entries + journal.entries
        }
        if !journal.entries.isEmpty { loaded.fold(journal, file: files.journal) }
        return loaded.profile
    }
}

extension ProgressStore {
    /// Writes `profile` whole (its log as segments, its states as the snapshot) as profile `name`
    /// in `directory`, replacing what is there: for tests and benchmarks that need a profile on disk.
    static func write(_ profile: Profile, as name: String, in directory: URL) throws(ProgressError) {
        let io = FileIO()
        try io.createDirectories(directory.path)
        let files = ProgressLocation.files(profile: name, in: directory)
        _ = try rewriteLog(of: profile, sequence: 0, generation: 0, files: files, io: io)
    }
}
