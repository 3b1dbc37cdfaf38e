import Foundation
import Testing

@testable import RecallCore

/// Taking back buries and suspensions, undo after a restart, the intervals the rating buttons
/// show, verdict-based summaries and the logged hints and overrides.
extension StudySessionTests {
    @Test func takeBackUndoesABuryThenTheAnswerBeforeIt() throws {
        let deck = cards(facts: 2).filter { $0.kind == .typed }
        let study = try session(deck, now: morning)
        try answer(study, deck[0], .good, at: morning)
        try study.bury(deck[1], now: morning)
        #expect(study.store.profile.flags(of: deck[1].id).buriedUntil != nil)
        #expect(try study.takeBack() == .flags(deck[1]))
        #expect(study.store.profile.flags(of: deck[1].id).buriedUntil == nil)
        #expect(try study.takeBack() == .answer(deck[0]))
        #expect(study.store.profile.reviews.isEmpty)
        #expect(try study.takeBack() == nil)
    }

    @Test func takeBackUndoesASuspension() throws {
        let deck = cards(facts: 1).filter { $0.kind == .typed }
        let study = try session(deck, now: morning)
        try study.suspend(deck[0])
        #expect(study.next(now: morning) == nil)
        #expect(try study.takeBack() == .flags(deck[0]))
        #expect(study.next(now: morning)?.id == deck[0].id)
        #expect(study.store.profile.flags(of: deck[0].id).isEmpty)
    }

    @Test func theIntervalsShownAreTheOnesSaved() throws {
        let deck = cards(facts: 1).filter { $0.kind == .typed }
        let study = try session(deck, now: morning)
        try answer(study, deck[0], .good, at: morning)
        let shown = try #require(study.nextIntervals())
        #expect(shown.map(\.rating) == Rating.allCases)
        for (rating, interval) in shown {
            let outcome = try #require(try study.rerate(rating: rating))
            #expect(outcome.state.due.timeIntervalSince(outcome.review.reviewedAt) == interval)
        }
    }

    @Test func overridesAreMarkedAndTheSummaryCountsVerdicts() throws {
        let deck = cards(facts: 1).filter { $0.kind == .typed }
        let study = try session(deck, now: morning)
        let wrong = study.grade("nonsense", for: deck[0])
        try study.record(
            deck[0], reply: "nonsense", grade: wrong, rating: .again, duration: 3, hints: 2, now: morning)
        let outcome = try #require(try study.rerate(rating: .good))
        #expect(outcome.review.overridden)
        #expect(outcome.review.verdict == .wrong)
        #expect(outcome.review.hints == 2)
        #expect(study.summary.correct == 0)
        #expect(study.summary.answered == 1)
        #expect(try #require(try study.rerate(rating: .again)).review.overridden == false)
    }

    @Test func aHintCapsEveryFormAtHard() throws {
        let choice = cards(facts: 1)[1]
        let study = try session([choice], now: morning)
        let right = Grade(verdict: .correct, score: 1, expected: "")
        #expect(study.suggestedRating(for: right, duration: 5, hintsUsed: 0, card: choice) == .good)
        #expect(study.suggestedRating(for: right, duration: 5, hintsUsed: 1, card: choice) == .hard)
    }

    @Test func afterARestartTheLastLoggedAnswerCanBeUndone() throws {
        let deck = cards(facts: 2).filter { $0.kind == .typed }
        do {
            let study = try session(deck, now: morning)
            try answer(study, deck[0], .good, at: morning)
            try answer(study, deck[0], .good, at: morning.addingTimeInterval(700))
            try answer(study, deck[1], .again, at: morning.addingTimeInterval(800))
            study.store.close()
        }
        let later = morning.addingTimeInterval(900)
        let study = try session(deck, now: later)
        let before = study.store.profile.states[deck[0].id]
        #expect(try study.undoLastLogged(now: later) == deck[1])
        #expect(study.store.profile.reviews.count == 2)
        #expect(study.store.profile.states[deck[1].id] == nil)
        #expect(study.store.profile.states[deck[0].id] == before)
        // Again: the answer before it (the REPL stops after one; see `Repl.undo`).
        #expect(try study.undoLastLogged(now: later) == deck[0])
        let replayed = study.store.profile.replayed(using: study.scheduler)
        #expect(replayed.states == study.store.profile.states, "the state is the replay of the log")
    }

    @Test func unsuspendAndUnburyChangeOnlyTheCardsThatWere() throws {
        let deck = cards(facts: 3).filter { $0.kind == .typed }
        let study = try session(deck, now: morning)
        try study.suspend(deck[0])
        try study.bury(deck[1], now: morning)
        #expect(try study.store.unsuspend(deck.map(\.id)) == 1)
        #expect(try study.store.unbury(deck.map(\.id), now: morning) == 1)
        #expect(deck.allSatisfy { study.store.profile.flags(of: $0.id).isEmpty })
    }
}
