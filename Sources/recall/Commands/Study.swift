import ArgumentParser
import Foundation
import RecallCore

/// `recall study`: a study session straight away, without the REPL.
struct Study: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "study", abstract: "Study the cards due today, then new ones.")

    @OptionGroup var decks: DeckOptions
    @OptionGroup var progress: ProgressOptions
    @OptionGroup var study: StudySettingsOptions

    @Option(help: ArgumentHelp("Only the deck with this id.", valueName: "id"))
    var deck: String?

    func execute() throws {
        let context = try StudyContext.open(
            decks: decks, progress: progress, deck: deck, seed: study.seed, dayStarts: study.day.hour)
        let reader = Terminal.lineReader(historyPath: nil)
        let clock = study.makeClock()
        var loop = StudyLoop(
            session: context.session(deck: deck, options: study.options(for: context), now: clock()),
            style: .current, reader: reader, now: clock)
        loop.openMedia = { [decks] card in MediaOpen.first(in: card, decks: decks) }
        loop.run()
        let saved = context.close()
        // A failed write is an error even when the learner was told and went on.
        if loop.writeFailed || !saved { throw CommandFailure.reported }
    }
}

/// `--new`, `--limit`, `--seed`, `--day-starts`, `--exam` and `--recall-only`, shared by `recall study` and the REPL.
struct StudySettingsOptions: ParsableArguments {
    @Option(help: "New cards per day (0-10000).")
    var new: Int = 20

    @Option(help: "Review cards per day (0-100000); a backlog beyond it is spread over the following days.")
    var limit: Int = 200

    @Option(help: "Seed for distractors and option order.")
    var seed: UInt64 = 0

    @OptionGroup var day: DayStartsOption

    @Option(
        help: ArgumentHelp(
            "Prepare for an exam on this day (YYYY-MM-DD, your local date; today up to 36500 days ahead): review early and bring new cards forward so as much as possible is remembered then.",
            valueName: "date"))
    var exam: String?

    @Flag(
        name: .customLong("recall-only"),
        help:
            "Ask every card as typed recall (as Anki does), not new and weak cards as multiple choice first.")
    var recallOnly = false

    /// The moment the session starts, in seconds since 1970; time runs on from it (for tests and
    /// reproducible sessions; `RECALL_NOW` does the same for every command).
    @Option(help: .hidden)
    var now: Double?

    /// The clock: the system's, or one that starts at `--now` and runs at the system's pace.
    func makeClock() -> () -> Date { RecallClock.running(from: now) }

    func validate() throws {
        if let problem = InputRange.problem(new, InputRange.newPerDay, option: "--new") {
            throw ValidationError(problem)
        }
        if let problem = InputRange.problem(limit, InputRange.reviewLimit, option: "--limit") {
            throw ValidationError(problem)
        }
        if let now, let problem = InputRange.problem(now, option: "--now") { throw ValidationError(problem) }
        if let exam,
            let problem = InputRange.problem(
                exam: exam, now: makeClock()(), calendar: day.calendar(saved: SchedulerSettings()),
                option: "--exam")
        {
            throw ValidationError(problem)
        }
    }

    /// The session's options in the learner's calendar (`--day-starts`, else the profile's).
    func options(calendar: StudyCalendar) -> StudyOptions {
        StudyOptions(
            newPerDay: new, reviewLimit: limit, clock: calendar,
            exam: exam.flatMap { calendar.start(ofDayNamed: $0) }, recallOnly: recallOnly)
    }

    /// The session's options for the open profile.
    func options(for context: StudyContext) -> StudyOptions {
        options(calendar: context.calendar)
    }
}
