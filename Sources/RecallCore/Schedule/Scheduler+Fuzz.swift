extension Scheduler {
    /// py-fsrs's fuzz ranges: from `start` days to `end` days the window widens by `factor` per day.
    static let fuzzRanges: [(start: Double, end: Double, factor: Double)] = [
        (2.5, 7.0, 0.15),
        (7.0, 20.0, 0.10),
        (20.0, .infinity, 0.05),
    ]

    /// The range py-fsrs draws a fuzzed interval from, `min_ivl…max_ivl`; nil when an interval
    /// under 2.5 days is not fuzzed.
    ///
    /// Because the draw is rounded, the result can be `max_ivl + 1` (capped by the maximum
    /// interval); see `fuzzWindow(forDays:)`.
    public func fuzzRange(forDays days: Int) -> ClosedRange<Int>? {
        let ivl = Double(days)
        guard ivl >= 2.5 else { return nil }
        var delta = 1.0
        for range in Self.fuzzRanges {
            delta += range.factor * max(min(ivl, range.end) - range.start, 0.0)
        }
        let upper = min(FSRS.roundHalfEven(ivl + delta), settings.maximumInterval)
        let lower = min(max(2, FSRS.roundHalfEven(ivl - delta)), upper)
        return lower...upper
    }

    /// Every interval fuzz can produce for an interval of `days`: `min_ivl…max_ivl + 1`, capped
    /// by the maximum interval (just `days` when it is not fuzzed).
    public func fuzzWindow(forDays days: Int) -> ClosedRange<Int> {
        guard let range = fuzzRange(forDays: days) else { return days...days }
        return range.lowerBound...max(range.lowerBound, min(range.upperBound + 1, settings.maximumInterval))
    }

    /// The fuzzed interval: `round(u · (max - min + 1) + min)` for one uniform `u` in [0, 1),
    /// capped by the maximum interval, exactly as py-fsrs computes it.
    func fuzzedInterval(_ days: Int, using rng: inout some RandomNumberGenerator) -> Int {
        guard let range = fuzzRange(forDays: days) else { return days }
        let unit = Self.unitInterval(using: &rng)
        let width = Double(range.upperBound - range.lowerBound + 1)
        return min(FSRS.roundHalfEven(unit * width + Double(range.lowerBound)), settings.maximumInterval)
    }

    /// A uniform `Double` in [0, 1) from the top 53 bits of one 64-bit draw (stable across Swift
    /// versions, unlike `Double.random(in:using:)`, whose algorithm is not specified).
    static func unitInterval(using rng: inout some RandomNumberGenerator) -> Double {
        Double(rng.next() >> 11) * 0x1p-53
    }
}
