public import Foundation

/// Why scheduler settings were rejected.
public enum SchedulerError: LocalizedError, Equatable, Sendable {
    /// The parameter list does not hold exactly 21 numbers (the associated value is how many it holds).
    case wrongParameterCount(Int)
    /// Parameter `w[index]` lies outside `lower…upper` (or is not a number).
    case parameterOutOfBounds(index: Int, value: Double, lower: Double, upper: Double)
    /// The desired retention is not strictly between 0 and 1.
    case desiredRetentionOutOfRange(Double)
    /// A learning step is not a positive, finite duration of at most 100 years (seconds given).
    case invalidLearningStep(TimeInterval)
    /// A relearning step is not a positive, finite duration of at most 100 years (seconds given).
    case invalidRelearningStep(TimeInterval)
    /// The maximum interval is less than one day.
    case maximumIntervalTooShort(Int)

    public var errorDescription: String? {
        switch self {
        case .wrongParameterCount(let count):
            "expected \(FSRS.parameterCount) FSRS parameters, got \(count)"
        case .parameterOutOfBounds(let index, let value, let lower, let upper):
            "parameter w\(index) = \(value) is out of bounds; it must lie in \(lower)…\(upper)"
        case .desiredRetentionOutOfRange(let value):
            "desired retention \(value) must lie strictly between 0 and 1, e.g. 0.9"
        case .invalidLearningStep(let seconds):
            "learning step of \(seconds) s must be a positive duration of at most 100 years"
        case .invalidRelearningStep(let seconds):
            "relearning step of \(seconds) s must be a positive duration of at most 100 years"
        case .maximumIntervalTooShort(let days):
            "maximum interval of \(days) days must be at least 1 day"
        }
    }
}
