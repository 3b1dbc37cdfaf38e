import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// `recall stats` over a profile read with `ReviewLogReader` against the whole `Profile` the store
/// reads, and `StatsHistory` against the computation it replaced (kept here as the reference), on
/// generated histories in time zones with daylight saving.
@Suite struct StatsStreamingTests {
    /// The statistics' history as computed before the log was streamed: over `Profile.reviews`,
    /// one study day asked of the calendar per review.
    struct ReferenceHistory {
        var reviewsPerDay: [Int: Int] = [:]
        /// Every Review-phase review: its study day, card and whether it passed.
        var outcomes: [(day: Int, card: Int, passed: Bool)] = []
        var tallies: [[Int]]

        init(profile: Profile, cards: [Card], calendar: StudyCalendar, scheduler: Scheduler) {
            var neverDrawn = SplitMix64(seed: 0)
            tallies = Array(repeating: [0, 0, 0], count: cards.count)
            var position: [String: Int] = [:]
            for (index, card) in cards.enumerated() { position[card.id] = index }
            var byCard = [[Int]](repeating: [], count: cards.count)
            for (index, review) in profile.reviews.enumerated() {
                guard let card = position[review.cardID] else { continue }
                byCard[card].append(index)
            }
            let reviews = profile.reviews
            for (card, indices) in byCard.enumerated() where !indices.isEmpty {
                let ordered = indices.sorted { lhs, rhs in
                    reviews[lhs].reviewedAt != reviews[rhs].reviewedAt
                        ? reviews[lhs].reviewedAt < reviews[rhs].reviewedAt : lhs < rhs
                }
                var state: CardState?
                for index in ordered {
                    let review = reviews[index]
                    let day = calendar.day(of: review.reviewedAt)
                    reviewsPerDay[day, default: 0] += 1
                    let passed = review.rating != .again
                    tallies[card][0] += 1
                    if !passed { tallies[card][1] += 1 }
                    if state?.phase == .review {
                        outcomes.append((day, card, passed))
                        if !passed { tallies[card][2] += 1 }
                    }
                    state = scheduler.review(
                        state ?? .new(at: review.reviewedAt), rating: review.rating, at: review.reviewedAt,
                        using: &neverDrawn)
                }
            }
        }
    }

    static let kinds: [Card.Kind] = [.typed, .choice, .order]

    static func cards() -> [Card] {
        (0..<40).map { index in
            StatsFixture.card(
                "d:fact-\(index):forward", topic: ["capital", "founded", "river", "two words"][index % 4],
                kind: kinds[index % 3])
        }
    }

    /// A year and a half of study through a store (answers, rerates, undos, suspensions, burials,
    /// compactions), some of it out of time order, and reviews of cards outside the deck.
    static func writeHistory(in folder: URL, seed: UInt64, now: Date) throws {
        var random = SplitMix64(seed: seed)
        let store = try ProgressStore.open(in: folder)
        defer { store.close() }
        store.compactionThreshold = 50
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        let ids = cards().map(\.id) + ["gone:fact:forward"]
        var time = now - 550 * 86_400
        var step = 0
        while time < now {
            step += 1
            time += Double.random(in: 60...40_000, using: &random)
            let card = ids[Int.random(in: 0..<ids.count, using: &random)]
            switch Int.random(in: 0..<30, using: &random) {
            case 0:
                if var last = store.profile.lastReview(of: card) {
                    last.rating = last.rating == .again ? .good : .again
                    let state = scheduler.review(
                        .new(at: last.reviewedAt), rating: last.rating, at: last.reviewedAt, cardID: card)
                    try store.replaceLastReview(
                        with: last, newState: state, flags: store.profile.flags(of: card))
                }
            case 1:
                if let last = store.profile.lastReview(of: card) { try store.undo(last.id, restoring: nil) }
            case 2:
                try store.setFlags(
                    CardFlags(
                        isSuspended: Bool.random(using: &random),
                        buriedUntil: Bool.random(using: &random) ? now + 3_600 : nil),
                    for: card)
            default:
                // Now and then an answer dated before the card's last one (another device's clock).
                let at =
                    step % 97 == 0 ? (store.profile.states[card]?.lastReview ?? time) - 5_000 : time
                let rating = Rating(rawValue: Int.random(in: 1...4, using: &random)) ?? .good
                let review = Review(
                    id: "r\(step)", cardID: card, reviewedAt: at, rating: rating, answer: "a\(step)",
                    verdict: rating == .again ? .wrong : .correct, duration: 4)
                let next = scheduler.review(
                    store.profile.state(of: card, at: at), rating: rating, at: at, cardID: card)
                if at < time {
                    // The store refuses it; the log takes it from a merged file.
                    var merged = store.profile
                    merged.recordUnchecked(review, newState: next)
                    try store.merge(merged, using: scheduler)
                } else {
                    try store.append(review, newState: next)
                }
            }
        }
        store.waitForSnapshot()
    }

    static func json(_ report: StatsReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test(arguments: [(1, "Europe/Paris"), (2, "America/New_York"), (3, "Australia/Lord_Howe"), (4, "UTC")])
    func statsOfTheStreamedLogAreTheStatsOfTheWholeProfile(seed: UInt64, zone: String) throws {
        let folder = try TemporaryFolder()
        let timeZone = try #require(TimeZone(identifier: zone))
        let calendar = StudyCalendar(timeZone: timeZone, rolloverHour: 4)
        let now = Date(timeIntervalSince1970: 1_795_946_400)
        try Self.writeHistory(in: folder.url, seed: seed, now: now)
        let cards = Self.cards()
        let whole = try #require(try ProgressStore.peekProfile(named: "default", in: folder.url))
        let streamed = try #require(try ReviewLogReader.peek(named: "default", in: folder.url, decks: []))
        #expect(whole.reviews.count > 1_000)

        let report = try StatsReport(profile: streamed, cards: cards, now: now, calendar: calendar)
        #expect(
            try Self.json(report)
                == Self.json(StatsReport(profile: whole, cards: cards, now: now, calendar: calendar)))
        #expect(report.totalReviews > 500)

        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        let reference = ReferenceHistory(
            profile: whole, cards: cards, calendar: calendar, scheduler: scheduler)
        let history = StatsHistory(profile: streamed, cards: cards, calendar: calendar, scheduler: scheduler)
        #expect(history.reviewsPerDay == reference.reviewsPerDay)
        var outcomesByDay: [Int: [Int]] = [:]
        var outcomesByCard = [[Int]](repeating: [0, 0], count: cards.count)
        for outcome in reference.outcomes {
            outcomesByDay[outcome.day, default: [0, 0]][0] += 1
            outcomesByCard[outcome.card][0] += 1
            if outcome.passed {
                outcomesByDay[outcome.day, default: [0, 0]][1] += 1
                outcomesByCard[outcome.card][1] += 1
            }
        }
        for day in Set(reference.reviewsPerDay.keys).union(outcomesByDay.keys) {
            let tally = history.days[day]
            #expect(
                [tally.reviews, tally.reviewPhase, tally.passed]
                    == [reference.reviewsPerDay[day] ?? 0] + (outcomesByDay[day] ?? [0, 0]), "day \(day)")
        }
        #expect(history.tallies.map { [$0.reviews, $0.again, $0.lapses] } == reference.tallies)
        #expect(history.tallies.map { [$0.reviewPhase, $0.passed] } == outcomesByCard)

        let board = CardStatusBoard(profile: whole, cards: cards, now: now, days: calendar)
        let streamedBoard = CardStatusBoard(profile: streamed, cards: cards, now: now, days: calendar)
        #expect(cards.map(streamedBoard.status(of:)) == cards.map(board.status(of:)))
    }

    @Test(arguments: ["Europe/Paris", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham"])
    func theDayCacheGivesTheCalendarsDays(zone: String) throws {
        let calendar = StudyCalendar(timeZone: try #require(TimeZone(identifier: zone)), rolloverHour: 3)
        var cache = StudyDayCache(calendar: calendar)
        var random = SplitMix64(seed: 7)
        var moments = (0..<5_000).map { _ in
            Date(timeIntervalSince1970: Double.random(in: 1.2e9...1.9e9, using: &random))
        }
        // Either side of every transition of a few years.
        var transition = Date(timeIntervalSince1970: 1.6e9)
        while let next = calendar.timeZone.nextDaylightSavingTimeTransition(after: transition),
            next.timeIntervalSince1970 < 1.8e9
        {
            moments += [-3_601, -1, -0.001, 0, 0.001, 1, 3_599, 7_200].map { next + $0 }
            transition = next
        }
        for moment in moments {
            #expect(cache.day(of: moment) == calendar.day(of: moment), "\(moment)")
        }
    }
}
