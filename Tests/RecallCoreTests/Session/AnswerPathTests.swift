import Foundation
import Testing

@testable import RecallCore

/// The per-answer path (record, then the next card) never asks the store for the log: its cost
/// must not grow with the learner's history. The store here fails the test if it is.
@Suite struct AnswerPathTests {
    @Test func answeringDoesNotReadTheLog() throws {
        let utc = TimeZone(secondsFromGMT: 0) ?? .current
        let start = Date(timeIntervalSince1970: 1_772_445_600)  // 2026-03-02 10:00 UTC
        let cards = (0..<60).map { index in
            Card(
                id: CardID(stored: "d:f\(index):typed"), deck: "d", kind: .typed,
                prompt: "Question \(index)?",
                answer: "Answer \(index)", facts: ["f\(index)"], source: "s", why: "", topic: "t",
                siblingKey: "d:f\(index)")
        }
        // A history: every other card reviewed over the past weeks, some due today.
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        var profile = Profile()
        for index in stride(from: 0, to: 60, by: 2) {
            for week in 0..<3 {
                let at = start - Double(30 - week * 7 - index % 5) * 86_400
                let review = Review(
                    cardID: cards[index].id, reviewedAt: at, rating: index % 6 == 0 ? .again : .good,
                    answer: "a", verdict: .correct, duration: 3)
                try profile.record(
                    review,
                    newState: scheduler.review(
                        profile.state(of: review.cardID, at: at), rating: review.rating,
                        at: at, cardID: review.cardID))
            }
        }
        let store = WatchedStore(profile)
        let session = StudySession(
            cards: cards, vocabulary: [], store: store, scheduler: scheduler,
            options: StudyOptions(newPerDay: 20, clock: StudyCalendar(timeZone: utc, rolloverHour: 4)),
            now: start)
        #expect(store.logQuestions > 0, "building the day's queue asks the log (so the guard can see it)")

        var now = start
        var answered = 0
        while let card = session.next(now: now), answered < 80 {
            store.answering = true
            let rating: Rating = answered % 4 == 0 ? .again : .good
            let grade = Grade(verdict: rating == .again ? .wrong : .correct, score: 1, expected: card.answer)
            try session.record(card, reply: card.answer, grade: grade, rating: rating, duration: 3, now: now)
            now += 30
            _ = session.next(now: now)
            store.answering = false
            answered += 1
        }
        #expect(answered > 30)
    }
}
