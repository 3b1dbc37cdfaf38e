import Foundation
import Testing

@testable import RecallCore

/// The statistics' count (numbered cards, the replay shared over the cores, tallies by day and
/// by card, the top of the hardest) against a slow, plain computation: each card's live reviews
/// sorted and replayed with the whole scheduler, days asked of the calendar, ids compared as
/// `String`s. The generated profile has what a numbering or shard mistake would trip on: cards
/// absent from the log, logged cards absent from the deck, repeated cards, removed reviews,
/// reviews out of time order and at equal times, reviews centuries away, enough cards and
/// reviews for several shards, and time zones with daylight saving.
@Suite struct StatsCountTests {
    static let now = Date(timeIntervalSince1970: 1_795_946_400)
    static let topics = ["capital", "founded", "river", "two words", "", "area", "currency"]
    static let kinds: [Card.Kind] = [.typed, .choice, .order, .reverse]

    static func card(_ index: Int, prefix: String = "f") -> Card {
        let id = "d:\(prefix)\(index):forward"
        return Card(
            id: CardID(stored: id), deck: "d", kind: kinds[index % kinds.count], prompt: "Prompt \(index)?",
            answer: "a", facts: ["\(prefix)\(index)"], source: "s", why: "",
            topic: topics[(index / 3) % topics.count], siblingKey: "\(prefix)\(index / 2)")
    }

    /// A generated history: the streamed profile (with removed entries), the same profile with
    /// its live reviews only, and the cards asked about (repeats included).
    struct History {
        var streamed: StreamedProfile
        var whole: Profile
        var cards: [Card]
    }

    static func history(seed: UInt64, scheduler: Scheduler) -> History {
        var random = SplitMix64(seed: seed)
        let logged = 9_000
        var reviews: [Review] = []
        var time = now - 400 * 86_400
        var lastOfCard: [Int: Date] = [:]
        for step in 0..<30_000 {
            time += Double(Int.random(in: 0...2_300, using: &random))
            let card = Int.random(in: 0..<logged, using: &random)
            var at = time
            switch Int.random(in: 0..<100, using: &random) {
            case 0, 1:
                // Another device's clock.
                at = time - Double(Int.random(in: 1...90, using: &random) * 86_400)
            case 2: at = lastOfCard[card] ?? time  // the same moment as its last review
            default: break
            }
            if step == 5_000 { at = Date(timeIntervalSince1970: -8.5e9) }  // the 1700s
            if step == 6_000 { at = Date(timeIntervalSince1970: 1.4e10) }  // the 2400s
            lastOfCard[card] = at
            let rating =
                Rating(rawValue: [1, 1, 2, 3, 3, 3, 3, 4][Int.random(in: 0..<8, using: &random)]) ?? .good
            reviews.append(
                Review(
                    id: "r\(step)", cardID: Self.card(card).id, reviewedAt: at, rating: rating, answer: "x",
                    verdict: rating == .again ? .wrong : .correct, duration: 3))
        }
        // Wrong answers today, the last of the log.
        for index in 0..<20 {
            let card = Int.random(in: 0..<logged, using: &random)
            reviews.append(
                Review(
                    id: "t\(index)", cardID: Self.card(card).id, reviewedAt: now - Double(1_200 - index),
                    rating: .again, answer: "x", verdict: .wrong, duration: 3))
        }
        var flags: [String: CardFlags] = [:]
        for index in 0..<logged where index % 17 == 0 || index % 23 == 0 || index % 29 == 0 {
            flags[card(index).id] = CardFlags(
                isSuspended: index % 17 == 0, buriedUntil: index % 23 == 0 ? now + 3_600 : nil,
                isLeech: index % 29 == 0)
        }
        var profile = Profile(
            name: "p", settings: scheduler.settings, states: [:], flags: flags, reviews: reviews)
        var streamed = StreamedProfile(profile)
        let removed = Set((0..<300).map { _ in Int.random(in: 0..<reviews.count, using: &random) })
        for position in removed { streamed.log.remove(at: position) }
        profile.reviews = reviews.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        // States as the store keeps them: the replay of each card's live reviews.
        var states: [String: CardState] = [:]
        for (id, answers) in Dictionary(grouping: profile.reviews.enumerated(), by: \.element.cardID) {
            var state: CardState?
            for (_, review) in answers.sorted(by: {
                ($0.element.reviewedAt, $0.offset) < ($1.element.reviewedAt, $1.offset)
            }) {
                state = scheduler.review(
                    state ?? .new(at: review.reviewedAt), id: id, rating: review.rating, at: review.reviewedAt
                )
            }
            states[id] = state
        }
        profile.states = states
        streamed.profile.states = states
        // The deck: logged cards but the last 500, cards never answered, and repeats.
        var cards = (0..<(logged - 500)).map { card($0) } + (0..<200).map { card($0, prefix: "new") }
        for _ in 0..<300 {
            let repeated = cards[Int.random(in: 0..<cards.count, using: &random)]
            cards.insert(repeated, at: Int.random(in: 0...cards.count, using: &random))
        }
        return History(streamed: streamed, whole: profile, cards: cards)
    }

    /// The history's counts computed the plain way.
    struct Oracle {
        var totalReviews = 0
        var reviewsPerDay: [Int: Int] = [:]
        /// Review-phase reviews: their day and whether they passed.
        var outcomes: [(day: Int, passed: Bool)] = []
        /// By card id: reviews, Agains, Review-phase reviews and those passed.
        var tallies: [String: [Int]] = [:]
        var distinct: [Card] = []

        init(whole: Profile, cards: [Card], calendar: StudyCalendar, scheduler: Scheduler) {
            var seen: Set<String> = []
            distinct = cards.filter { seen.insert($0.id).inserted }
            let byCard = Dictionary(grouping: whole.reviews.enumerated(), by: \.element.cardID)
            for card in distinct {
                let answers = (byCard[card.id] ?? [])
                    .sorted { ($0.element.reviewedAt, $0.offset) < ($1.element.reviewedAt, $1.offset) }
                var tally = [0, 0, 0, 0]
                var state: CardState?
                var neverDrawn = SplitMix64(seed: 0)
                for (_, review) in answers {
                    let day = calendar.day(of: review.reviewedAt)
                    let passed = review.rating != .again
                    totalReviews += 1
                    reviewsPerDay[day, default: 0] += 1
                    tally[0] += 1
                    if !passed { tally[1] += 1 }
                    if state?.phase == .review {
                        outcomes.append((day, passed))
                        tally[2] += 1
                        if passed { tally[3] += 1 }
                    }
                    state = scheduler.review(
                        state ?? .new(at: review.reviewedAt), rating: review.rating, at: review.reviewedAt,
                        using: &neverDrawn)
                }
                tallies[card.id] = tally
            }
        }

        func retention(days: Int, today: Int) -> StatsReport.RetentionWindow {
            let window = outcomes.filter { $0.day > today - days && $0.day <= today }
            return .init(days: days, reviews: window.count, passed: window.filter(\.passed).count)
        }

        /// Name, cards, Review-phase reviews and passed of each group of `key`, by name.
        func groups(by key: (Card) -> String) -> [String] {
            Dictionary(grouping: distinct, by: key).map { name, cards in
                let tallies = cards.compactMap { self.tallies[$0.id] }
                return
                    "\(name) \(cards.count) \(tallies.map { $0[2] }.reduce(0, +)) \(tallies.map { $0[3] }.reduce(0, +))"
            }.sorted()
        }

        func hardest(limit: Int, flags: (String) -> CardFlags) -> [String] {
            let hard = distinct.filter { (tallies[$0.id]?[1] ?? 0) > 0 }.map { card in
                let tally = tallies[card.id] ?? []
                let lapses = tally[2] - tally[3]
                let rate = Double(tally[0] - tally[1]) / Double(tally[0])
                return (card: card, lapses: lapses, rate: rate, reviews: tally[0], again: tally[1])
            }.sorted { a, b in
                if a.lapses != b.lapses { return a.lapses > b.lapses }
                if a.rate != b.rate { return a.rate < b.rate }
                if a.reviews != b.reviews { return a.reviews > b.reviews }
                return a.card.id < b.card.id
            }
            return hard.prefix(limit).map {
                let flags = flags($0.card.id)
                return
                    "\($0.card.id) \($0.lapses) \($0.reviews) \($0.again) \(flags.isLeech) \(flags.isSuspended)"
            }
        }
    }

    @Test(arguments: [
        (11, "Europe/Paris"), (12, "America/New_York"), (13, "Australia/Lord_Howe"), (14, "UTC"),
    ])
    func theCountIsThePlainCount(seed: UInt64, zone: String) throws {
        let calendar = StudyCalendar(timeZone: try #require(TimeZone(identifier: zone)), rolloverHour: 4)
        let scheduler = try Scheduler(settings: SchedulerSettings(enableFuzzing: false))
        let history = Self.history(seed: seed, scheduler: scheduler)
        let oracle = Oracle(
            whole: history.whole, cards: history.cards, calendar: calendar, scheduler: scheduler)
        let today = calendar.day(of: Self.now)
        #expect(oracle.distinct.count == 8_700)
        #expect(history.streamed.log.count == history.whole.reviews.count)

        for limit in [0, 10, 100] {
            let report = try StatsReport(
                profile: history.streamed, cards: history.cards, now: Self.now, calendar: calendar,
                hardestLimit: limit)
            #expect(
                report.hardest.map {
                    "\($0.id) \($0.lapses) \($0.reviews) \($0.again) \($0.isLeech) \($0.isSuspended)"
                }
                    == oracle.hardest(limit: limit, flags: history.whole.flags(of:)))
            guard limit == 10 else { continue }
            #expect(report.totalReviews == oracle.totalReviews)
            #expect(report.trueRetention == [7, 30].map { oracle.retention(days: $0, today: today) })
            #expect(report.trueRetention[1].reviews > 100)
            let first = today - StudyCalendar.weekday(ofDay: today) - 25 * 7
            #expect(
                report.activity.days.map(\.count) == (first...today).map { oracle.reviewsPerDay[$0] ?? 0 })
            #expect(
                report.streak == StatsReport.streak(activeDays: Set(oracle.reviewsPerDay.keys), today: today))
            #expect(
                report.byAttribute.map { "\($0.name) \($0.cards) \($0.reviews) \($0.passed)" }.sorted()
                    == oracle.groups(by: \.topic))
            #expect(
                report.byKind.map { "\($0.name) \($0.cards) \($0.reviews) \($0.passed)" }.sorted()
                    == oracle.groups(by: \.kind.rawValue))

            // Statuses from the whole profile's board, asked card by card.
            let board = CardStatusBoard(
                profile: history.whole, cards: oracle.distinct, now: Self.now, days: calendar)
            #expect(report.cards == board.counts(of: history.cards))
            #expect(report.cards.buried > 0 && report.cards.suspended > 0 && report.cards.due > 0)
            let statuses = oracle.distinct.map(board.status(of:))
            #expect(report.forecast == StatsReport.forecast(of: statuses, board: board, calendar: calendar))
            var stability = [Int](repeating: 0, count: StatsReport.stabilityBounds.count)
            for card in oracle.distinct {
                guard let days = history.whole.states[card.id]?.stability else { continue }
                stability[StatsReport.stabilityBounds.lastIndex { $0.minimum <= days } ?? 0] += 1
            }
            #expect(report.stability.map(\.cards) == stability)
        }

        // The streamed board, by id and by the numbers the count found, agrees card by card.
        let streamedBoard = CardStatusBoard(
            profile: history.streamed, cards: oracle.distinct, now: Self.now, days: calendar)
        let board = CardStatusBoard(
            profile: history.whole, cards: oracle.distinct, now: Self.now, days: calendar)
        let numbered = StatsHistory.distinct(history.cards, in: history.streamed.log)
        #expect(numbered.cards.map(\.id) == oracle.distinct.map(\.id))
        let loggedIDs = Set(history.streamed.log.cardIDs)
        #expect(
            numbered.logNumbers.filter { $0 < 0 }.count
                == oracle.distinct.filter { !loggedIDs.contains($0.id) }.count)
        let expected = oracle.distinct.map(board.status(of:))
        #expect(oracle.distinct.map(streamedBoard.status(of:)) == expected)
        #expect(
            zip(numbered.cards, numbered.logNumbers).map {
                streamedBoard.status(of: $0, state: history.whole.states[$0.id], logNumber: $1)
            } == expected)
        #expect(
            expected.contains { $0.daysSinceWrong == 0 }
                && expected.contains { ($0.daysSinceWrong ?? 0) > 30 })
    }

    @Test func cardNumbersAreFoundAsStringsCompareAndNothingIsAdded() {
        let reviews = ["d:a", "d:caf\u{E9}", "d:\u{212A}", "d:a"].enumerated().map { index, card in
            Review(
                id: "r\(index)", cardID: card, reviewedAt: Self.now, rating: .good, answer: "x",
                verdict: .correct,
                duration: 1)
        }
        let log = ReviewLog(reviews)
        // Decomposed é and K equal the stored precomposed é and Kelvin sign as `String`s.
        #expect(
            log.cards.numbers(of: ["d:cafe\u{301}", "d:K", "d:a", "d:zz", "d:caf\u{E9}"]) == [1, 2, 0, -1, 1])
        #expect(log.cardIDs.count == 3)
        #expect(ReviewLog(Array(reviews.prefix(1))).cards.numbers(of: ["d:a", "d:b"]) == [0, -1])
    }
}
