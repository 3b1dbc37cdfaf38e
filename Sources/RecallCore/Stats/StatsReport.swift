import Foundation

/// A learner's statistics over a set of cards: pure numbers, drawn by the executable.
///
/// Everything is computed from the profile's review log and card states at an injected `now`,
/// in study days of a `StudyCalendar` (the day rolls over at 4 a.m. local time by default).
/// Reviews of cards outside the given cards (another deck, or cards that left a deck) are left
/// out, so `recall stats --deck x` describes deck x alone.
///
/// Definitions:
/// - **True retention** (as Anki's): the share of reviews of cards in the Review phase (graduated,
///   not learning or relearning) that were not rated Again. Learning steps measure first
///   encounters, not memory, so they are not counted.
/// - **Forecast**: reviewed, unsuspended cards by the study day they fall due (a buried card on
///   the later of its due date and the end of its burial); overdue cards count towards today.
/// - **Streak**: consecutive study days with at least one review, ending today, or yesterday
///   when nothing has been reviewed yet today (the streak is not lost until the day is over).
public struct StatsReport: Sendable, Hashable, Codable {
    public var profile: String
    /// Today's study day, `yyyy-MM-dd`.
    public var today: String
    /// The time zone identifier study days are counted in.
    public var timeZone: String
    public var rolloverHour: Int
    /// The profile's target probability of recall.
    public var desiredRetention: Double
    /// Reviews in the log of the cards covered.
    public var totalReviews: Int
    public var cards: StateCounts
    /// True retention over the last 7 and the last 30 study days (today included).
    public var trueRetention: [RetentionWindow]
    public var forecast: Forecast
    public var activity: Activity
    public var stability: [StabilityBucket]
    /// Retention by fact attribute (`Card.topic`), weakest first.
    public var byAttribute: [GroupRetention]
    /// Retention by card kind, weakest first.
    public var byKind: [GroupRetention]
    /// The attribute and kind combination the learner forgets most, with a query to drill it.
    public var weakest: WeakestGroup?
    /// Cards with the most lapses, then the lowest share of correct answers.
    public var hardest: [HardCard]
    /// Consecutive study days with reviews (see the type's definition).
    public var streak: Int

    /// Cards by status (see `CardStatus`): new, learning, review, relearning, suspended and buried
    /// are exclusive and add up to `total`; `due` and `leech` overlap them.
    public typealias StateCounts = CardStatusBoard.Counts

    /// True retention over a window of study days.
    public struct RetentionWindow: Sendable, Hashable, Codable {
        /// How many study days, today included.
        public var days: Int
        /// Reviews of cards in the Review phase within the window.
        public var reviews: Int
        /// Those not rated Again.
        public var passed: Int
        /// `passed / reviews`, or nil without reviews.
        public var rate: Double? { reviews > 0 ? Double(passed) / Double(reviews) : nil }
    }

    /// Due cards per study day from today on.
    public struct Forecast: Sendable, Hashable, Codable {
        /// Cards due before today, counted in today's figure as well.
        public var overdue: Int
        /// One entry per day, today first.
        public var days: [DayCount]

        /// Cards due on the study day `offset` days from today (0: today, overdue included).
        public func due(onDay offset: Int) -> Int {
            days.indices.contains(offset) ? days[offset].count : 0
        }

        /// Cards due from tomorrow through `count` days ahead (7: the coming week).
        public func dueAfterToday(withinDays count: Int) -> Int {
            (1...max(1, count)).map(due(onDay:)).reduce(0, +)
        }
    }

    /// A number for one study day.
    public struct DayCount: Sendable, Hashable, Codable {
        /// The study day, `yyyy-MM-dd`.
        public var date: String
        public var count: Int
    }

    /// Reviews per study day for the calendar heatmap.
    public struct Activity: Sendable, Hashable, Codable {
        /// Calendar weeks covered; the last one holds today.
        public var weeks: Int
        /// Days from the Monday starting the first week through today, in order.
        public var days: [DayCount]
        /// Study days among `days` with at least one review.
        public var activeDays: Int
    }

    /// Reviewed cards whose stability (in days) lies in `minimumDays..<maximumDays`.
    public struct StabilityBucket: Sendable, Hashable, Codable {
        public var label: String
        public var minimumDays: Double
        /// nil for the last, open-ended bucket.
        public var maximumDays: Double?
        public var cards: Int
    }

    /// True retention of a group of cards (one attribute or one kind) over the whole log.
    public struct GroupRetention: Sendable, Hashable, Codable {
        /// The attribute or kind.
        public var name: String
        /// Cards of the group.
        public var cards: Int
        public var reviews: Int
        public var passed: Int
        /// A `CardQuery` matching the group's cards, if its name can be written as one.
        public var query: String?
        public var rate: Double? { reviews > 0 ? Double(passed) / Double(reviews) : nil }
    }

    /// The combination of attribute and kind with the lowest true retention.
    public struct WeakestGroup: Sendable, Hashable, Codable {
        public var attribute: String?
        public var kind: String?
        public var reviews: Int
        public var passed: Int
        /// A `CardQuery` for drilling these cards: `quiz weakest` runs it.
        public var query: String
        public var rate: Double { reviews > 0 ? Double(passed) / Double(reviews) : 0 }
    }

    /// A card the learner finds hard.
    public struct HardCard: Sendable, Hashable, Codable {
        public var id: String
        public var prompt: String
        public var attribute: String
        public var kind: String
        /// Times the card was forgotten after it had graduated.
        public var lapses: Int
        /// All reviews of the card, and how many of them were rated Again.
        public var reviews: Int
        public var again: Int
        public var isLeech: Bool
        public var isSuspended: Bool
        /// The share of the card's reviews not rated Again.
        public var rate: Double { Self.rate(reviews: reviews, again: again) }

        /// The share of `reviews` not rated Again (0 without reviews).
        static func rate(reviews: Int, again: Int) -> Double {
            reviews > 0 ? Double(reviews - again) / Double(reviews) : 0
        }
    }

    /// Groups need this many Review-phase reviews before one can be called the weakest.
    public static let weakestMinimumReviews = 5
    /// The windows of `trueRetention`, in study days.
    public static let retentionWindows = [7, 30]
    /// Days in `forecast`.
    public static let forecastDays = 30
    /// Weeks in `activity`.
    public static let activityWeeks = 26
    /// Bounds of the stability buckets in days; the last bucket is open-ended.
    public static let stabilityBounds: [(label: String, minimum: Double)] = [
        ("< 1 d", 0), ("1-7 d", 1), ("1-4 wk", 7), ("1-3 mo", 30), ("3-6 mo", 90),
        ("6-12 mo", 180), ("1-2 y", 365), ("2 y +", 730),
    ]
}
