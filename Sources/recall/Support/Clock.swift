import Foundation
import RecallCore

/// The time for study, quizzes and the REPL: the system's, or, with `RECALL_NOW` set to a UTC
/// time (`2026-12-01T09:00:00Z`), that time when the program started, running on from there, so
/// tests and demonstrations can move a learner's days forward.
enum Clock {
    private static let start = Date()
    private static let offset: TimeInterval = {
        guard let text = ProcessInfo.processInfo.environment["RECALL_NOW"],
            let injected = UTCTimestamp.date(from: text)
        else { return 0 }
        return injected.timeIntervalSince(start)
    }()

    static func now() -> Date { Date().addingTimeInterval(offset) }

    /// The clock of a command with a (hidden) `--now` option: from that moment (seconds since
    /// 1970) when given, running on from there; otherwise `now()`.
    static func running(from seconds: Double?) -> () -> Date {
        guard let seconds else { return now }
        let start = Date(timeIntervalSince1970: seconds)
        let launched = Date()
        return { start.addingTimeInterval(Date().timeIntervalSince(launched)) }
    }
}
