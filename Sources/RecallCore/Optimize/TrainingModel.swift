/// FSRS-6 as fsrs-rs trains it (`model.rs`), generic over the number type so that the same code
/// gives the loss (`Double`) and its exact gradient (`Dual`).
///
/// The formulas are py-fsrs's (`FSRS`), with fsrs-rs's training conventions: stability is kept
/// within 0.001…36500 days, the short-term formula applies when a review is 0 whole days after
/// the previous one, and the state starts from the first rating.
struct TrainingModel<T: ModelScalar>: Sendable {
    static var minimumStability: Double { 0.001 }
    static var maximumStability: Double { 36500 }

    let w: [T]
    let decay: T
    let factor: T
    private let easyInitialDifficulty: T
    private let shortTermForgetDivisor: T
    // Subexpressions of the parameters alone, computed once per batch rather than per review.
    private let recallScale: T
    private let negatedW9: T
    private let negatedW12: T
    private let negatedW19: T
    /// `e^(w17·(G-3+w18))` for G = 1…4 (index G-1).
    private let shortTermScale: [T]
    /// `-w6·(G-3)/9` for G = 1…4 (index G-1).
    private let difficultyStep: [T]

    init(_ w: [T]) {
        self.w = w
        decay = T(0) - w[20]
        factor = T(0.9).raised(to: T(1) / decay) + (-1)
        easyInitialDifficulty = Self.initialDifficulty(w, rating: 4)
        shortTermForgetDivisor = (w[17] * w[18]).exponential()
        recallScale = w[8].exponential()
        negatedW9 = T(0) - w[9]
        negatedW12 = T(0) - w[12]
        negatedW19 = T(0) - w[19]
        shortTermScale = (1...4).map { rating in (w[17] * (w[18] + Double(rating - 3))).exponential() }
        difficultyStep = (1...4).map { rating in w[6] * (-Double(rating - 3) / 9) }
    }

    private static func initialDifficulty(_ w: [T], rating: Int) -> T {
        w[4] - (w[5] * Double(rating - 1)).exponential() + 1
    }

    /// The memory state after a card's first review.
    func initialState(rating: Int) -> (stability: T, difficulty: T) {
        (
            w[rating - 1].clamped(Self.minimumStability, Self.maximumStability),
            Self.initialDifficulty(w, rating: rating).clamped(1, 10)
        )
    }

    /// Retrievability `elapsedDays` whole days after a review that left `stability`.
    func retrievability(elapsedDays: Int, stability: T) -> T {
        (T(Double(elapsedDays)) / stability * factor + 1).raised(to: decay)
    }

    /// The state after a review `elapsedDays` whole days after the previous one.
    func next(
        stability: T, difficulty: T, elapsedDays: Int, rating: Int
    ) -> (stability: T, difficulty: T) {
        let newStability: T
        if elapsedDays <= 0 {
            var increase = shortTermScale[rating - 1] * stability.raised(to: negatedW19)
            if rating >= 2 { increase = T.maximum(increase, T(1)) }
            newStability = stability * increase
        } else {
            let r = retrievability(elapsedDays: elapsedDays, stability: stability)
            if rating == 1 {
                let longTerm =
                    w[11] * difficulty.raised(to: negatedW12)
                    * ((stability + 1).raised(to: w[13]) + (-1))
                    * ((T(1) - r) * w[14]).exponential()
                newStability = T.minimum(longTerm, stability / shortTermForgetDivisor)
            } else {
                var growth =
                    recallScale * (T(11) - difficulty) * stability.raised(to: negatedW9)
                    * (((T(1) - r) * w[10]).exponential() + (-1))
                if rating == 2 { growth = growth * w[15] }
                if rating == 4 { growth = growth * w[16] }
                newStability = stability * (growth + 1)
            }
        }
        let damped = difficulty + (T(10) - difficulty) * difficultyStep[rating - 1]
        let reverted = w[7] * (easyInitialDifficulty - damped) + damped
        return (
            newStability.clamped(Self.minimumStability, Self.maximumStability),
            reverted.clamped(1, 10)
        )
    }
}
