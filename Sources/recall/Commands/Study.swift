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
        defer { context.close() }
        let reader = Terminal.lineReader(historyPath: nil)
        var loop = StudyLoop(
            session: context.session(deck: deck, options: study.options, now: Date()),
            style: .current, reader: reader)
        loop.run()
    }
}

/// `--new`, `--limit`, `--seed` and `--day-starts`, shared by `recall study` and the REPL.
struct StudySettingsOptions: ParsableArguments {
    @Option(help: "New cards per day.")
    var new: Int = 20

    @Option(help: "Review cards per day; a backlog beyond it is spread over the following days.")
    var limit: Int = 200

    @Option(help: "Seed for distractors and option order.")
    var seed: UInt64 = 0

    @Option(name: .customLong("day-starts"), help: "The hour (local time) at which a study day begins.")
    var dayStarts: Int = 4

    @Option(
        help: ArgumentHelp(
            "Prepare for an exam on this day (YYYY-MM-DD): review early and bring new cards forward so as much as possible is remembered then.",
            valueName: "date"))
    var exam: String?

    /// The exam day's start (midnight UTC), if one was given.
    var examDate: Date? {
        exam.flatMap { UTCTimestamp.date(from: $0 + "T00:00:00Z") }
    }

    func validate() throws {
        guard new >= 0 else { throw ValidationError("--new cannot be negative.") }
        guard limit >= 0 else { throw ValidationError("--limit cannot be negative.") }
        guard (0...23).contains(dayStarts) else {
            throw ValidationError("--day-starts must be an hour from 0 to 23.")
        }
        if let exam, examDate == nil {
            throw ValidationError("Invalid exam date '\(exam)'; expected YYYY-MM-DD, e.g. 2026-12-20.")
        }
    }

    var options: StudyOptions {
        StudyOptions(
            newPerDay: new, reviewLimit: limit, clock: DayClock(startHour: dayStarts), exam: examDate)
    }
}
