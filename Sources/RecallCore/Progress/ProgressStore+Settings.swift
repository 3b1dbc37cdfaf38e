extension ProgressStore {
    /// Replaces the profile's scheduling settings (e.g. with fitted parameters) and saves.
    ///
    /// Card states are left as they are: they were computed with the old parameters, which is
    /// what happened; the next review of each card uses the new ones.
    /// - Throws: `ProgressError` if saving fails, in which case the settings are unchanged.
    public func updateSettings(_ settings: SchedulerSettings) throws(ProgressError) {
        let previous = profile.settings
        replaceSettings(settings)
        do {
            try save()
        } catch {
            replaceSettings(previous)
            throw error
        }
    }
}
