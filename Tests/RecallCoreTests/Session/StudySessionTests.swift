import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

@Suite struct StudySessionTests {
    let folder: TemporaryFolder
    let utc = TimeZone(identifier: "UTC") ?? .current
    /// 2026-03-02 10:00 UTC.
    let morning = Date(timeIntervalSince1970: 1_772_445_600)

    init() throws { folder = try TemporaryFolder() }

    /// `facts` facts with two cards each (typed and choice), siblings by fact.
    func cards(facts: Int) -> [Card] {
        (0..<facts).flatMap { fact in
            ["typed", "choice"].map { template in
                Card(
                    id: CardID(stored: "d:f\(fact):\(template)"), deck: "d",
                    kind: template == "typed" ? .typed : .choice,
                    prompt: "Question \(fact) \(template)?", answer: "Answer \(fact)",
                    accepted: ["Answer \(fact)"],
                    choices: template == "choice" ? ["Answer \(fact)", "x", "y", "z"] : [],
                    answerIndex: template == "choice" ? 0 : nil, facts: ["f\(fact)"], source: "s", why: "w",
                    topic: "t", siblingKey: "d:f\(fact)")
            }
        }
    }

    func session(
        _ cards: [Card], newPerDay: Int = 20, reviewLimit: Int = 200, leech: Int = 8, now: Date
    ) throws -> StudySession {
        let store = try ProgressStore.open(profile: "default", in: folder.url)
        let settings = SchedulerSettings(enableFuzzing: false)
        return StudySession(
            cards: cards, vocabulary: [], store: store, scheduler: try Scheduler(settings: settings),
            options: StudyOptions(
                newPerDay: newPerDay, reviewLimit: reviewLimit,
                clock: StudyCalendar(timeZone: utc, rolloverHour: 4),
                leechThreshold: leech),
            now: now)
    }

    func answer(_ session: StudySession, _ card: Card, _ rating: Rating, at now: Date) throws {
        let reply = rating == .again ? "wrong" : card.answer
        try session.record(
            card, reply: reply, grade: session.grade(reply, for: card), rating: rating, duration: 6, now: now)
    }

    @Test func newCardsAreLimitedAndOnePerFact() throws {
        let study = try session(cards(facts: 30), newPerDay: 5, now: morning)
        #expect(study.remaining(now: morning).new == 5)
        var seen: [String] = []
        var now = morning
        while let card = study.next(now: now), seen.count < 20 {
            seen.append(card.id)
            try answer(study, card, .easy, at: now)
            now += 5
        }
        #expect(seen.count == 5)
        #expect(Set(seen.map { $0.split(separator: ":")[1] }).count == 5, "never two cards of one fact")
        #expect(study.store.profile.reviews.count == 5)
    }

    @Test func learningStepsBringACardBackWithinTheSession() throws {
        let study = try session(cards(facts: 1), now: morning)
        let card = try #require(study.next(now: morning))
        try answer(study, card, .good, at: morning)
        #expect(study.store.profile.states[card.id]?.phase == .learning)
        // Due in 10 minutes: shown early only when nothing else is left (learn-ahead of 20 minutes).
        #expect(study.next(now: morning + 30)?.id == card.id)
        try answer(study, card, .good, at: morning + 600)
        #expect(study.store.profile.states[card.id]?.phase == .review)
        #expect(study.next(now: morning + 601) == nil, "graduated and its sibling is buried for the day")
    }

    @Test func everyAnswerIsOnDiskBeforeTheNextCard() throws {
        let study = try session(cards(facts: 3), now: morning)
        let card = try #require(study.next(now: morning))
        try answer(study, card, .good, at: morning)
        let journal = try String(decoding: folder.read("default.journal.jsonl"), as: UTF8.self)
        #expect(journal.contains(card.id))
        #expect(journal.contains("\"answer\":\"Answer 0\""))
    }

    @Test func undoRestoresStateLogAndQueue() throws {
        let study = try session(cards(facts: 3), now: morning)
        let first = try #require(study.next(now: morning))
        let before = study.store.profile
        try answer(study, first, .again, at: morning)
        #expect(study.summary.answered == 1)
        let undone = try study.undo()
        #expect(undone?.id == first.id)
        #expect(study.store.profile == before)
        #expect(study.next(now: morning + 1)?.id == first.id)
        #expect(study.summary.answered == 0)
        #expect(try study.undo() == nil)
    }

    @Test func acceptRegradesAndRemembersTheSpelling() throws {
        let study = try session(cards(facts: 2), now: morning)
        let card = try #require(study.next(now: morning))
        let reply = "my own words"
        let grade = study.grade(reply, for: card)
        #expect(grade.verdict == .wrong)
        try study.record(card, reply: reply, grade: grade, rating: .again, duration: 3, now: morning)
        let outcome = try #require(
            try study.accept(reply, for: card, rating: .good, duration: 3, now: morning + 1))
        #expect(outcome.review.rating == .good)
        #expect(study.store.profile.reviews.map(\.rating) == [.good])
        #expect(study.store.profile.flags(of: card.id).aliases == [reply])
        #expect(study.grade("My own words", for: card).verdict == .correct)
    }

    @Test func aCardThatLapsesTooOftenBecomesALeech() throws {
        let cards = cards(facts: 1)
        let study = try session(cards, leech: 2, now: morning)
        let card = cards[0]
        var now = morning
        var leech = false
        for _ in 0..<12 where !leech {
            // Graduate, then forget once it is a review card.
            try answer(study, card, .easy, at: now)
            now += 86_400 * 20
            let state = try #require(study.store.profile.states[card.id])
            if state.phase == .review {
                let outcome = try study.record(
                    card, reply: "x", grade: study.grade("x", for: card), rating: .again, duration: 1,
                    now: now)
                leech = outcome.becameLeech
            }
            now += 86_400
        }
        #expect(leech)
        let flags = study.store.profile.flags(of: card.id)
        #expect(flags.isLeech && flags.isSuspended && flags.lapses == 2)
    }

    @Test func backlogTakesTheMostAtRiskFirstAndSpreadsTheRest() throws {
        let deck = cards(facts: 40).filter { $0.id.hasSuffix(":typed") }
        let study = try session(deck, newPerDay: 40, reviewLimit: 10, now: morning)
        var now = morning
        while let card = study.next(now: now) {
            try answer(study, card, .easy, at: now)
            now += 1
        }
        #expect(study.store.profile.states.count == 40)
        study.store.close()
        // A long break: everything is due; the day's limit takes the least retrievable first.
        let later = morning + 86_400 * 200
        let back = try session(deck, newPerDay: 0, reviewLimit: 10, now: later)
        #expect(back.remaining(now: later).review == 10)
        let shown = try #require(back.next(now: later))
        let r = { (id: String) in
            back.scheduler.retrievability(of: back.store.profile.states[id] ?? .new(at: later), at: later)
        }
        let lowest = back.store.profile.states.keys.map(r).min() ?? 1
        #expect(r(shown.id) == lowest)
    }

    @Test func theDayRollsOverAtFourInTheMorning() throws {
        let clock = StudyCalendar(timeZone: utc, rolloverHour: 4)
        let lateNight = Date(timeIntervalSince1970: 1_772_413_200)  // 2026-03-02 01:00 UTC
        // 03-01 04:00, then 03-02 04:00
        #expect(clock.startOfDay(containing: lateNight) == Date(timeIntervalSince1970: 1_772_337_600))
        #expect(clock.startOfDay(containing: morning) == Date(timeIntervalSince1970: 1_772_424_000))
        #expect(clock.days(from: lateNight, to: morning) == 1)
    }

    @Test func suggestedRatings() throws {
        let study = try session(cards(facts: 1), now: morning)
        let card = cards(facts: 1)[0]
        let right = Grade(verdict: .correct, score: 1, expected: "")
        #expect(
            study.suggestedRating(
                for: Grade(verdict: .wrong, score: 0, expected: ""), duration: 1, hintsUsed: 0, card: card)
                == .again)
        // Fast is not Easy: only the learner chooses Easy; the time rule only lowers.
        #expect(study.suggestedRating(for: right, duration: 2, hintsUsed: 0, card: card) == .good)
        #expect(study.suggestedRating(for: right, duration: 10, hintsUsed: 0, card: card) == .good)
        #expect(study.suggestedRating(for: right, duration: 60, hintsUsed: 0, card: card) == .hard)
        #expect(study.suggestedRating(for: right, duration: 2, hintsUsed: 1, card: card) == .hard)
        #expect(
            study.suggestedRating(
                for: Grade(verdict: .close, score: 1, expected: ""), duration: 8, hintsUsed: 0, card: card)
                == .hard)
    }

    @Test func interleavingSpreadsNewCards() {
        let reviews = cards(facts: 6).filter { $0.kind == .typed }
        let new = cards(facts: 2).filter { $0.kind == .choice }
        let order = StudySession.interleave(reviews: reviews, new: new).map { $0.kind == .choice ? "n" : "r" }
        #expect(order == ["r", "n", "r", "r", "r", "n", "r", "r"])
    }

    @Test func hintsRevealProgressively() throws {
        let card = cards(facts: 1)[0]
        #expect(Hint.reveal(card, level: 1) == "A_____ 0")
        #expect(Hint.reveal(card, level: 2) == "An____ 0")
        let choice = cards(facts: 1)[1]
        #expect(Hint.reveal(choice, level: 1) == "not b)")
        #expect(Hint.reveal(choice, level: 3) == nil)
    }

    @Test func anExamBringsReviewsForwardSoTheyAreFreshOnTheDay() throws {
        let deck = cards(facts: 5).filter { $0.kind == .typed }
        let reviewedAt = morning - 6 * 86_400
        let first = try session(deck, newPerDay: 0, now: reviewedAt)
        for card in deck { try answer(first, card, .easy, at: reviewedAt) }
        first.store.close()
        // Not due yet: without an exam there is nothing to review today.
        let everyday = try session(deck, newPerDay: 0, now: morning)
        #expect(everyday.remaining(now: morning).review == 0)
        everyday.store.close()
        // With an exam tomorrow, recall on that day would fall below the target: review them today.
        let store = try ProgressStore.open(profile: "default", in: folder.url)
        let exam = morning + 1.5 * 86_400
        let cramming = StudySession(
            cards: deck, vocabulary: [], store: store,
            scheduler: try Scheduler(settings: SchedulerSettings(enableFuzzing: false)),
            options: StudyOptions(
                newPerDay: 0, clock: StudyCalendar(timeZone: utc, rolloverHour: 4), exam: exam),
            now: morning)
        let plan = try #require(cramming.examPlan(now: morning))
        #expect(Set(plan.reviewEarlyToday) == Set(deck.map(\.id)))
        #expect(cramming.remaining(now: morning).review == deck.count)
        #expect(plan.predictedRetention > plan.retentionWithoutStudy)
        // After the exam, normal scheduling resumes.
        #expect(cramming.examPlan(now: exam + 1) == nil)
    }
}
