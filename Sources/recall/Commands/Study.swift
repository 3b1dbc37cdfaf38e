import ArgumentParser
import Foundation
import RecallCore

/// `recall study`: a study session straight away, without the REPL.
struct Study: RecallCommand {
    static let configuration = CommandConfiguration(abstract: "Study the cards due today, then new ones.")

    @OptionGroup var decks: DeckOptions
    @OptionGroup var progress: ProgressOptions
    @OptionGroup var study: StudySettingsOptions

    @Option(help: ArgumentHelp("Only the deck with this id.", valueName: "id"))
    var deck: String?

    func execute() throws {
        let context = try StudyContext.open(decks: decks, progress: progress, deck: deck, seed: study.seed)
        let reader = Terminal.lineReader(historyPath: nil)
        var loop = StudyLoop(
            session: context.session(deck: deck, options: study.options, now: Date()),
            style: .current, reader: reader)
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

    @Option(name: .customLong("day-starts"), help: "The hour (local time) at which a study day begins.")
    var dayStarts: Int = 4

    @Option(
        help: ArgumentHelp(
            "Prepare for an exam on this day (YYYY-MM-DD, today up to 36500 days ahead): review early and bring new cards forward so as much as possible is remembered then.",
            valueName: "date"))
    var exam: String?

    @Flag(
        name: .customLong("recall-only"),
        help:
            "Ask every card as typed recall (as Anki does), not new and weak cards as multiple choice first.")
    var recallOnly = false

    /// The exam day's start (midnight UTC), if one was given.
    var examDate: Date? {
        exam.flatMap { UTCTimestamp.date(from: $0 + "T00:00:00Z") }
    }

    func validate() throws {
        if let problem = InputRange.problem(new, InputRange.newPerDay, option: "--new") {
            throw ValidationError(problem)
        }
        if let problem = InputRange.problem(limit, InputRange.reviewLimit, option: "--limit") {
            throw ValidationError(problem)
        }
        guard (0...23).contains(dayStarts) else {
            throw ValidationError("--day-starts must be an hour from 0 to 23.")
        }
        if let exam, examDate == nil {
            throw ValidationError("Invalid exam date '\(exam)'; expected YYYY-MM-DD, e.g. 2026-12-20.")
        }
        if let examDate, let problem = InputRange.problem(exam: examDate, now: Date(), option: "--exam") {
            throw ValidationError(problem)
        }
    }

    var options: StudyOptions {
        StudyOptions(
            newPerDay: new, reviewLimit: limit, clock: DayClock(startHour: dayStarts), exam: examDate,
            recallOnly: recallOnly)
    }
}
