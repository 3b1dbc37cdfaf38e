public import Foundation

/// FSRS-6 scheduling with learning and relearning steps, exactly as py-fsrs 6.3.2's `review_card`.
///
/// The scheduler is a value: the review time and the random generator used for fuzz are
/// parameters, so every schedule is reproducible.
public struct Scheduler: Sendable {
    /// The settings this scheduler was created with.
    public let settings: SchedulerSettings
    /// The memory model for the settings' parameters.
    public let fsrs: FSRS

    /// Steps in whole microseconds, the resolution of Python's `timedelta`.
    let learningSteps: [Int64]
    let relearningSteps: [Int64]
    /// `desired_retention ** (1 / DECAY) - 1`, which py-fsrs recomputes for every interval.
    let intervalScale: Double

    static let microsecondsPerDay: Int64 = 86_400_000_000
    /// The longest step accepted: 100 years.
    static let maximumStepSeconds: TimeInterval = 100 * 366 * 86_400

    /// Creates a scheduler after validating the settings.
    ///
    /// Beyond py-fsrs's own checks (21 parameters within bounds) it rejects a retention outside
    /// (0, 1), steps that are not positive and finite, and a maximum interval under one day.
    /// - Throws: `SchedulerError`.
    public init(settings: SchedulerSettings = SchedulerSettings()) throws(SchedulerError) {
        fsrs = try FSRS(parameters: settings.parameters)
        let retention = settings.desiredRetention
        guard retention > 0 && retention < 1 else {
            throw .desiredRetentionOutOfRange(retention)
        }
        guard settings.maximumInterval >= 1 else {
            throw .maximumIntervalTooShort(settings.maximumInterval)
        }
        learningSteps = try Self.microseconds(
            settings.learningSteps, invalid: SchedulerError.invalidLearningStep)
        relearningSteps = try Self.microseconds(
            settings.relearningSteps, invalid: SchedulerError.invalidRelearningStep)
        self.settings = settings
        intervalScale = fsrs.intervalScale(desiredRetention: retention)
    }

    private static func microseconds(
        _ steps: [TimeInterval], invalid: (TimeInterval) -> SchedulerError
    ) throws(SchedulerError) -> [Int64] {
        var result: [Int64] = []
        for seconds in steps {
            guard let micro = microseconds(seconds) else { throw invalid(seconds) }
            result.append(micro)
        }
        return result
    }

    /// A step in microseconds, rounded half to even as `timedelta` does; nil if not a valid step.
    private static func microseconds(_ seconds: TimeInterval) -> Int64? {
        guard seconds > 0 && seconds <= maximumStepSeconds else { return nil }
        return Int64((seconds * 1_000_000).rounded(.toNearestOrEven))
    }

    /// The probability that the card is recalled at `now`, counting whole elapsed days only;
    /// 0 for a card never reviewed.
    public func retrievability(of card: CardState, at now: Date) -> Double {
        guard let lastReview = card.lastReview, let stability = card.stability else { return 0 }
        return fsrs.retrievability(
            elapsedDays: elapsedDays(from: lastReview, to: now), stability: stability)
    }

    /// The interval in days for a stability: rounded half to even, within 1…maximum interval.
    public func interval(forStability stability: Double) -> Int {
        FSRS.interval(
            stability: stability, factor: fsrs.factor, scale: intervalScale,
            maximumInterval: settings.maximumInterval)
    }

    /// The days between two reviews as the settings count them: calendar days at the rollover
    /// hour when they have a day boundary (Anki), else whole 24-hour periods (py-fsrs).
    func elapsedDays(from start: Date, to end: Date) -> Int {
        guard let boundary = settings.dayBoundary else { return Self.wholeDays(from: start, to: end) }
        return boundary.day(of: end) - boundary.day(of: start)
    }

    /// Whole 24-hour periods from `start` to `end`, rounded down (negative if `end` is earlier),
    /// as Python's `timedelta.days`. The difference is first rounded to the microsecond.
    static func wholeDays(from start: Date, to end: Date) -> Int {
        let micro = ((end.timeIntervalSince(start)) * 1_000_000).rounded(.toNearestOrEven)
        let days = (micro / Double(microsecondsPerDay)).rounded(.down)
        guard !days.isNaN else { return 0 }
        return Int(min(max(days, -1e15), 1e15))
    }
}
