import ArgumentParser
import Foundation
import RecallCore

/// `recall plan --exam DATE`: how to study until an exam for the best retention on that day.
struct Plan: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan the days until an exam so that as much as possible is remembered on that day.",
        discussion: """
            Keeps each card's normal schedule, introduces new cards early enough to mature, and adds \
            an extra review, as late as the daily budget allows, for each card that would fall below \
            the target on exam day. With --deck, the deck's unseen cards count as new cards; without \
            it, the plan covers the cards the profile has reviewed. Nothing is changed.
            """
    )

    @Option(
        help: ArgumentHelp("The exam day (YYYY-MM-DD, UTC; today up to 36500 days ahead).", valueName: "date")
    )
    var exam: String
    @Option(help: ArgumentHelp("Only this deck; its unseen cards are planned as new.", valueName: "id"))
    var deck: String?
    @Option(help: "Reviews per day you can do (1-100000).") var budget = 100
    @Option(help: "Retrievability each card should have on exam day.") var target = 0.9
    @OptionGroup var options: ProgressOptions
    @OptionGroup var decks: DeckOptions

    func validate() throws {
        guard target > 0 && target < 1 else { throw ValidationError("--target must be between 0 and 1") }
        if let problem = InputRange.problem(budget, InputRange.budget, option: "--budget") {
            throw ValidationError(problem)
        }
        if let date = UTCTimestamp.date(from: exam + "T00:00:00Z"),
            let problem = InputRange.problem(exam: date, now: Date(), option: "--exam")
        {
            throw ValidationError(problem)
        }
    }

    func execute() throws {
        guard let examDate = UTCTimestamp.date(from: exam + "T00:00:00Z") else {
            throw PlanError.invalidDate(exam)
        }
        let chosen = try deck.map { [try decks.loadDeck(id: $0)] }
        // Opened (journal folded in) and closed at once: planning changes nothing.
        let store = try options.openStore(decks: decks.decksForProgress(chosen: chosen))
        let profile = store.profile
        store.close()
        let now = Date()
        var cards: [ExamPlanner.Card]
        if let chosen {
            let generator = QuestionGenerator()
            cards = chosen.flatMap { generator.cards(for: $0) }.map {
                ExamPlanner.Card(id: $0.id, state: profile.state(of: $0.id, at: now))
            }
        } else {
            cards = profile.states.sorted { $0.key < $1.key }.map {
                ExamPlanner.Card(id: $0.key, state: $0.value)
            }
        }
        let planner = try ExamPlanner(
            exam: examDate, dailyBudget: budget, target: target, settings: profile.settings)
        print(Self.render(planner.plan(cards, now: now), exam: exam, cards: cards.count, budget: budget))
    }

    static func render(_ plan: ExamPlanner.Plan, exam: String, cards: Int, budget: Int) -> String {
        let percent = { (value: Double) in String(format: "%.1f%%", value * 100) }
        guard !plan.days.isEmpty else {
            return "The exam on \(exam) is less than a day away or past: study as usual."
                + " Predicted retention on exam day: \(percent(plan.predictedRetention)) of \(cards) cards."
        }
        var lines = [
            "Exam on \(exam), \(plan.days.count) day(s) away; \(cards) cards.",
            "Predicted retention on exam day: \(percent(plan.predictedRetention)) with this plan"
                + " (\(percent(plan.retentionWithoutStudy)) without further study).",
        ]
        if let deadline = plan.newCardDeadline {
            lines.append(
                "Introduce new cards by \(UTCTimestamp.string(from: deadline).prefix(10)) for them to mature."
            )
        }
        lines.append(
            "Today: review \(plan.reviewEarlyToday.count) card(s) early, introduce \(plan.newCardsToday.count) new."
        )
        lines.append("day         due  early  new")
        var overBudget = 0
        for day in plan.days {
            let total = day.dueReviews + day.earlyReviews.count + day.newCards.count
            if total > budget { overBudget += 1 }
            lines.append(
                String(UTCTimestamp.string(from: day.date).prefix(10))
                    + String(
                        format: "  %4d  %5d  %3d", day.dueReviews, day.earlyReviews.count, day.newCards.count)
                    + (total > budget ? "  over budget" : ""))
        }
        if overBudget > 0 {
            lines.append(
                "note: on \(overBudget) day(s) the reviews already due exceed the budget of \(budget);"
                    + " the plan assumes they are done, so catch up first or raise --budget.")
        }
        return lines.joined(separator: "\n")
    }
}

/// Errors of `recall plan`.
enum PlanError: LocalizedError, Equatable {
    /// The exam date is not a valid YYYY-MM-DD day.
    case invalidDate(String)

    var errorDescription: String? {
        switch self {
        case .invalidDate(let text): "invalid exam date '\(text)'; expected YYYY-MM-DD, e.g. 2026-12-20"
        }
    }
}
