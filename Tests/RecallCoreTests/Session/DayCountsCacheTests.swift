import Foundation
import Testing

@testable import RecallCore

/// The REPL's prompt counts (`DayCountsCache`) are a new session's counts, at every moment, while
/// costing no pass over the review log: the store here shows a profile WITHOUT its log, so a
/// count that scanned `profile.reviews` would miss today's answers and come out different.
@Suite struct DayCountsCacheTests {
    static let utc = TimeZone(secondsFromGMT: 0) ?? .current
    static let start = Date(timeIntervalSince1970: 1_772_445_600)  // 2026-03-02 10:00 UTC
    static let options = StudyOptions(
        newPerDay: 5, reviewLimit: 200, clock: StudyCalendar(timeZone: utc, rolloverHour: 4))

    /// Two cards (forward, reverse) per fact, so answering one buries its sibling for the day.
    static let cards: [Card] = (0..<30).flatMap { index in
        ["forward", "reverse"].map { direction in
            Card(
                id: CardID(stored: "d:f\(index):\(direction)"), deck: "d", kind: .typed,
                prompt: "Question \(index) \(direction)?", answer: "Answer \(index)", facts: ["f\(index)"],
                source: "s", why: "", topic: "t", siblingKey: "d:f\(index)")
        }
    }

    /// Forward cards of the first 20 facts reviewed over the past weeks (some wrongly, some due
    /// today), and two of them answered earlier today.
    static func history(_ scheduler: Scheduler) throws -> Profile {
        var profile = Profile()
        func answer(_ card: Card, at time: Date, _ rating: Rating) throws {
            let review = Review(
                cardID: card.id, reviewedAt: time, rating: rating, answer: "a",
                verdict: rating == .again ? .wrong : .correct, duration: 3)
            try profile.record(
                review,
                newState: scheduler.review(
                    profile.state(of: card.id, at: time), rating: rating, at: time, cardID: card.id))
        }
        for index in 0..<20 {
            for week in 0..<3 {
                try answer(
                    cards[2 * index], at: start - Double(30 - week * 7 - index % 5) * 86_400,
                    index % 4 == 0 && week == 2 ? .again : .good)
            }
        }
        try answer(cards[2], at: start - 3600, .good)
        try answer(cards[6], at: start - 1800, .again)
        return profile
    }

    /// What a new session counts from the whole profile, log included (the one definition).
    static func reference(_ profile: Profile, _ scheduler: Scheduler, now: Date) -> StudySession.DayCounts {
        StudySession(
            cards: cards, vocabulary: [], store: InMemoryProfileStore(profile: profile), scheduler: scheduler,
            options: options, now: now
        ).counts(now: now)
    }

    @Test func aPromptAfterAnAnswerCountsFromTheIndexNotTheLog() throws {
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        let watched = WatchedStore(try Self.history(scheduler), hidingLog: true)
        let store = ChangeTrackingStore(watched)
        let cache = DayCountsCache(cards: Self.cards, decks: [], store: store, scheduler: scheduler)
        #expect(
            cache.counts(deck: nil, options: Self.options, now: Self.start)
                == Self.reference(watched.inner.profile, scheduler, now: Self.start))

        // Nothing changed: the next prompt asks the store nothing at all.
        let asked = watched.logQuestions
        _ = cache.counts(deck: nil, options: Self.options, now: Self.start + 5)
        #expect(watched.logQuestions == asked)

        // An answer (wrong, so `wrong:today` changes too), then the prompt.
        let session = StudySession(
            cards: Self.cards, vocabulary: [], store: store, scheduler: scheduler, options: Self.options,
            now: Self.start)
        let card = try #require(session.next(now: Self.start + 10))
        try session.record(
            card, reply: "no", grade: Grade(verdict: .wrong, score: 0, expected: card.answer), rating: .again,
            duration: 3, now: Self.start + 10)
        let now = Self.start + 20
        let counts = cache.counts(deck: nil, options: Self.options, now: now)
        #expect(counts == Self.reference(watched.inner.profile, scheduler, now: now))

        // The card statuses the queries read agree with the log-scanning board, card by card.
        let indexed = CardStatusBoard(store: store, cards: Self.cards, now: now, days: Self.options.clock)
        let scanned = CardStatusBoard(
            profile: watched.inner.profile, cards: Self.cards, now: now, days: Self.options.clock)
        for each in Self.cards { #expect(indexed.status(of: each) == scanned.status(of: each)) }
        #expect(indexed.status(of: card).daysSinceWrong == 0)
        #expect(indexed.counts(of: Self.cards) == scanned.counts(of: Self.cards))
    }

    @Test func countsFollowAnAnswerABuryAndTheRollover() throws {
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        let watched = WatchedStore(try Self.history(scheduler), hidingLog: true)
        let store = ChangeTrackingStore(watched)
        let cache = DayCountsCache(cards: Self.cards, decks: [], store: store, scheduler: scheduler)
        let session = StudySession(
            cards: Self.cards, vocabulary: [], store: store, scheduler: scheduler, options: Self.options,
            now: Self.start)
        var now = Self.start
        func prompt() -> StudySession.DayCounts {
            let counts = cache.counts(deck: nil, options: Self.options, now: now)
            #expect(counts == Self.reference(watched.inner.profile, scheduler, now: now))
            return counts
        }
        let before = prompt()
        #expect(before.left > 2)

        // An answer: one card fewer left.
        let answered = try #require(session.next(now: now))
        try session.record(
            answered, reply: answered.answer,
            grade: Grade(verdict: .correct, score: 1, expected: answered.answer), rating: .good, duration: 3,
            now: now)
        now += 60
        let afterAnswer = prompt()
        #expect(afterAnswer != before)
        #expect(afterAnswer.left < before.left)

        // A bury: one more buried (and no more left: a buried new card is replaced by another).
        let buried = try #require(session.next(now: now))
        try session.bury(buried, now: now)
        now += 60
        let afterBury = prompt()
        #expect(afterBury.buried == afterAnswer.buried + 1)
        #expect(afterBury.left <= afterAnswer.left)

        // A burial that ends mid-day (as an imported one may), with no change to the profile after it.
        var flags = store.profile.flags(of: Self.cards[59].id)
        flags.buriedUntil = now + 3600
        try store.setFlags(flags, for: Self.cards[59].id)
        let whileBuried = prompt()
        #expect(whileBuried.buried == afterBury.buried + 1)
        now += 7200
        #expect(prompt().buried == afterBury.buried)

        // The rollover (04:00 the next day): today's buries and siblings are back.
        now = Self.options.clock.endOfDay(containing: now) + 60
        let tomorrow = prompt()
        #expect(tomorrow.buried == 0)
        #expect(tomorrow != afterBury)
    }
}
