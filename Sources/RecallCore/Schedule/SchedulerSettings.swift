public import Foundation

/// A profile's scheduling settings, with py-fsrs 6.3.2's defaults.
public struct SchedulerSettings: Sendable, Hashable, Codable {
    /// The 21 FSRS-6 parameters w0…w20.
    public var parameters: [Double]
    /// Target probability of recall when a card comes due (0 < r < 1).
    public var desiredRetention: Double
    /// Learning steps, in seconds.
    public var learningSteps: [TimeInterval]
    /// Relearning steps, in seconds.
    public var relearningSteps: [TimeInterval]
    /// The longest interval, in days.
    public var maximumInterval: Int
    /// Whether review intervals are fuzzed.
    public var enableFuzzing: Bool

    /// FSRS-6's default parameters, as py-fsrs 6.3.2 ships them.
    public static let defaultParameters: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]

    public init(
        parameters: [Double] = SchedulerSettings.defaultParameters,
        desiredRetention: Double = 0.9,
        learningSteps: [TimeInterval] = [60, 600],
        relearningSteps: [TimeInterval] = [600],
        maximumInterval: Int = 36500,
        enableFuzzing: Bool = true
    ) {
        self.parameters = parameters
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
        self.enableFuzzing = enableFuzzing
    }
}
