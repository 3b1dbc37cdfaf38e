public import Foundation

/// What a study session did, for the summary at its end.
public struct StudySummary: Sendable, Hashable {
    public var startedAt = Date(timeIntervalSince1970: 0)
    /// Answers given (each grading, learning steps included).
    public var answered = 0
    /// Answers whose verdict was not wrong (a wrong answer the learner rated as a pass still
    /// counts as wrong here: the summary counts verdicts, not ratings).
    public var correct = 0
    /// New cards seen for the first time.
    public var newLearned = 0

    public init() {}

    mutating func count(_ review: Review, wasNew: Bool) {
        answered += 1
        if review.verdict != .wrong { correct += 1 }
        if wasNew { newLearned += 1 }
    }

    mutating func uncount(_ review: Review, wasNew: Bool) {
        answered = max(0, answered - 1)
        if review.verdict != .wrong { correct = max(0, correct - 1) }
        if wasNew { newLearned = max(0, newLearned - 1) }
    }

    /// Share of answers not judged wrong, 0 to 1.
    public var correctShare: Double { answered == 0 ? 0 : Double(correct) / Double(answered) }
}

extension StudySession {
    /// Cards due by the end of tomorrow, and within the next seven days, as of `now`: every card
    /// not suspended whose schedule wants it by then, so what is still due today (buried, held
    /// back for a sibling, over the daily limit, or left when the session ended) counts too.
    public func upcoming(now: Date) -> (tomorrow: Int, week: Int) {
        let clock = options.clock
        let tomorrowEnd = clock.endOfDay(containing: clock.endOfDay(containing: now))
        var weekEnd = clock.endOfDay(containing: now)
        for _ in 0..<7 { weekEnd = clock.endOfDay(containing: weekEnd) }
        let board = statusBoard(now: now)
        var tomorrow = 0
        var week = 0
        for id in deckOrder {
            guard let card = cards[id] else { continue }
            let status = board.status(of: card)
            guard let due = status.due, !status.isSuspended else { continue }
            if due < tomorrowEnd { tomorrow += 1 }
            if due < weekEnd { week += 1 }
        }
        return (tomorrow, week)
    }

    /// Consecutive study days with at least one answer, up to today (or yesterday, if not yet today).
    public func streak(now: Date) -> Int {
        StatsReport.streak(
            activeDays: store.activeDays(calendar: options.clock), today: options.clock.day(of: now))
    }
}
