public import Foundation

extension ProgressStore {
    /// Reads a profile by name without locking or writing anything: for reports such as
    /// `recall stats`, which must work while a study session holds the profile.
    ///
    /// Folds the journal into the snapshot as `open` does (a profile may so far be a journal
    /// alone); an older schema is migrated in memory only.
    /// - Returns: nil if the profile has neither a snapshot nor a journal yet.
    /// - Throws: `ProgressError` if the name is invalid or a file does not parse.
    public static func peekProfile(
        named name: String, in directory: URL, defaultSettings: SchedulerSettings = SchedulerSettings()
    ) throws(ProgressError) -> Profile? {
        guard let files = try ProgressLocation.existingFiles(profile: name, in: directory) else { return nil }
        return try LoadedProfile.read(files: files, profileName: name, defaultSettings: defaultSettings)
            .profile
    }
}
