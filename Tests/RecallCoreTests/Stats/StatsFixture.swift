import Foundation
import Testing

@testable import RecallCore

/// Builds profiles with known review logs for the statistics tests, in a fixed time zone
/// (UTC+2, no daylight saving) with the day rolling over at 4 a.m.
struct StatsFixture {
    static let zone = TimeZone(secondsFromGMT: 2 * 3600) ?? .gmt
    static let calendar = StudyCalendar(timeZone: zone, rolloverHour: 4)
    /// Sunday 2026-11-29, 12:00 local time (10:00 UTC).
    static let now = Date(timeIntervalSince1970: 1_795_946_400)

    let scheduler: Scheduler
    var profile: Profile
    private var counter = 0

    init(settings: SchedulerSettings = SchedulerSettings(enableFuzzing: false)) throws {
        scheduler = try Scheduler(settings: settings)
        profile = Profile(name: "learner", settings: settings)
    }

    /// Local time `hour`:`minute` on the calendar day `days` after (negative: before) 2026-11-29.
    static func local(day days: Int, hour: Int = 12, minute: Int = 0) -> Date {
        now + Double(days * 86_400 + (hour - 12) * 3600 + minute * 60)
    }

    /// A card of the given attribute and kind.
    static func card(_ id: String, topic: String = "founded", kind: Card.Kind = .typed, deck: String = "d")
        -> Card
    {
        Card(
            id: CardID(stored: id), deck: deck, kind: kind, prompt: "Prompt of \(id)?", answer: "a",
            facts: [id], source: "s",
            why: "", topic: topic, siblingKey: id)
    }

    /// Records an answer with the real scheduler.
    mutating func answer(_ cardID: String, _ rating: Rating, day: Int, hour: Int = 12, minute: Int = 0) throws
    {
        counter += 1
        let at = Self.local(day: day, hour: hour, minute: minute)
        let review = Review(
            id: "r\(counter)", cardID: cardID, reviewedAt: at, rating: rating, answer: "x",
            verdict: rating == .again ? .wrong : .correct, duration: 5)
        let next = scheduler.review(
            profile.state(of: cardID, at: at), rating: rating, at: at, cardID: cardID)
        try profile.record(review, newState: next)
    }

    func report(_ cards: [Card], at now: Date = StatsFixture.now) throws -> StatsReport {
        try StatsReport(profile: profile, cards: cards, now: now, calendar: Self.calendar)
    }
}
