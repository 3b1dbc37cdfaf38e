/// fsrs-rs's parameter clamps (parameter_clipper.rs), applied after every optimizer step.
///
/// They are py-fsrs's bounds (`FSRS.lowerBounds`/`upperBounds`) except that w19 ≥ 0.01 (short-term
/// on) and w17, w18 ≤ 2 (the ceiling for one relearning step), so clipped parameters always
/// make a valid `Scheduler`.
package enum ParameterClipper {
    public static let lowerBounds: [Double] = {
        var bounds = FSRS.lowerBounds
        bounds[19] = 0.01
        return bounds
    }()

    public static let upperBounds: [Double] = FSRS.upperBounds

    /// Each parameter clamped to its bounds (a NaN becomes the lower bound).
    public static func clip(_ parameters: [Double]) -> [Double] {
        parameters.enumerated().map { index, value in
            guard !value.isNaN else { return lowerBounds[index] }
            return min(max(value, lowerBounds[index]), upperBounds[index])
        }
    }
}
