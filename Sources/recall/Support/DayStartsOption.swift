import ArgumentParser
import Foundation
import RecallCore

/// `--day-starts HOUR`: when the learner's study day begins. `recall study` and the REPL save it
/// in the profile; every command that counts days (study, stats, plan) reads it from there.
struct DayStartsOption: ParsableArguments {
    @Option(
        name: .customLong("day-starts"),
        help: ArgumentHelp(
            "The local hour (0-23) at which a study day begins (default: the profile's, else 4).",
            valueName: "hour"))
    var hour: Int?

    func validate() throws {
        if let hour, let problem = InputRange.problem(hour, InputRange.hour, option: "--day-starts") {
            throw ValidationError(problem)
        }
    }

    /// The calendar to count days in: this option, else the profile's saved setting.
    func calendar(saved settings: SchedulerSettings) -> StudyCalendar {
        var settings = settings
        if let hour { settings.dayStarts = hour }
        return settings.studyCalendar()
    }
}
