extension ProgressStore {
    /// Replaces the profile's scheduling settings (e.g. with fitted parameters), rebuilds every
    /// card's state by replaying the log with them, and saves.
    ///
    /// The log is the truth and states are a cache of replaying it with the profile's settings,
    /// so a change of settings is a change of that cache: afterwards the states are what
    /// `recall progress check` computes, and each card's next review uses the new parameters.
    /// - Throws: `ProgressError.invalidSettings` if the settings are out of range; `ProgressError`
    ///   if saving fails. In either case the profile is unchanged.
    public func updateSettings(_ settings: SchedulerSettings) throws(ProgressError) {
        let scheduler = try ReplayScheduler.make(settings: settings)
        try loadWholeLog()
        let previous = profile
        replaceSettings(settings)
        replaceProfileInMemory(profile.replayed(using: scheduler))
        do {
            try save()
        } catch {
            replaceProfileInMemory(previous)
            throw error
        }
    }
}
