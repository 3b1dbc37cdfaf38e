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
/// Days are 24-hour periods from `now`, as the scheduler counts elapsed days.
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

        public var reviewEarlyToday: [String] { days.first?.earlyReviews ?? [] }
        public var newCardsToday: [String] { days.first?.newCards ?? [] }
    }

    public var exam: Date
    /// Reviews per day the learner can do (steps and first reviews of new cards included).
    public var dailyBudget: Int
    /// Retrievability each card should have on exam day.
    public var target: Double
    private let scheduler: Scheduler

    /// - Throws: `SchedulerError` if the settings are invalid.
    public init(
        exam: Date, dailyBudget: Int, target: Double = 0.9, settings: SchedulerSettings = SchedulerSettings()
    ) throws(SchedulerError) {
        var exact = settings
        exact.enableFuzzing = false
        scheduler = try Scheduler(settings: exact)
        self.exam = exam
        self.dailyBudget = max(dailyBudget, 0)
        self.target = target
    }

    /// The plan for `cards` as of `now`.
    public func plan(_ cards: [Card], now: Date) -> Plan {
        let withoutStudy = mean(
            cards.map { $0.state.isNew ? 0 : scheduler.retrievability(of: $0.state, at: exam) })
        let dayCount = Scheduler.wholeDays(from: now, to: exam)
        guard dayCount >= 1, !cards.isEmpty else {
            return Plan(
                exam: exam, days: [], newCardDeadline: nil, predictedRetention: withoutStudy,
                retentionWithoutStudy: withoutStudy)
        }
        var days = (0..<dayCount).map {
            Day(
                date: now.addingTimeInterval(Double($0) * 86_400), dueReviews: 0, earlyReviews: [],
                newCards: [])
        }
        var load = [Int](repeating: 0, count: dayCount)
        var examRetention: [String: Double] = [:]

        // Reviewed cards follow their schedule; note the state after the last review before the exam.
        var lastState: [String: CardState] = [:]
        for card in cards where !card.state.isNew {
            let (state, reviews) = followSchedule(card.state, id: card.id, from: now)
            for time in reviews { load[dayIndex(time, now: now, count: dayCount)] += 1 }
            lastState[card.id] = state
            examRetention[card.id] = scheduler.retrievability(of: state, at: exam)
        }

        // New cards: the latest introduction day that still reaches the target, then spread evenly.
        let newCards = cards.filter(\.state.isNew).map(\.id)
        var deadline: Int?
        var introduction: [(intro: CardState, reviews: [Date], retention: Double)] = []
        for day in 0..<dayCount {
            let start = now.addingTimeInterval(Double(day) * 86_400)
            let (state, reviews) = followSchedule(.new(at: start), id: "new", from: start)
            let retention = scheduler.retrievability(of: state, at: exam)
            introduction.append((state, reviews, retention))
            if retention >= target { deadline = day }
        }
        let lastDay = deadline ?? 0
        var remaining = newCards[...]
        for day in 0...lastDay where !remaining.isEmpty {
            let perDay = (remaining.count + (lastDay - day)) / (lastDay - day + 1)
            let cost = max(introduction[day].reviews.count, 1)
            let affordable = day == lastDay ? perDay : min(perDay, max((dailyBudget - load[day]) / cost, 0))
            for id in remaining.prefix(affordable) {
                days[day].newCards.append(id)
                for time in introduction[day].reviews { load[dayIndex(time, now: now, count: dayCount)] += 1 }
                examRetention[id] = introduction[day].retention
            }
            remaining = remaining.dropFirst(affordable)
        }
        for id in remaining { examRetention[id] = 0 }
        for day in days.indices { days[day].dueReviews = load[day] }

        // Extra reviews for cards that would fall below the target, neediest first, as late as possible.
        let needy = lastState.keys.filter { (examRetention[$0] ?? 0) < target }
            .sorted { (examRetention[$0] ?? 0, $0) < (examRetention[$1] ?? 0, $1) }
        for id in needy {
            guard let state = lastState[id] else { continue }
            let earliest = state.lastReview.map { dayIndex($0, now: now, count: dayCount) } ?? 0
            guard let day = (earliest..<dayCount).reversed().first(where: { load[$0] < dailyBudget }) else {
                continue
            }
            let time = now.addingTimeInterval(Double(day) * 86_400)
            let reviewed = scheduler.review(
                state, id: id, rating: .good, at: max(time, state.lastReview ?? time))
            load[day] += 1
            days[day].earlyReviews.append(id)
            examRetention[id] = max(examRetention[id] ?? 0, scheduler.retrievability(of: reviewed, at: exam))
        }
        return Plan(
            exam: exam, days: days, newCardDeadline: newCards.isEmpty ? nil : deadline.map { days[$0].date },
            predictedRetention: mean(cards.map { examRetention[$0.id] ?? 0 }),
            retentionWithoutStudy: withoutStudy)
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
        min(max(Scheduler.wholeDays(from: now, to: time), 0), count - 1)
    }

    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
