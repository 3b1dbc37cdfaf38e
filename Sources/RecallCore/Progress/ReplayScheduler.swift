/// Makes the scheduler that replays a profile's log with its settings.
public typealias SchedulerFactory = @Sendable (SchedulerSettings) throws -> any CardScheduling

/// The scheduler that replay, merge and repair use for a profile: FSRS-6.
public enum ReplayScheduler {
    /// The FSRS-6 scheduler for `settings`, deterministic for a given card id and review time.
    ///
    /// - Throws: `ProgressError.invalidSettings` if the settings are out of range.
    public static func make(settings: SchedulerSettings) throws(ProgressError) -> any CardScheduling {
        do {
            return try Scheduler(settings: settings)
        } catch {
            throw .invalidSettings(reason: error.localizedDescription)
        }
    }
}
