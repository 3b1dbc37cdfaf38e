import Foundation

/// The FSRS-6 memory model: pure formulas over stability, difficulty and retrievability.
///
/// Every formula follows py-fsrs 6.3.2 (`fsrs/scheduler.py`) operation by operation, including
/// its left-to-right order of multiplication and `math.e ** x` (computed here as `pow(e, x)`,
/// not `exp(x)`), so that results agree with the reference to the last bit where the platform's
/// `pow` is the one CPython calls.
public struct FSRS: Sendable, Hashable {
    /// How many parameters FSRS-6 has: w0…w20.
    public static let parameterCount = 21

    /// The smallest value each parameter may take (inclusive), as py-fsrs checks them.
    public static let lowerBounds: [Double] = [
        0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ]

    /// The largest value each parameter may take (inclusive), as py-fsrs checks them.
    public static let upperBounds: [Double] = [
        100, 100, 100, 100, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
    ]

    /// Stability never drops below this many days.
    public static let minimumStability = 0.001
    /// Difficulty is kept within this range.
    public static let difficultyRange: ClosedRange<Double> = 1.0...10.0

    /// Python's `math.e`, the double nearest to e; py-fsrs raises it to powers with `**`.
    static let e = 2.718281828459045

    /// The parameters w0…w20.
    public let parameters: [Double]
    /// The forgetting curve's exponent, `-w20`.
    public let decay: Double
    /// Chosen so that retrievability is 0.9 when the elapsed time equals the stability.
    public let factor: Double

    // Subexpressions that depend on the parameters alone, computed once exactly as py-fsrs
    // computes them on every call (same operations, so the same bits).
    private let recallScale: Double
    private let easyInitialDifficulty: Double
    private let shortTermForgetDivisor: Double

    /// Creates the model after checking that there are 21 parameters, each within its bounds.
    ///
    /// - Throws: `SchedulerError.wrongParameterCount` or `.parameterOutOfBounds` (the first one found).
    public init(parameters: [Double]) throws(SchedulerError) {
        guard parameters.count == Self.parameterCount else {
            throw .wrongParameterCount(parameters.count)
        }
        for (index, value) in parameters.enumerated() {
            let lower = Self.lowerBounds[index]
            let upper = Self.upperBounds[index]
            // Written so that NaN fails too.
            guard lower <= value && value <= upper else {
                throw .parameterOutOfBounds(index: index, value: value, lower: lower, upper: upper)
            }
        }
        self.init(validated: parameters)
    }

    private init(validated parameters: [Double]) {
        self.parameters = parameters
        decay = -parameters[20]
        factor = pow(0.9, 1 / decay) - 1
        recallScale = pow(Self.e, parameters[8])
        easyInitialDifficulty =
            parameters[4] - pow(Self.e, parameters[5] * Double(Rating.easy.rawValue - 1)) + 1
        shortTermForgetDivisor = pow(Self.e, parameters[17] * parameters[18])
    }

    /// The model with FSRS-6's default parameters (constants inside their bounds; `FSRSTests` checks).
    public static let standard = FSRS(validated: SchedulerSettings.defaultParameters)

    /// The probability of recall after `elapsedDays` whole days at the given stability.
    public func retrievability(elapsedDays: Int, stability: Double) -> Double {
        pow(1 + factor * Double(max(0, elapsedDays)) / stability, decay)
    }

    /// The stability after the first review, `max(w[G-1], 0.001)`.
    public func initialStability(_ rating: Rating) -> Double {
        max(parameters[rating.rawValue - 1], Self.minimumStability)
    }

    /// The memory state Anki infers for a card without review history from its SM-2 ease and
    /// interval (fsrs-rs `memory_state_from_sm2`): the stability that reaches `retention` after
    /// `interval` days, and the difficulty that ease implies; nil when either is not finite.
    public func memory(fromEase ease: Double, interval: Double, retention: Double) -> (
        stability: Double, difficulty: Double
    )? {
        let stability = max(interval, Self.minimumStability) * factor / (pow(retention, 1 / decay) - 1)
        let difficulty =
            11 - (ease - 1)
            / (pow(Self.e, parameters[8]) * pow(stability, -parameters[9])
                * expm1((1 - retention) * parameters[10]))
        guard stability.isFinite, difficulty.isFinite else { return nil }
        return (stability, min(max(difficulty, 1), 10))
    }

    /// The difficulty after the first review, `w4 - e^(w5·(G-1)) + 1`, clamped to 1…10 if asked.
    public func initialDifficulty(_ rating: Rating, clamped: Bool = true) -> Double {
        let value = parameters[4] - pow(Self.e, parameters[5] * Double(rating.rawValue - 1)) + 1
        return clamped ? Self.clampDifficulty(value) : value
    }

    /// The difficulty after a review: linear damping towards 10, mean reversion towards the
    /// unclamped initial difficulty for Easy, then clamping to 1…10.
    public func nextDifficulty(_ difficulty: Double, rating: Rating) -> Double {
        let delta = -(parameters[6] * Double(rating.rawValue - 3))
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0
        let reverted = parameters[7] * easyInitialDifficulty + (1 - parameters[7]) * damped
        return Self.clampDifficulty(reverted)
    }

    /// The stability after a review a day or more after the last, given the retrievability then.
    public func nextStability(
        _ stability: Double, difficulty: Double, retrievability: Double, rating: Rating
    ) -> Double {
        let next =
            rating == .again
            ? forgetStability(stability, difficulty: difficulty, retrievability: retrievability)
            : recallStability(
                stability, difficulty: difficulty, retrievability: retrievability, rating: rating)
        return max(next, Self.minimumStability)
    }

    /// The stability after a successful long-term review (Hard, Good or Easy), before the floor.
    public func recallStability(
        _ stability: Double, difficulty: Double, retrievability: Double, rating: Rating
    ) -> Double {
        let hardPenalty = rating == .hard ? parameters[15] : 1
        let easyBonus = rating == .easy ? parameters[16] : 1
        let growth =
            recallScale * (11 - difficulty) * pow(stability, -parameters[9])
            * (pow(Self.e, (1 - retrievability) * parameters[10]) - 1) * hardPenalty * easyBonus
        return stability * (1 + growth)
    }

    /// The stability after a lapse (Again) a day or more after the last review, before the floor.
    public func forgetStability(_ stability: Double, difficulty: Double, retrievability: Double) -> Double {
        let longTerm =
            parameters[11] * pow(difficulty, -parameters[12]) * (pow(stability + 1, parameters[13]) - 1)
            * pow(Self.e, (1 - retrievability) * parameters[14])
        let shortTerm = stability / shortTermForgetDivisor
        return min(longTerm, shortTerm)
    }

    /// The stability after a review less than a whole day after the last one.
    ///
    /// For Hard, Good and Easy the increase is at least 1 (py-fsrs 6.3.2; 6.3.1 exempted Hard).
    public func shortTermStability(_ stability: Double, rating: Rating) -> Double {
        var increase =
            pow(Self.e, parameters[17] * (Double(rating.rawValue - 3) + parameters[18]))
            * pow(stability, -parameters[19])
        if rating != .again {
            increase = max(increase, 1.0)
        }
        return max(stability * increase, Self.minimumStability)
    }

    /// The factor `r^(1/decay) - 1` by which `stability / factor` becomes an interval in days.
    public func intervalScale(desiredRetention: Double) -> Double {
        pow(desiredRetention, 1 / decay) - 1
    }

    /// The interval in whole days at which retrievability falls to the desired retention:
    /// rounded half to even (like Python's `round`), at least 1, at most `maximumInterval`.
    public func interval(stability: Double, desiredRetention: Double, maximumInterval: Int) -> Int {
        Self.interval(
            stability: stability, factor: factor, scale: intervalScale(desiredRetention: desiredRetention),
            maximumInterval: maximumInterval)
    }

    static func interval(stability: Double, factor: Double, scale: Double, maximumInterval: Int) -> Int {
        let days = Self.roundHalfEven(stability / factor * scale)
        return min(max(days, 1), maximumInterval)
    }

    static func clampDifficulty(_ value: Double) -> Double {
        min(max(value, difficultyRange.lowerBound), difficultyRange.upperBound)
    }

    /// Python's `round(x)` for a float: to the nearest integer, ties to even.
    /// Values beyond ±2^62 (and NaN, as 0) are clamped rather than trapping.
    static func roundHalfEven(_ value: Double) -> Int {
        let rounded = value.rounded(.toNearestOrEven)
        guard !rounded.isNaN else { return 0 }
        let limit = 4.611686018427388e18  // 2^62
        return Int(min(max(rounded, -limit), limit))
    }
}
