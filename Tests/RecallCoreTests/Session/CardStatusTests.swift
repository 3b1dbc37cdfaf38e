import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// The one card status (`CardStatus`) and the counts the session derives from it: what buries
/// what, what is due, and what a session holds back and says so.
@Suite struct CardStatusTests {
    let folder: TemporaryFolder
    let utc = TimeZone(identifier: "UTC") ?? .current
    /// 2026-03-02 10:00 UTC.
    let morning = Date(timeIntervalSince1970: 1_772_445_600)
    var clock: StudyCalendar { StudyCalendar(timeZone: utc, rolloverHour: 4) }

    init() throws { folder = try TemporaryFolder() }

    /// `facts` facts with two cards each (forward and reverse), siblings by fact.
    func cards(facts: Int) -> [Card] {
        (0..<facts).flatMap { fact in
            ["forward", "reverse"].map { direction in
                Card(
                    id: CardID(stored: "d:f\(fact):\(direction)"), deck: "d", kind: .typed,
                    prompt: "Question \(fact) \(direction)?", answer: "Answer \(fact)",
                    accepted: ["Answer \(fact)"], facts: ["f\(fact)"], source: "s", why: "w", topic: "t",
                    siblingKey: "d:f\(fact)")
            }
        }
    }

    func store() throws -> ProgressStore { try ProgressStore.open(profile: "default", in: folder.url) }

    func review(_ store: ProgressStore, _ card: Card, _ rating: Rating, at date: Date) throws {
        try store.record(
            Review(
                id: "\(card.id)@\(date.timeIntervalSince1970)", cardID: card.id, reviewedAt: date,
                rating: rating,
                answer: "x", verdict: rating == .again ? .wrong : .correct, duration: 4),
            using: try Scheduler(settings: SchedulerSettings(enableFuzzing: false)))
    }

    func session(_ cards: [Card], store: ProgressStore, newPerDay: Int = 20, reviewLimit: Int = 200)
        throws -> StudySession
    {
        StudySession(
            cards: cards, vocabulary: [], store: store,
            scheduler: try Scheduler(settings: SchedulerSettings(enableFuzzing: false)),
            options: StudyOptions(newPerDay: newPerDay, reviewLimit: reviewLimit, clock: clock), now: morning)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// Days before `morning` of an Easy review of the forward card, and of the reverse card.
        let forward: Double?
        let reverse: Double?
        let suspended: Bool
        let buriedByHand: Bool
        /// The words `state:` matches for the reverse card.
        let words: Set<String>
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(
            name: "never answered", forward: nil, reverse: nil, suspended: false, buriedByHand: false,
            words: ["new"]),
        .init(
            name: "new, sibling answered today → buried", forward: 0.1, reverse: nil, suspended: false,
            buriedByHand: false, words: ["new", "buried"]),
        .init(
            name: "due after a break", forward: nil, reverse: 30, suspended: false, buriedByHand: false,
            words: ["review", "due"]),
        .init(
            name: "due, sibling answered today → buried, not due", forward: 0.1, reverse: 30,
            suspended: false, buriedByHand: false, words: ["review", "buried"]),
        .init(
            name: "not due: sibling answered today does not bury it", forward: 0.1, reverse: 1,
            suspended: false, buriedByHand: false, words: ["review"]),
        .init(
            name: "suspended and due → not due", forward: nil, reverse: 30, suspended: true,
            buriedByHand: false,
            words: ["review", "suspended"]),
        .init(
            name: "buried by hand → not due", forward: nil, reverse: 30, suspended: false, buriedByHand: true,
            words: ["review", "buried"]),
    ]

    @Test(arguments: cases) func statusWords(_ check: Case) throws {
        let cards = cards(facts: 1)
        let store = try store()
        defer { store.close() }
        if let days = check.reverse { try review(store, cards[1], .easy, at: morning - days * 86_400) }
        if let days = check.forward { try review(store, cards[0], .good, at: morning - days * 86_400) }
        var flags = store.profile.flags(of: cards[1].id)
        flags.isSuspended = check.suspended
        if check.buriedByHand { flags.buriedUntil = clock.endOfDay(containing: morning) }
        try store.setFlags(flags, for: cards[1].id)
        let board = CardStatusBoard(profile: store.profile, cards: cards, now: morning, days: clock)
        #expect(board.status(of: cards[1]).words == check.words)
        // Every view counts by the same status.
        let one = board.counts(of: [cards[1]])
        #expect(one.due == (check.words.contains("due") ? 1 : 0))
        #expect(one.buried == (check.words.contains("buried") ? 1 : 0))
        let counts = board.counts(of: cards)
        let session = try session(cards, store: store)
        #expect(session.counts(now: morning).due == counts.due)
        let query = try CardQuery("state:due")
        let context = CardQuery.Context(board: board, decks: [])
        #expect(cards.filter { query.matches($0, in: context) }.count == counts.due)
    }

    @Test func daysSinceWrong() throws {
        let cards = cards(facts: 2)
        let store = try store()
        defer { store.close() }
        try review(store, cards[0], .again, at: morning - 3 * 86_400)
        try review(store, cards[2], .again, at: morning - 3600)
        let board = CardStatusBoard(profile: store.profile, cards: cards, now: morning, days: clock)
        #expect(board.status(of: cards[0]).daysSinceWrong == 3)
        #expect(board.status(of: cards[2]).daysSinceWrong == 0)
        #expect(board.status(of: cards[1]).daysSinceWrong == nil)
    }

    @Test func bothDirectionsDueServeOneAndSayWhyTheOtherWaits() throws {
        // Both directions of 10 facts due after a break; a limit of 6.
        let cards = cards(facts: 10)
        let store = try store()
        defer { store.close() }
        for card in cards { try review(store, card, .easy, at: morning - 30 * 86_400) }
        let session = try session(cards, store: store, reviewLimit: 6)
        let counts = session.counts(now: morning)
        #expect(counts.due == 20)
        #expect(counts.review == 6, "the limit is served")
        #expect(counts.heldBack == StudySession.HeldBack(new: 0, reviews: 10, overLimit: 4))
        #expect(
            session.heldBackNotes() == [
                "10 due cards held back until tomorrow: another card of the same fact was answered today or comes first",
                "4 due cards wait for the next days: the daily limit is 6 reviews",
            ])
        var facts: [String] = []
        var now = morning
        while let card = session.next(now: now) {
            facts.append(card.siblingKey)
            try session.record(
                card, reply: card.answer, grade: session.grade(card.answer, for: card), rating: .good,
                duration: 6, now: now)
            now += 10
        }
        #expect(facts.count == 6)
        #expect(Set(facts).count == 6)
    }

    @Test func newCardsShortOfTheQuotaAreExplained() throws {
        // 3 facts: the forward card of each answered today, so only their reverse cards are new,
        // and they wait for tomorrow.
        let cards = cards(facts: 3)
        let store = try store()
        defer { store.close() }
        for index in [0, 2, 4] { try review(store, cards[index], .easy, at: morning - 3600) }
        let session = try session(cards, store: store, newPerDay: 10)
        #expect(session.counts(now: morning).new == 0)
        #expect(session.heldBack.new == 3)
        #expect(
            session.heldBackNotes() == [
                "3 new held back: another card of the same fact was answered today or comes first"
            ])
        #expect(session.next(now: morning) == nil)
    }

    @Test func aSiblingLeavingTheQueueIsReplacedFromTheBacklog() throws {
        // Undo puts a buried sibling back at the head of the queue; answering the first card
        // of the fact again takes the sibling out, and a card of another fact takes its place.
        let cards = cards(facts: 4)
        let store = try store()
        defer { store.close() }
        for card in cards { try review(store, card, .easy, at: morning - 30 * 86_400) }
        let session = try session(cards, store: store, reviewLimit: 2)
        #expect(session.queue.count == 2)
        let first = try #require(session.next(now: morning))
        session.queue.append(
            try #require(cards.first { $0.siblingKey == first.siblingKey && $0.id != first.id }))
        let backlog = session.backlog.count
        try session.record(
            first, reply: first.answer, grade: session.grade(first.answer, for: first), rating: .good,
            duration: 6, now: morning)
        #expect(session.queue.count == 2, "the sibling left and one card of the backlog came in")
        #expect(session.backlog.count == backlog - 1)
        #expect(Set(session.queue.cards.map(\.siblingKey)).count == 2)
        #expect(!session.queue.cards.contains { $0.siblingKey == first.siblingKey })
    }

    /// A card never answered that was given a due date (Anki's "Set due date" on a new card) is a
    /// review card to every view: the status, the counts, `state:` queries and the session, which
    /// asks it when due as a review (not a new card, not through the learning steps) and keeps it
    /// a review card after a Good, with the memory state the rating starts.
    @Test func aNewCardGivenADueDateIsAReviewCardEverywhere() throws {
        let cards = cards(facts: 1)
        let store = try store()
        defer { store.close() }
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        try store.record(
            [
                DueChange(
                    id: "anki:1", cardID: cards[0].id, changedAt: morning - 5 * 86_400, due: morning - 3_600)
            ],
            using: scheduler)
        try store.record(
            [
                DueChange(
                    id: "anki:2", cardID: cards[1].id, changedAt: morning - 5 * 86_400,
                    due: morning + 9 * 86_400)
            ],
            using: scheduler)
        let board = CardStatusBoard(profile: store.profile, cards: cards, now: morning, days: clock)
        #expect(board.status(of: cards[0]).phase == .review)
        #expect(board.status(of: cards[0]).isDue)
        #expect(board.status(of: cards[1]).phase == .review)
        #expect(!board.status(of: cards[1]).isDue)
        let counts = board.counts(of: cards)
        #expect(counts.new == 0 && counts.review == 2 && counts.due == 1)
        let context = CardQuery.Context(board: board, decks: [])
        let query = try CardQuery("state:new")
        #expect(!cards.contains { query.matches($0, in: context) })

        let session = try session(cards, store: store)
        #expect(session.counts(now: morning).new == 0)
        let card = try #require(session.next(now: morning))
        #expect(card.id == cards[0].id)
        let outcome = try session.record(
            card, reply: card.answer, grade: session.grade(card.answer, for: card), rating: .good,
            duration: 5,
            now: morning)
        #expect(outcome.state.phase == .review, "no learning steps")
        #expect(outcome.state.stability == scheduler.fsrs.initialStability(.good))
        #expect(outcome.state.due >= morning + 86_400)
        #expect(session.next(now: morning + 600) == nil, "the other is due in 9 days")
        #expect(store.profile.cardsDifferingFromReplay(using: scheduler).isEmpty)
    }
}
