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
        // The replay follows phases only (its learning and relearning steps).
        let scheduler = try Scheduler(settings: profile.settings)
        let (covered, logNumbers) = StatsHistory.distinct(cards, in: streamed.log)
        let today = calendar.day(of: now)
        let history = StatsHistory(
            log: streamed.log, cards: covered, logNumbers: logNumbers, calendar: calendar,
            scheduler: scheduler)

        self.profile = profile.name
        self.today = StudyCalendar.dateString(ofDay: today)
        self.timeZone = calendar.timeZone.identifier
        self.rolloverHour = calendar.rolloverHour
        self.desiredRetention = profile.settings.desiredRetention
        self.totalReviews = history.totalReviews
        let board = CardStatusBoard(profile: streamed, cards: covered, now: now, days: calendar)
        // Each card's state looked up once, for its status (the counts and the forecast) and its
        // stability bucket (`covered` has no duplicates), over the cores.
        let shards = Parallel.shardCount(for: covered.count / 16)
        let parts = Parallel.map(shards: shards) { [covered, logNumbers] shard in
            var buckets = [Int](repeating: 0, count: Self.stabilityBounds.count)
            // By index: iterating would copy each `Card`.
            let statuses = Parallel.range(ofShard: shard, of: shards, count: covered.count).map { index in
                let state = profile.states[covered[index].id]
                if let stability = state?.stability, stability.isFinite {
                    buckets[Self.stabilityBucket(of: stability)] += 1
                }
                return board.status(of: covered[index], state: state, logNumber: logNumbers[index])
            }
            return (statuses: statuses, buckets: buckets)
        }
        let statuses = parts.flatMap(\.statuses)
        self.cards = CardStatusBoard.counts(of: statuses)
        self.trueRetention = Self.retentionWindows.map { history.trueRetention(days: $0, endingOn: today) }
        self.forecast = Self.forecast(of: statuses, board: board, calendar: calendar)
        self.activity = Self.activity(today: today) { history.days[$0].reviews }
        self.stability = Self.stabilityBuckets(
            counts: parts.reduce(into: [Int](repeating: 0, count: Self.stabilityBounds.count)) { sum, part in
                for (index, count) in part.buckets.enumerated() { sum[index] += count }
            })
        let groups = history.groups
        self.byAttribute = groups.attributes
        self.byKind = groups.kinds
        self.weakest = groups.weakest
        self.hardest = history.hardest(limit: hardestLimit, flags: profile.flags(of:))
        self.streak = Self.streak(today: today) { history.days[$0].reviews > 0 }
    }

    /// Consecutive study days with reviews ending today, or yesterday if today has none yet.
    public static func streak(of reviews: [Review], now: Date, calendar: StudyCalendar) -> Int {
        streak(activeDays: Set(reviews.map { calendar.day(of: $0.reviewedAt) }), today: calendar.day(of: now))
    }

    /// The streak over study-day numbers (see `streak(of:now:calendar:)`).
    public static func streak(activeDays: Set<Int>, today: Int) -> Int {
        streak(today: today, isActive: activeDays.contains)
    }

    /// The streak given whether each study day has reviews.
    static func streak(today: Int, isActive: (Int) -> Bool) -> Int {
        var day = isActive(today) ? today : today - 1
        var count = 0
        while isActive(day) {
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
        var studyDays = StudyDayCache(calendar: calendar)
        for status in statuses {
            guard var due = status.due, !status.isSuspended else { continue }
            if status.burial != nil { due = max(due, board.dayEnd) }
            var offset = studyDays.day(of: due) - today
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

    /// The heatmap's days, given the reviews of each study day.
    static func activity(today: Int, reviews: (Int) -> Int) -> Activity {
        let first = today - StudyCalendar.weekday(ofDay: today) - (activityWeeks - 1) * 7
        let days = (first...today).map { day in
            DayCount(date: StudyCalendar.dateString(ofDay: day), count: reviews(day))
        }
        return Activity(weeks: activityWeeks, days: days, activeDays: days.filter { $0.count > 0 }.count)
    }

    /// The buckets, given how many cards fall in each (in the order of `stabilityBounds`).
    static func stabilityBuckets(counts: [Int]) -> [StabilityBucket] {
        stabilityBounds.enumerated().map { index, bound in
            StabilityBucket(
                label: bound.label, minimumDays: bound.minimum,
                maximumDays: index + 1 < stabilityBounds.count ? stabilityBounds[index + 1].minimum : nil,
                cards: counts[index])
        }
    }

    /// The bucket a stability (in days) falls in: the last whose lower bound it reaches.
    static func stabilityBucket(of stability: Double) -> Int {
        stabilityBounds.lastIndex { $0.minimum <= stability } ?? 0
    }
}
