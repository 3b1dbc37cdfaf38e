public import Foundation

extension StatsReport {
    /// Computes the statistics of `cards` for `profile` at `now`.
    ///
    /// The review log is replayed with the profile's scheduler settings to learn the phase each
    /// card was in at each review (true retention counts Review-phase reviews only).
    /// - Parameters:
    ///   - cards: the cards covered (usually every card of the chosen decks); duplicates are ignored.
    ///   - hardestLimit: how many hard cards to list.
    /// - Throws: `SchedulerError` if the profile's settings are out of range.
    public init(
        profile: Profile, cards: [Card], now: Date, calendar: StudyCalendar, hardestLimit: Int = 10
    ) throws(SchedulerError) {
        try self.init(
            profile: StreamedProfile(profile), cards: cards, now: now, calendar: calendar,
            hardestLimit: hardestLimit)
    }

    /// The statistics of a profile read with `ReviewLogReader` (see `init(profile:cards:now:calendar:hardestLimit:)`).
    public init(
        profile streamed: StreamedProfile, cards: [Card], now: Date, calendar: StudyCalendar,
        hardestLimit: Int = 10
    ) throws(SchedulerError) {
        let profile = streamed.profile
        // Fuzz only moves due dates, never phases, and skipping it spares hashing the card id
        // for every review replayed.
        var settings = profile.settings
        settings.enableFuzzing = false
        let scheduler = try Scheduler(settings: settings)
        var seen: Set<String> = []
        let covered = cards.filter { seen.insert($0.id).inserted }
        let today = calendar.day(of: now)
        let history = StatsHistory(
            profile: streamed, cards: covered, calendar: calendar, scheduler: scheduler)

        self.profile = profile.name
        self.today = StudyCalendar.dateString(ofDay: today)
        self.timeZone = calendar.timeZone.identifier
        self.rolloverHour = calendar.rolloverHour
        self.desiredRetention = profile.settings.desiredRetention
        self.totalReviews = history.reviewsPerDay.values.reduce(0, +)
        let board = CardStatusBoard(profile: streamed, cards: covered, now: now, days: calendar)
        // Each card's status once, for the counts and the forecast (`covered` has no duplicates),
        // over the cores.
        let shards = Parallel.shardCount(for: covered.count / 16)
        let statuses = Parallel.map(shards: shards) { [covered] shard in
            covered[Parallel.range(ofShard: shard, of: shards, count: covered.count)].map {
                board.status(of: $0)
            }
        }.flatMap { $0 }
        self.cards = CardStatusBoard.counts(of: statuses)
        self.trueRetention = Self.retentionWindows.map { history.trueRetention(days: $0, endingOn: today) }
        self.forecast = Self.forecast(of: statuses, board: board, calendar: calendar)
        self.activity = Self.activity(history.reviewsPerDay, today: today)
        self.stability = Self.stabilityBuckets(of: covered, in: profile)
        let groups = history.groups
        self.byAttribute = groups.attributes
        self.byKind = groups.kinds
        self.weakest = groups.weakest
        self.hardest = history.hardest(limit: hardestLimit)
        self.streak = Self.streak(activeDays: Set(history.reviewsPerDay.keys), today: today)
    }

    /// Consecutive study days with reviews ending today, or yesterday if today has none yet.
    public static func streak(of reviews: [Review], now: Date, calendar: StudyCalendar) -> Int {
        streak(activeDays: Set(reviews.map { calendar.day(of: $0.reviewedAt) }), today: calendar.day(of: now))
    }

    /// The streak over study-day numbers (see `streak(of:now:calendar:)`).
    public static func streak(activeDays: Set<Int>, today: Int) -> Int {
        var day = activeDays.contains(today) ? today : today - 1
        var count = 0
        while activeDays.contains(day) {
            count += 1
            day -= 1
        }
        return count
    }

    /// Cards due on each of the coming days; a buried card comes back tomorrow, and what is
    /// overdue counts today, so today's figure is `StateCounts.due`.
    static func forecast(of statuses: [CardStatus], board: CardStatusBoard, calendar: StudyCalendar)
        -> Forecast
    {
        let today = calendar.day(of: board.now)
        var counts = [Int](repeating: 0, count: forecastDays)
        var overdue = 0
        for status in statuses {
            guard var due = status.due, !status.isSuspended else { continue }
            if status.burial != nil { due = max(due, board.dayEnd) }
            var offset = calendar.day(of: due) - today
            if offset < 0 {
                overdue += 1
                offset = 0
            }
            if offset < forecastDays { counts[offset] += 1 }
        }
        let days = counts.enumerated().map { offset, count in
            DayCount(date: StudyCalendar.dateString(ofDay: today + offset), count: count)
        }
        return Forecast(overdue: overdue, days: days)
    }

    static func activity(_ reviewsPerDay: [Int: Int], today: Int) -> Activity {
        let first = today - StudyCalendar.weekday(ofDay: today) - (activityWeeks - 1) * 7
        let days = (first...today).map { day in
            DayCount(date: StudyCalendar.dateString(ofDay: day), count: reviewsPerDay[day] ?? 0)
        }
        return Activity(weeks: activityWeeks, days: days, activeDays: days.filter { $0.count > 0 }.count)
    }

    static func stabilityBuckets(of cards: [Card], in profile: Profile) -> [StabilityBucket] {
        var buckets = stabilityBounds.enumerated().map { index, bound in
            StabilityBucket(
                label: bound.label, minimumDays: bound.minimum,
                maximumDays: index + 1 < stabilityBounds.count ? stabilityBounds[index + 1].minimum : nil,
                cards: 0)
        }
        for card in cards {
            guard let stability = profile.states[card.id]?.stability, stability.isFinite else { continue }
            let index = buckets.lastIndex { $0.minimumDays <= stability } ?? 0
            buckets[index].cards += 1
        }
        return buckets
    }
}
