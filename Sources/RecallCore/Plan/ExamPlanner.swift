public import Foundation

/// Plans the days before an exam so that as many of a deck's cards as possible are remembered
/// **on the exam day**, within a daily budget of reviews.
///
/// Every card keeps its normal FSRS schedule (reviews done early are recorded as what they are,
/// so the long-term schedule is not damaged and normal scheduling resumes after the exam). On top
/// of it the planner
/// - introduces new cards early enough to mature: the latest day a new card can be introduced
///   and still reach the target on exam day is found by simulating its schedule (assuming Good),
///   and new cards are spread evenly over the days up to it;
/// - adds one extra review for each card whose predicted retrievability on exam day stays below
///   the target, as late as the budget allows (the later the review, the higher the
///   retrievability on exam day), neediest cards first.
///
/// Days are the learner's study days (`StudyCalendar`): the plan lists today and every day after
/// it up to the day before the exam. Nothing is planned beyond the budget: new cards that cannot
/// be introduced within it are reported as not covered, and a day whose reviews already due
/// exceed it says by how much.
public struct ExamPlanner: Sendable {
    /// A card of the deck: its id and state (`CardState.new` for a card never studied).
    public struct Card: Sendable, Equatable {
        public var id: String
        public var state: CardState

        public init(id: String, state: CardState) {
            self.id = id
            self.state = state
        }
    }

    /// One day of the plan.
    public struct Day: Sendable, Equatable {
        public var date: Date
        /// Cards due on that day by the normal schedule (assuming Good answers), steps included.
        public var dueReviews: Int
        /// Cards to review although not due, so that they are fresh on exam day.
        public var earlyReviews: [String]
        /// New cards to introduce.
        public var newCards: [String]

        /// Every review planned that day.
        public var total: Int { dueReviews + earlyReviews.count + newCards.count }
    }

    public struct Plan: Sendable, Equatable {
        public var exam: Date
        /// Today first, up to the day before the exam; empty once the exam has passed.
        public var days: [Day]
        /// The last day a new card can be introduced and still reach the target on exam day;
        /// nil if even today is too late or there are no new cards.
        public var newCardDeadline: Date?
        /// Mean predicted retrievability of the deck's cards on exam day if the plan is followed.
        public var predictedRetention: Double
        /// The same if nothing more is studied (new cards count as 0).
        public var retentionWithoutStudy: Double
        /// The daily budget the plan was made for.
        public var dailyBudget: Int
        /// New cards that cannot be introduced in time within the budget (they count as 0 in
        /// `predictedRetention`).
        public var uncoveredNewCards: [String]
        /// Reviewed cards that stay below the target on exam day because no day before it has
        /// room for an extra review.
        public var uncoveredReviews: [String]

        /// The calendar the plan's days are counted in.
        public var calendar: StudyCalendar

        /// The exam's date as the learner gave it (`2026-12-20`).
        public var examDay: String { calendar.dateString(of: exam) }

        /// Reviewed cards whose review due before the exam had to wait for a later day (or for after
        /// the exam) because the budget was full.
        public var postponedReviews: [String]

        /// Reviews beyond the budget on each day where the reviews already due exceed it.
        public var overBudget: [(date: Date, excess: Int)] {
            days.filter { $0.total > dailyBudget }.map { ($0.date, $0.total - dailyBudget) }
        }

        public var reviewEarlyToday: [String] { days.first?.earlyReviews ?? [] }
        public var newCardsToday: [String] { days.first?.newCards ?? [] }
    }

    public var exam: Date
    /// Reviews per day the learner can do (steps and first reviews of new cards included).
    public var dailyBudget: Int
    /// Retrievability each card should have on exam day.
    public var target: Double
    /// The learner's study days.
    public var calendar: StudyCalendar
    private let scheduler: Scheduler

    /// - Throws: `SchedulerError` if the settings are invalid.
    public init(
        exam: Date, dailyBudget: Int, target: Double = 0.9, settings: SchedulerSettings = SchedulerSettings(),
        calendar: StudyCalendar = StudyCalendar()
    ) throws(SchedulerError) {
        var exact = settings
        exact.enableFuzzing = false
        scheduler = try Scheduler(settings: exact)
        self.exam = exam
        self.dailyBudget = max(dailyBudget, 0)
        self.target = target
        self.calendar = calendar
    }

    /// The plan for `cards` as of `now`.
    public func plan(_ cards: [Card], now: Date) -> Plan {
        let withoutStudy = mean(
            cards.map { $0.state.isNew ? 0 : scheduler.retrievability(of: $0.state, at: exam) })
        let today = calendar.day(of: now)
        let dayCount = calendar.day(of: exam) - today
        guard dayCount >= 1, !cards.isEmpty else {
            return Plan(
                exam: exam, days: [], newCardDeadline: nil, predictedRetention: withoutStudy,
                retentionWithoutStudy: withoutStudy, dailyBudget: dailyBudget, uncoveredNewCards: [],
                uncoveredReviews: [], calendar: calendar, postponedReviews: [])
        }
        // Today from now; later days from their start.
        let starts = (0..<dayCount).map { $0 == 0 ? now : calendar.start(ofDay: today + $0) }
        var days = starts.map { Day(date: $0, dueReviews: 0, earlyReviews: [], newCards: []) }
        var load = [Int](repeating: 0, count: dayCount)
        var examRetention: [String: Double] = [:]

        // Reviewed cards follow their schedule within the budget: each day the most overdue come
        // first, and what does not fit waits for the next day (as a learner's review limit does).
        var lastState: [String: CardState] = [:]
        for card in cards where !card.state.isNew { lastState[card.id] = card.state }
        var postponed: Set<String> = []
        var buckets = [[String]](repeating: [], count: dayCount)
        for (id, state) in lastState where state.due < exam {
            buckets[dayIndex(state.due, now: now, count: dayCount)].append(id)
        }
        var carried: [String] = []
        for day in 0..<dayCount {
            let byDue = { (a: String, b: String) in
                (lastState[a]?.due ?? exam, a) < (lastState[b]?.due ?? exam, b)
            }
            var queue = (carried + buckets[day]).sorted(by: byDue)
            carried = []
            var index = 0
            while index < queue.count {
                let id = queue[index]
                index += 1
                guard load[day] < dailyBudget, let state = lastState[id] else {
                    carried.append(id)
                    postponed.insert(id)
                    continue
                }
                let reviewed = scheduler.review(state, id: id, rating: .good, at: max(state.due, starts[day]))
                lastState[id] = reviewed
                load[day] += 1
                guard reviewed.due < exam else { continue }
                let next = dayIndex(reviewed.due, now: now, count: dayCount)
                if next == day {
                    // A learning step due again the same day comes back in turn.
                    let position = queue[index...].firstIndex { byDue(id, $0) } ?? queue.endIndex
                    queue.insert(id, at: position)
                } else {
                    buckets[next].append(id)
                }
            }
        }
        for (id, state) in lastState { examRetention[id] = scheduler.retrievability(of: state, at: exam) }

        // New cards: the latest introduction day that still reaches the target, then spread evenly.
        let newCards = cards.filter(\.state.isNew).map(\.id)
        var deadline: Int?
        var introduction: [(intro: CardState, reviews: [Date], retention: Double)] = []
        for day in 0..<dayCount {
            let start = starts[day]
            let (state, reviews) = followSchedule(.new(at: start), id: "new", from: start)
            let retention = scheduler.retrievability(of: state, at: exam)
            introduction.append((state, reviews, retention))
            if retention >= target { deadline = day }
        }
        let lastDay = deadline ?? 0
        var remaining = newCards[...]
        for day in 0...lastDay where !remaining.isEmpty {
            // Spread evenly, and never beyond the budget on any day the new card's reviews fall on.
            let perDay = (remaining.count + (lastDay - day)) / (lastDay - day + 1)
            var needs: [Int: Int] = [:]
            for time in introduction[day].reviews {
                needs[dayIndex(time, now: now, count: dayCount), default: 0] += 1
            }
            let reviewDays = introduction[day].reviews.map { dayIndex($0, now: now, count: dayCount) }
            var placed = 0
            while placed < (day == lastDay ? remaining.count : perDay),
                needs.allSatisfy({ load[$0.key] + $0.value <= dailyBudget })
            {
                let id = remaining[remaining.startIndex + placed]
                days[day].newCards.append(id)
                for index in reviewDays { load[index] += 1 }
                examRetention[id] = introduction[day].retention
                placed += 1
            }
            remaining = remaining.dropFirst(placed)
        }
        for id in remaining { examRetention[id] = 0 }
        for day in days.indices { days[day].dueReviews = load[day] - days[day].newCards.count }

        // Extra reviews for cards that would fall below the target, neediest first, as late as possible.
        var uncovered: [String] = []
        let needy = lastState.keys.filter { (examRetention[$0] ?? 0) < target }
            .sorted { (examRetention[$0] ?? 0, $0) < (examRetention[$1] ?? 0, $1) }
        for id in needy {
            guard let state = lastState[id] else { continue }
            let earliest = state.lastReview.map { dayIndex($0, now: now, count: dayCount) } ?? 0
            guard let day = (earliest..<dayCount).reversed().first(where: { load[$0] < dailyBudget }) else {
                uncovered.append(id)
                continue
            }
            let time = starts[day]
            let reviewed = scheduler.review(
                state, id: id, rating: .good, at: max(time, state.lastReview ?? time))
            load[day] += 1
            days[day].earlyReviews.append(id)
            examRetention[id] = max(examRetention[id] ?? 0, scheduler.retrievability(of: reviewed, at: exam))
        }
        return Plan(
            exam: exam, days: days, newCardDeadline: newCards.isEmpty ? nil : deadline.map { days[$0].date },
            predictedRetention: mean(cards.map { examRetention[$0.id] ?? 0 }),
            retentionWithoutStudy: withoutStudy, dailyBudget: dailyBudget,
            uncoveredNewCards: Array(remaining),
            uncoveredReviews: uncovered.filter { (examRetention[$0] ?? 0) < target }, calendar: calendar,
            postponedReviews: postponed.sorted())
    }

    /// Reviews a card (Good) whenever it is due before the exam; its state after the last one
    /// and the times of those reviews.
    private func followSchedule(_ start: CardState, id: String, from now: Date) -> (CardState, [Date]) {
        var state = start
        var times: [Date] = []
        while times.count < 1000 {
            let time = max(state.due, now)
            guard time < exam else { break }
            state = scheduler.review(state, id: id, rating: .good, at: time)
            times.append(time)
        }
        return (state, times)
    }

    private func dayIndex(_ time: Date, now: Date, count: Int) -> Int {
        min(max(calendar.day(of: time) - calendar.day(of: now), 0), count - 1)
    }

    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
