public import Foundation

extension Scheduler {
    /// What comes after a review: a number of days (review state) or a sub-day step.
    enum Interval: Equatable {
        case days(Int)
        case microseconds(Int64)
    }

    /// Reviews a card: updates stability and difficulty, moves it through the learning,
    /// review and relearning states, and sets its due time (fuzzed in review if enabled).
    ///
    /// Follows py-fsrs 6.3.2's `review_card` rule by rule. Data that py-fsrs would reject by
    /// assertion is read leniently instead: a card with no stability or difficulty is treated as
    /// new, a missing or negative step as step 0.
    /// - Parameter rng: draws one `Double` in [0, 1) when an interval of 3 days or more is fuzzed.
    public func review(
        _ card: CardState, rating: Rating, at now: Date, using rng: inout some RandomNumberGenerator
    ) -> CardState {
        var next = card
        let (stability, difficulty) = memory(after: card, rating: rating, at: now)
        next.stability = stability
        next.difficulty = difficulty

        let move = self.move(from: card.phase, step: card.step, rating: rating)
        next.phase = move.phase
        next.step = move.step
        let interval: Interval =
            switch move.wait {
            case .interval: .days(self.interval(forStability: stability))
            case .step(let micro): .microseconds(micro)
            }

        switch interval {
        case .days(var days):
            if settings.enableFuzzing && next.phase == .review {
                days = fuzzedInterval(days, using: &rng)
            }
            next.due = now.addingTimeInterval(Double(days) * 86_400)
        case .microseconds(let micro):
            next.due = now.addingTimeInterval(Double(micro) / 1_000_000)
        }
        next.lastReview = now
        return next
    }

    /// Reviews a card with any fuzz drawn from `SplitMix64(cardID:reviewedAt:)`, so that replaying
    /// the same review of the same card always gives the same due date.
    public func review(_ card: CardState, id cardID: String, rating: Rating, at now: Date) -> CardState {
        var rng = SplitMix64(cardID: cardID, reviewedAt: now)
        return review(card, rating: rating, at: now, using: &rng)
    }

    /// The new stability and difficulty: initial values for a new card, the short-term formula
    /// within a day of the last review (or without one), the long-term formulas otherwise (in
    /// every state).
    func memory(after card: CardState, rating: Rating, at now: Date) -> (
        stability: Double, difficulty: Double
    ) {
        guard let stability = card.stability, let difficulty = card.difficulty else {
            return (fsrs.initialStability(rating), fsrs.initialDifficulty(rating))
        }
        // A card with a memory state but no answer yet (inferred from Anki's SM-2 fields) counts
        // 0 days elapsed, as Anki does when the log has no answer to count from.
        if card.lastReview.map({ elapsedDays(from: $0, to: now) < 1 }) ?? true {
            return (
                fsrs.shortTermStability(stability, rating: rating),
                fsrs.nextDifficulty(difficulty, rating: rating)
            )
        }
        let retrievability = retrievability(of: card, at: now)
        return (
            fsrs.nextStability(
                stability, difficulty: difficulty, retrievability: retrievability, rating: rating),
            fsrs.nextDifficulty(difficulty, rating: rating)
        )
    }

    /// How long a card waits after a review: a (re)learning step, or the interval its new
    /// stability gives (it is, or has graduated to, the Review phase).
    enum Wait: Equatable {
        case interval
        case step(microseconds: Int64)
    }

    /// The phase and step a review moves a card to, and how long it then waits: the learning,
    /// review and relearning state machine, which depends on neither stability nor difficulty (so
    /// the statistics follow phases without the memory model).
    func move(from phase: CardState.Phase, step: Int?, rating: Rating) -> (
        phase: CardState.Phase, step: Int?, wait: Wait
    ) {
        switch phase {
        case .learning:
            stepping(learningSteps, phase: .learning, step: step, rating: rating)
        case .relearning:
            stepping(relearningSteps, phase: .relearning, step: step, rating: rating)
        case .review:
            if rating == .again, let first = relearningSteps.first {
                (.relearning, 0, .step(microseconds: first))
            } else {
                (.review, nil, .interval)
            }
        }
    }

    /// The learning or relearning state machine (py-fsrs L306–363 and L443–494).
    private func stepping(_ steps: [Int64], phase: CardState.Phase, step: Int?, rating: Rating) -> (
        CardState.Phase, Int?, Wait
    ) {
        let graduate: (CardState.Phase, Int?, Wait) = (.review, nil, .interval)
        let step = max(step ?? 0, 0)
        // No steps at all graduates even on Again; a step beyond the list (the card was scheduled
        // with more steps than these settings have) graduates on anything but Again.
        if steps.isEmpty || (step >= steps.count && rating != .again) {
            return graduate
        }
        switch rating {
        case .again:
            return (phase, 0, .step(microseconds: steps[0]))
        case .hard:
            if step == 0 && steps.count == 1 {
                return (phase, step, .step(microseconds: Self.divideRoundingHalfEven(steps[0] * 3, by: 2)))
            } else if step == 0 {
                return (
                    phase, step, .step(microseconds: Self.divideRoundingHalfEven(steps[0] + steps[1], by: 2))
                )
            }
            return (phase, step, .step(microseconds: steps[step]))
        case .good:
            if step + 1 == steps.count {
                return graduate
            }
            return (phase, step + 1, .step(microseconds: steps[step + 1]))
        case .easy:
            return graduate
        }
    }

    /// `numerator / denominator` rounded half to even, as `timedelta` multiplies and divides.
    static func divideRoundingHalfEven(_ numerator: Int64, by denominator: Int64) -> Int64 {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        let twice = 2 * remainder.magnitude
        if twice > denominator.magnitude || (twice == denominator.magnitude && quotient % 2 != 0) {
            return quotient + ((numerator < 0) != (denominator < 0) ? -1 : 1)
        }
        return quotient
    }
}
