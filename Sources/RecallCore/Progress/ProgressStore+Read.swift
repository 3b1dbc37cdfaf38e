public import Foundation

extension ProgressStore {
    /// Reads a profile snapshot file (and the journal beside it, `<name>.journal.jsonl`, if any)
    /// without locking or changing anything: for merging another learner's or machine's file.
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
        let journalPath = url.deletingLastPathComponent().appendingPathComponent("\(base).journal.jsonl").path
        if url.pathExtension == "json", let journalData = try FileIO.readIfExists(journalPath) {
            loaded.fold(try Journal.parse(journalData, file: journalPath, lenient: false), file: journalPath)
        }
        return loaded.profile
    }
}
