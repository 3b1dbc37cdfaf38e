import Foundation

extension FSRSOptimizer {
    /// Whether fitted parameters should replace the ones a learner already has, decided as Anki
    /// does: only when they predict the learner's own log better.
    public struct Verdict: Sendable, Equatable {
        public enum Choice: Sendable, Equatable {
            /// The fitted parameters predict the log better: offer them.
            case useFitted
            /// Too few reviews to fit: keep the current parameters.
            case tooFewReviews(minimum: Int)
            /// The fitted parameters are not better than the current ones on the log: keep them.
            case currentAreBetter
        }

        public var choice: Choice
        /// The current parameters' fit to the log.
        public var currentEvaluation: Evaluation
    }

    /// Compares `result` (from `fit(history)`) with the `current` parameters on the same history.
    public func verdict(for result: Result, current: [Double], on history: ReviewHistory) -> Verdict {
        let currentEvaluation: Evaluation
        if current == SchedulerSettings.defaultParameters {
            currentEvaluation = result.defaultEvaluation
        } else if current == result.parameters {
            currentEvaluation = result.fittedEvaluation
        } else {
            currentEvaluation = Evaluation.evaluate(
                current, on: TrainingSet(cards: TrainingSet.cards(from: history)))
        }
        if case .notEnoughReviews(let minimum) = result.outcome {
            return Verdict(choice: .tooFewReviews(minimum: minimum), currentEvaluation: currentEvaluation)
        }
        let better =
            result.fittedEvaluation.logLoss < currentEvaluation.logLoss && result.parameters != current
        return Verdict(choice: better ? .useFitted : .currentAreBetter, currentEvaluation: currentEvaluation)
    }
}
