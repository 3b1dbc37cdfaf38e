public import Foundation

/// A card's standing for one learner at one moment: the ONE definition of new, learning,
/// review, relearning, due, buried, suspended, leech and days since wrong that the study queue,
/// the query language (`state:due`, `wrong:today`), `stats`, completion and the prompt all count by.
///
/// - **new**: never answered. **learning / relearning / review**: the scheduler's phase.
/// - **due**: answered before, due before the end of today's study day, and available.
/// - **buried**: buried by hand until a later moment, or held back for the day because another
///   card of the same fact (a sibling) was answered today while this one is new or due.
/// - **suspended**: until unsuspended. Buried and suspended cards are not due and not offered new.
/// - **leech**: lapsed too often (it is suspended as well when it became one).
public struct CardStatus: Sendable, Hashable {
    /// The scheduler's phase, or new.
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        case new, learning, review, relearning
    }

    /// Why a card is out of today's study.
    public enum Burial: String, Sendable, Hashable {
        /// `:bury` or `bury`: until the end of the day it was buried on.
        case byHand
        /// Another card of the same fact was answered today.
        case sibling
    }

    public var phase: Phase
    /// When the scheduler wants the card again (nil for a new card).
    public var due: Date?
    /// The state is due before the end of today, whether or not the card is available.
    public var isDueToday: Bool
    public var burial: Burial?
    public var isSuspended: Bool
    public var isLeech: Bool
    /// Whole study days since the card was last answered wrongly (0 for today), or nil.
    public var daysSinceWrong: Int?

    /// Not suspended and not buried: the card may be studied today.
    public var isAvailable: Bool { !isSuspended && burial == nil }
    /// Due today and available: what "due" means in every count.
    public var isDue: Bool { isDueToday && isAvailable }
    /// Never answered and available: a candidate for today's new cards.
    public var isNewAndAvailable: Bool { phase == .new && isAvailable }

    /// The words `state:` matches: the phase, and `due`, `buried`, `suspended`, `leech` when they hold.
    public var words: Set<String> {
        var words: Set<String> = [phase.rawValue]
        if isDue { words.insert("due") }
        if burial != nil { words.insert("buried") }
        if isSuspended { words.insert("suspended") }
        if isLeech { words.insert("leech") }
        return words
    }

    /// Every word `state:` knows, for completion and help.
    public static let stateWords = Phase.allCases.map(\.rawValue) + ["due", "suspended", "buried", "leech"]

    /// The one word a listing shows for the card: what keeps it out first, then its phase.
    public var headline: String {
        if isSuspended { return "suspended" }
        if burial != nil { return "buried" }
        if isLeech { return "leech" }
        return phase.rawValue
    }
}

/// The status of every card of some decks for one learner at one moment, and their counts.
public struct CardStatusBoard: Sendable {
    /// How many cards are in each status (over the cards the board was made for).
    public struct Counts: Sendable, Hashable, Codable {
        public var total = 0
        /// Never answered and available.
        public var new = 0
        /// Available cards by phase.
        public var learning = 0
        public var review = 0
        public var relearning = 0
        /// Due today and available (learning and relearning steps due today included).
        public var due = 0
        public var buried = 0
        public var suspended = 0
        public var leech = 0

        public init() {}
    }

    public let now: Date
    /// When today's study day began and ends.
    public let dayStart: Date
    public let dayEnd: Date
    /// Today's study day.
    private let today: Int
    private let profile: Profile
    private let answeredToday: Set<String>
    private let siblingsAnsweredToday: Set<String>
    private let lastWrong: LastWrongAnswers
    /// The calendar the board counts days by (the learner's).
    public let days: StudyCalendar

    /// From a profile alone (a profile read without opening it): one pass over its log.
    ///
    /// - Parameters:
    ///   - cards: the cards whose siblings bury each other (usually every card of the open decks).
    public init(profile: Profile, cards: [Card], now: Date, days: StudyCalendar) {
        let dayStart = days.startOfDay(containing: now)
        let dayEnd = days.endOfDay(containing: now)
        var answered: Set<String> = []
        var wrong: [String: Date] = [:]
        for review in profile.reviews {
            if review.verdict == .wrong { wrong[review.cardID] = review.reviewedAt }
            if review.reviewedAt >= dayStart, review.reviewedAt < dayEnd { answered.insert(review.cardID) }
        }
        self.init(
            profile: profile, cards: cards, now: now, days: days, answeredToday: answered,
            lastWrong: .byID(wrong))
    }

    /// From a profile read with `ReviewLogReader`: one pass over its log.
    public init(profile streamed: StreamedProfile, cards: [Card], now: Date, days: StudyCalendar) {
        let dayStart = days.startOfDay(containing: now).timeIntervalSinceReferenceDate
        let dayEnd = days.endOfDay(containing: now).timeIntervalSinceReferenceDate
        let log = streamed.log
        // By the log's card numbers: arrays, not a hash per review.
        var lastWrong = [Double?](repeating: nil, count: log.cardIDs.count)
        var isAnswered = [Bool](repeating: false, count: log.cardIDs.count)
        for entry in log.reviews {
            if entry.verdict == .wrong { lastWrong[Int(entry.card)] = entry.time }
            if entry.time >= dayStart, entry.time < dayEnd { isAnswered[Int(entry.card)] = true }
        }
        var answered: Set<String> = []
        for (number, id) in log.cardIDs.enumerated() where isAnswered[number] { answered.insert(id) }
        // Each card's days since its last wrong answer at once (the days of a whole log, where
        // asking the time zone per card would be slow), -1 for none.
        let today = days.day(of: now)
        let start = Date(timeIntervalSinceReferenceDate: dayStart)
        var studyDays = StudyDayCache(calendar: days)
        let daysSince = lastWrong.map { time in
            time.map {
                Self.daysSinceWrong(
                    at: Date(timeIntervalSinceReferenceDate: $0), dayStart: start, today: today,
                    dayOf: { studyDays.day(of: $0) })
            } ?? -1
        }
        self.init(
            profile: streamed.profile, cards: cards, now: now, days: days, answeredToday: answered,
            lastWrong: .byNumber(log.cards, daysSince))
    }

    /// From an open store: today's reviews and the last wrong answers come from its index, so
    /// building the board costs O(cards + today's reviews), never a pass over the whole log.
    public init(store: some ProfileStoring, cards: [Card], now: Date, days: StudyCalendar) {
        let today = store.reviews(from: days.startOfDay(containing: now), to: days.endOfDay(containing: now))
        self.init(
            profile: store.profile, cards: cards, now: now, days: days,
            answeredToday: Set(today.map(\.cardID)), lastWrong: .byID(store.lastWrongAnswerTimes()))
    }

    private init(
        profile: Profile, cards: [Card], now: Date, days: StudyCalendar, answeredToday: Set<String>,
        lastWrong: LastWrongAnswers
    ) {
        self.profile = profile
        self.now = now
        self.days = days
        dayStart = days.startOfDay(containing: now)
        dayEnd = days.endOfDay(containing: now)
        today = days.day(of: now)
        // The facts of today's cards (a card's first occurrence decides), without a map of every card.
        // The cards answered today are found over the cores (a hash per card), then taken in order.
        var seen: Set<String> = []
        var siblings: Set<String> = []
        if !answeredToday.isEmpty {
            let shards = Parallel.shardCount(for: cards.count / 64)
            let answered = Parallel.map(shards: shards) { shard in
                Parallel.range(ofShard: shard, of: shards, count: cards.count).filter {
                    answeredToday.contains(cards[$0].id)
                }
            }
            for index in answered.joined() where seen.insert(cards[index].id).inserted {
                siblings.insert(cards[index].siblingKey)
            }
        }
        self.answeredToday = answeredToday
        siblingsAnsweredToday = siblings
        self.lastWrong = lastWrong
    }

    /// When cards were last answered wrongly: by card id, or, for a board made from a streamed
    /// log, the days since by the log's card numbers (no `String` key made per card).
    private enum LastWrongAnswers: Sendable {
        case byID([String: Date])
        /// -1 for a card never answered wrongly.
        case byNumber(CardTable, [Int])
    }

    /// Whole study days from a wrong answer at `time` to today (0 for today).
    private static func daysSinceWrong(
        at time: Date, dayStart: Date, today: Int, dayOf: (Date) -> Int
    ) -> Int {
        time >= dayStart ? 0 : max(0, today - dayOf(time))
    }

    /// The days since `card` was last answered wrongly, or nil.
    private func daysSinceWrong(of card: Card, logNumber: Int32?) -> Int? {
        switch lastWrong {
        case .byID(let times):
            return times[card.id].map {
                Self.daysSinceWrong(at: $0, dayStart: dayStart, today: today, dayOf: days.day(of:))
            }
        case .byNumber(let table, let daysSince):
            // The statistics hand over the numbers; without one, the card table is asked.
            let number = logNumber ?? table.find(card.id) ?? -1
            guard number >= 0, daysSince[Int(number)] >= 0 else { return nil }
            return daysSince[Int(number)]
        }
    }

    /// Whether a card of this fact was answered today.
    public func factAnsweredToday(_ card: Card) -> Bool {
        !siblingsAnsweredToday.isEmpty && siblingsAnsweredToday.contains(card.siblingKey)
    }

    public func status(of card: Card) -> CardStatus {
        status(of: card, state: profile.states[card.id])
    }

    /// `status(of:)` given the card's state in the profile (for a caller that needs the state
    /// too) and, for a board made from a streamed log, the card's number in that log's card
    /// table if known (-1: not in the log). Without `needsDaysSinceWrong` (a count, which never
    /// reads it) `daysSinceWrong` is left nil and its lookups are spared.
    func status(
        of card: Card, state stored: CardState?, logNumber: Int32? = nil, needsDaysSinceWrong: Bool = true
    ) -> CardStatus {
        let flags = profile.flags(of: card.id)
        let state = stored.flatMap { $0.isNew ? nil : $0 }
        let phase: CardStatus.Phase =
            switch state?.phase {
            case nil: .new
            case .learning: .learning
            case .review: .review
            case .relearning: .relearning
            }
        let isDueToday = state.map { $0.due < dayEnd } ?? false
        var burial: CardStatus.Burial?
        if let until = flags.buriedUntil, until > now {
            burial = .byHand
        } else if (phase == .new || isDueToday), !answeredToday.contains(card.id), factAnsweredToday(card) {
            burial = .sibling
        }
        let daysSinceWrong = needsDaysSinceWrong ? daysSinceWrong(of: card, logNumber: logNumber) : nil
        return CardStatus(
            phase: phase, due: state?.due, isDueToday: isDueToday, burial: burial,
            isSuspended: flags.isSuspended, isLeech: flags.isLeech, daysSinceWrong: daysSinceWrong)
    }

    /// The counts over `cards` (duplicates counted once).
    public func counts(of cards: [Card]) -> Counts {
        var seen: Set<String> = []
        return Self.counts(of: cards.lazy.filter { seen.insert($0.id).inserted }.map { status(of: $0) })
    }

    /// The counts over these statuses (one per card).
    public static func counts(of statuses: some Sequence<CardStatus>) -> Counts {
        var counts = Counts()
        for status in statuses {
            counts.total += 1
            if status.isLeech { counts.leech += 1 }
            if status.isSuspended {
                counts.suspended += 1
                continue
            }
            if status.burial != nil {
                counts.buried += 1
                continue
            }
            if status.isDue { counts.due += 1 }
            switch status.phase {
            case .new: counts.new += 1
            case .learning: counts.learning += 1
            case .review: counts.review += 1
            case .relearning: counts.relearning += 1
            }
        }
        return counts
    }
}
