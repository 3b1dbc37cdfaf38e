import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// The prompt's counts kept up to date change by change (`DayCountsCache` recounting only the
/// facts of the cards a change touched) equal, after every step of random sequences of answers,
/// undos, rerates, buries, suspensions, flags, settings changes and day changes on an injected
/// clock, what a new session counts from scratch (`StudySession(…).counts(now:)`, the one
/// definition) — through the in-memory store and the real `ProgressStore`.
@Suite struct DayTallyTests {
    static let utc = TimeZone(secondsFromGMT: 0) ?? .current
    static let start = Date(timeIntervalSince1970: 1_772_445_600)  // 2026-03-02 10:00 UTC
    static let options = StudyOptions(
        newPerDay: 4, reviewLimit: 6, clock: StudyCalendar(timeZone: utc, rolloverHour: 4), leechThreshold: 3)

    /// Two decks; facts with one to three cards (siblings bury each other for the day).
    static let cards: [Card] = (0..<24).flatMap { index in
        let deck = index % 3 == 0 ? "b" : "a"
        return ["forward", "reverse", "choice"].prefix(1 + index % 3).map { form in
            Card(
                id: CardID(stored: "\(deck):f\(index):\(form)"), deck: deck, kind: .typed,
                prompt: "Question \(index) \(form)?", answer: "Answer \(index)", facts: ["f\(index)"],
                source: "s", why: "", topic: "t", siblingKey: "\(deck):f\(index)")
        }
    }

    enum StoreKind: String, CaseIterable, Sendable { case inMemory, progressFiles }

    struct Case: Sendable, CustomTestStringConvertible {
        var store: StoreKind
        var seed: UInt64
        var testDescription: String { "\(store.rawValue), seed \(seed)" }
    }

    static let cases: [Case] = StoreKind.allCases.flatMap { kind in
        (1...4).map { Case(store: kind, seed: $0) }
    }

    /// A history over the past weeks: about half the cards answered a few times, some wrongly.
    static func seedHistory(_ store: some ProfileStoring, _ scheduler: Scheduler, rng: inout SplitMix64)
        throws
    {
        for (index, card) in cards.enumerated() where index % 2 == 0 || Bool.random(using: &rng) {
            var time = start - Double(Int.random(in: 20...40, using: &rng)) * 86_400
            for _ in 0..<Int.random(in: 1...4, using: &rng) where time < start - 3600 {
                let rating = Rating.allCases.randomElement(using: &rng) ?? .good
                try store.record(
                    Review(
                        cardID: card.id, reviewedAt: time, rating: rating, answer: "a",
                        verdict: rating == .again ? .wrong : .correct, duration: 3),
                    using: scheduler)
                time += Double(Int.random(in: 1...12, using: &rng)) * 86_400
            }
        }
    }

    /// Thousands of facts are counted in shards, one per core; what the shards add up to equals
    /// a session's count, with answers today, burials and suspensions spread over them.
    @Test func aDeckCountedInShardsEqualsASessionsCount() throws {
        var rng = SplitMix64(seed: 77)
        let cards: [Card] = (0..<4_000).flatMap { index in
            ["forward", "reverse"].prefix(1 + index % 2).map { form in
                Card(
                    id: CardID(stored: "big:f\(index):\(form)"), deck: "big", kind: .typed,
                    prompt: "Question \(index) \(form)?", answer: "Answer \(index)", facts: ["f\(index)"],
                    source: "s", why: "", topic: "t", siblingKey: "big:f\(index)")
            }
        }
        let store = InMemoryProfileStore()
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        for card in cards where Int.random(in: 0..<3, using: &rng) == 0 {
            let days = Double(Int.random(in: 0...30, using: &rng))
            let rating = Rating.allCases.randomElement(using: &rng) ?? .good
            try store.record(
                Review(
                    cardID: card.id, reviewedAt: Self.start - days * 86_400 - 600, rating: rating,
                    answer: "a",
                    verdict: rating == .again ? .wrong : .correct, duration: 3),
                using: scheduler)
            if Int.random(in: 0..<15, using: &rng) == 0 {
                try store.setFlags(CardFlags(isSuspended: true), for: card.id)
            }
        }
        // Limits above the deck: every count is exact, none capped.
        let options = StudyOptions(newPerDay: 100_000, reviewLimit: 100_000, clock: Self.options.clock)
        let cache = DayCountsCache(
            cards: cards, decks: [], store: ChangeTrackingStore(store), scheduler: scheduler)
        let fresh = StudySession(
            cards: cards, vocabulary: [], store: store, scheduler: scheduler, options: options,
            now: Self.start
        ).counts(now: Self.start)
        #expect(fresh.review > 0 && fresh.new > 0 && fresh.suspended > 0 && fresh.buried > 0, "\(fresh)")
        #expect(cache.counts(deck: nil, options: options, now: Self.start) == fresh)
    }

    @Test(arguments: cases) func incrementalCountsEqualAFullRecount(_ test: Case) throws {
        var rng = SplitMix64(seed: test.seed)
        let folder = try TemporaryFolder(prefix: "recall-tally")
        let base: any ProfileStoring =
            switch test.store {
            case .inMemory: InMemoryProfileStore()
            case .progressFiles: try ProgressStore.open(profile: "learner", in: folder.url)
            }
        defer { base.close() }
        var scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        try Self.seedHistory(base, scheduler, rng: &rng)
        let store = ChangeTrackingStore(base)
        let cache = DayCountsCache(cards: Self.cards, decks: [], store: store, scheduler: scheduler)
        var now = Self.start
        var session = StudySession(
            cards: Self.cards, vocabulary: [], store: store, scheduler: scheduler, options: Self.options,
            now: now)
        var steps: [String] = []
        // Which counts were ever non-zero, so that the sequences are seen to reach each of them.
        var reached: Set<String> = []

        func check() {
            for deck in [nil, "a", "b"] as [String?] {
                let chosen = deck.map { id in Self.cards.filter { $0.deck == id } } ?? Self.cards
                let fresh = StudySession(
                    cards: chosen, vocabulary: [], store: base, scheduler: scheduler, options: Self.options,
                    now: now
                ).counts(now: now)
                let parts = [
                    ("learning", fresh.learning), ("review", fresh.review), ("new", fresh.new),
                    ("due", fresh.due),
                    ("buried", fresh.buried), ("suspended", fresh.suspended),
                    ("held new", fresh.heldBack.new),
                    ("held reviews", fresh.heldBack.reviews), ("over limit", fresh.heldBack.overLimit),
                ]
                reached.formUnion(parts.filter { $0.1 > 0 }.map(\.0))
                #expect(
                    cache.counts(deck: deck, options: Self.options, now: now) == fresh,
                    "deck \(deck ?? "all") after \(steps.suffix(4))")
            }
        }

        check()
        for _ in 0..<120 {
            let roll = Int.random(in: 0..<100, using: &rng)
            switch roll {
            case 0..<40:
                guard let card = session.next(now: now) else {
                    steps.append("nothing to answer")
                    break
                }
                let rating = Rating.allCases.randomElement(using: &rng) ?? .good
                let grade = Grade(
                    verdict: rating == .again ? .wrong : .correct, score: 1, expected: card.answer)
                try session.record(card, reply: "r", grade: grade, rating: rating, duration: 4, now: now)
                steps.append("answer \(card.id) \(rating)")
            case 40..<48:
                steps.append("take back \(String(describing: try session.takeBack()))")
            case 48..<54:
                let rating = Rating.allCases.randomElement(using: &rng) ?? .good
                steps.append("rerate \(rating): \(try session.rerate(rating: rating) != nil)")
            case 54..<60:
                if let card = session.next(now: now) {
                    try session.bury(card, now: now)
                    steps.append("bury \(card.id)")
                }
            case 60..<64:
                if let card = session.next(now: now) {
                    try session.suspend(card)
                    steps.append("suspend \(card.id)")
                }
            case 64..<72:
                // A flag set outside the session: a burial ending within the day, or a suspension toggled.
                let card = Self.cards.randomElement(using: &rng) ?? Self.cards[0]
                var flags = store.profile.flags(of: card.id)
                if Bool.random(using: &rng) {
                    flags.buriedUntil = now + Double(Int.random(in: 1...180, using: &rng)) * 60
                } else {
                    flags.isSuspended.toggle()
                }
                try store.setFlags(flags, for: card.id)
                steps.append("flags \(card.id)")
            case 72..<76:
                let ids = Self.cards.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }.map(\.id)
                try store.unsuspend(ids)
                try store.unbury(ids, now: now)
                steps.append("unsuspend and unbury \(ids.count)")
            case 76..<78:
                var settings = store.profile.settings
                settings.desiredRetention = [0.85, 0.9, 0.95].randomElement(using: &rng) ?? 0.9
                try store.updateSettings(settings)
                scheduler = try Scheduler(settings: settings)
                session = StudySession(
                    cards: Self.cards, vocabulary: [], store: store, scheduler: scheduler,
                    options: Self.options,
                    now: now)
                steps.append("settings \(settings.desiredRetention)")
            case 78..<82:
                now =
                    Self.options.clock.endOfDay(containing: now) + Double(
                        Int.random(in: 0...600, using: &rng)) * 60
                session = StudySession(
                    cards: Self.cards, vocabulary: [], store: store, scheduler: scheduler,
                    options: Self.options,
                    now: now)
                steps.append("next day")
            default:
                now += Double(Int.random(in: 0...90, using: &rng)) * 60
                steps.append("wait")
            }
            check()
        }
        #expect(reached.count == 9, "the sequence reaches every count; it reached \(reached.sorted())")
        // The changes were counted by their facts, not by counting every card again each time.
        #expect(
            cache.partialCounts > cache.fullCounts, "full \(cache.fullCounts), partial \(cache.partialCounts)"
        )
    }

    /// A change made to the store behind the tracking store's back cannot be told apart: the
    /// cache counts everything again rather than keep stale counts.
    @Test func aChangeBehindTheTrackingStoresBackIsCountedInFull() throws {
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        let base = InMemoryProfileStore()
        var rng = SplitMix64(seed: 9)
        try Self.seedHistory(base, scheduler, rng: &rng)
        let store = ChangeTrackingStore(base)
        let cache = DayCountsCache(cards: Self.cards, decks: [], store: store, scheduler: scheduler)
        let before = cache.counts(deck: nil, options: Self.options, now: Self.start)
        let card = Self.cards.first { base.profile.states[$0.id] == nil } ?? Self.cards[0]
        #expect(store.cardsChanged(since: store.changeCount) == [])

        var flags = base.profile.flags(of: card.id)
        flags.isSuspended = true
        try base.setFlags(flags, for: card.id)
        #expect(store.cardsChanged(since: store.changeCount - 1) == nil)
        let after = cache.counts(deck: nil, options: Self.options, now: Self.start + 1)
        #expect(after.suspended == before.suspended + 1)
        #expect(cache.fullCounts == 2)

        flags.isSuspended = false
        try store.setFlags(flags, for: card.id)
        #expect(store.cardsChanged(since: store.changeCount - 1) == [card.id])
        #expect(cache.counts(deck: nil, options: Self.options, now: Self.start + 2) == before)
        #expect(cache.partialCounts == 1)
    }
}
