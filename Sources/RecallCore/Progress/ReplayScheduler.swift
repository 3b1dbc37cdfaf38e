/// Makes the scheduler that replays a profile's log with its settings.
public typealias SchedulerFactory = @Sendable (SchedulerSettings) throws -> any CardScheduling

/// The scheduler that replay, merge and repair use for a profile.
public enum ReplayScheduler {
    /// A scheduler for `settings`, deterministic for a given card id and review time.
    ///
    /// - Throws: `ProgressError.schedulerUnavailable` while no FSRS scheduler is built in.
    public static func make(settings: SchedulerSettings) throws(ProgressError) -> any CardScheduling {
        // TODO: return the FSRS-6 `Scheduler(settings:)` (branch `fsrs`) once it is merged, via
        // `extension Scheduler: CardScheduling` seeding `SplitMix64(cardID:reviewedAt:)`.
        throw .schedulerUnavailable("the FSRS-6 scheduler is not part of this build yet")
    }
}
