import ArgumentParser
import Foundation
import RecallCore

/// `recall plan --exam DATE`: how to study until an exam for the best retention on that day.
struct Plan: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan the days until an exam so that as much as possible is remembered on that day.",
        discussion: """
            Lists every study day from today to the day before the exam (a date in your calendar: \
            --day-starts, else the profile's). Keeps each card's normal schedule, the most overdue \
            first, within the daily budget (what does not fit waits a day, and is said); introduces \
            new cards early enough to mature, as far as the budget allows (the rest are named as not \
            covered); and adds an extra review, as late as the budget allows, for each card that \
            would fall below the target on exam day. The predicted retention is that of this plan, \
            answering Good. With --deck, the deck's unseen cards count as new cards; without it, the \
            plan covers the cards the profile has reviewed. Reads the profile without locking it and \
            changes nothing.
            """
    )

    @Option(
        help: ArgumentHelp(
            "The exam day (YYYY-MM-DD, your local date; today up to 36500 days ahead).", valueName: "date")
    )
    var exam: String
    @Option(help: ArgumentHelp("Only this deck; its unseen cards are planned as new.", valueName: "id"))
    var deck: String?
    @Option(help: "Reviews per day you can do (1-100000).") var budget = 100
    @Option(help: "Retrievability each card should have on exam day.") var target = 0.9
    @OptionGroup var options: ProgressOptions
    @OptionGroup var decks: DeckOptions
    @OptionGroup var day: DayStartsOption

    func validate() throws {
        guard target > 0 && target < 1 else { throw ValidationError("--target must be between 0 and 1") }
        if let problem = InputRange.problem(budget, InputRange.budget, option: "--budget") {
            throw ValidationError(problem)
        }
        // Out of range whatever the profile's rollover hour; checked again in its calendar below.
        if StudyCalendar.day(named: exam) != nil,
            let problem = InputRange.problem(
                exam: exam, now: RecallClock.now(), calendar: StudyCalendar(), option: "--exam"),
            !problem.contains("has passed")
        {
            throw ValidationError(problem)
        }
    }

    func execute() throws {
        // Read without locking: planning changes nothing.
        guard StudyCalendar.day(named: exam) != nil else { throw PlanError.invalidDate(exam) }
        let chosen = try deck.map { [try decks.loadDeck(id: $0)] }
        let profile = try ProfileLookup.existing(options, decks: decks.decksForProgress(chosen: chosen))
        let now = RecallClock.now()
        let calendar = day.calendar(saved: profile.settings)
        if let problem = InputRange.problem(exam: exam, now: now, calendar: calendar, option: "--exam") {
            throw PlanError.outOfRange(problem)
        }
        guard let examDate = calendar.start(ofDayNamed: exam) else { throw PlanError.invalidDate(exam) }
        var cards: [ExamPlanner.Card]
        if let chosen {
            cards = decks.cards(for: chosen).map {
                ExamPlanner.Card(id: $0.id, state: profile.state(of: $0.id, at: now))
            }
        } else {
            cards = profile.states.sorted { $0.key < $1.key }.map {
                ExamPlanner.Card(id: $0.key, state: $0.value)
            }
        }
        let planner = try ExamPlanner(
            exam: examDate, dailyBudget: budget, target: target, settings: profile.settings,
            calendar: calendar)
        print(Self.render(planner.plan(cards, now: now), exam: exam, cards: cards.count, calendar: calendar))
    }

    static func render(_ plan: ExamPlanner.Plan, exam: String, cards: Int, calendar: StudyCalendar) -> String
    {
        let retention = { (value: Double) in Format.percent(value, decimals: 1) }
        guard !plan.days.isEmpty else {
            return "The exam on \(exam) is today: study as usual."
                + " Predicted retention on exam day: \(retention(plan.predictedRetention)) of \(Format.count(cards, "card"))."
        }
        let budget = plan.dailyBudget
        var lines = [
            "Exam on \(exam), \(Format.count(plan.days.count, "day")) away; \(Format.count(cards, "card")),"
                + " at most \(Format.count(budget, "review")) a day.",
            "Predicted retention on exam day: \(retention(plan.predictedRetention)) with this plan"
                + " (\(retention(plan.retentionWithoutStudy)) without further study).",
        ]
        if let deadline = plan.newCardDeadline {
            lines.append("Introduce new cards by \(calendar.dateString(of: deadline)) for them to mature.")
        }
        lines.append(
            "Today: review \(Format.count(plan.reviewEarlyToday.count, "card")) early,"
                + " introduce \(plan.newCardsToday.count) new.")
        var table = TextTable(["day", "due", "early", "new", "total"], rightAligned: [1, 2, 3, 4])
        table.indent = ""
        for day in plan.days {
            table.append(
                [
                    calendar.dateString(of: day.date), String(day.dueReviews), String(day.earlyReviews.count),
                    String(day.newCards.count),
                    String(day.total) + (day.total > budget ? " over budget" : ""),
                ])
        }
        lines.append(table.render().trimmingCharacters(in: .newlines))
        let over = plan.overBudget
        if !over.isEmpty {
            let excess = over.map(\.excess).reduce(0, +)
            lines.append(
                "over budget: on \(Format.count(over.count, "day")) the reviews already due exceed \(budget)"
                    + " (\(Format.count(excess, "review")) over in all, most \(over.map(\.excess).max() ?? 0) on"
                    + " \(calendar.dateString(of: over.max { $0.excess < $1.excess }?.date ?? plan.exam)));"
                    + " the prediction assumes they are done: catch up first or raise --budget.")
        }
        if !plan.postponedReviews.isEmpty {
            lines.append(
                "over budget: \(Format.count(plan.postponedReviews.count, "card")) already due wait for a later day"
                    + " (the prediction counts them late): catch up or raise --budget.")
        }
        if !plan.uncoveredNewCards.isEmpty {
            lines.append(
                "not covered: \(Format.count(plan.uncoveredNewCards.count, "new card")) cannot be introduced in time"
                    + " within \(budget) a day; they count as forgotten in the prediction.")
        }
        if !plan.uncoveredReviews.isEmpty {
            lines.append(
                "not covered: \(Format.count(plan.uncoveredReviews.count, "card")) stay below the target on"
                    + " exam day: no day before it has room for another review.")
        }
        return lines.joined(separator: "\n")
    }
}

/// Errors of `recall plan`.
enum PlanError: LocalizedError, Equatable {
    /// The exam date is not a valid YYYY-MM-DD day.
    case invalidDate(String)
    /// The exam day has passed or is too far ahead.
    case outOfRange(String)

    var errorDescription: String? {
        switch self {
        case .invalidDate(let text): "invalid exam date '\(text)'; expected YYYY-MM-DD, e.g. 2026-12-20"
        case .outOfRange(let problem): problem
        }
    }
}
