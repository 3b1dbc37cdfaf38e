import Foundation
import RecallCore

/// The one source of "now" for the executable. `RECALL_NOW` (an ISO 8601 UTC moment, e.g.
/// `2026-12-01T10:00:00Z`) moves the clock for end-to-end tests and demonstrations: the program
/// starts at that moment and time then runs on as usual.
enum RecallClock {
    /// The environment variable that sets the moment the process starts at.
    static let environmentVariable = "RECALL_NOW"

    private static let start: (wall: Date, uptime: ContinuousClock.Instant)? = {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable], !text.isEmpty,
            let moment = UTCTimestamp.date(from: text)
        else { return nil }
        return (moment, ContinuousClock.now)
    }()

    /// The current moment.
    static func now() -> Date {
        guard let start else { return Date() }
        let elapsed = ContinuousClock.now - start.uptime
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return start.wall.addingTimeInterval(seconds)
    }

    /// The clock of a command with a (hidden) `--now` option: from that moment (seconds since
    /// 1970) when given, running on from there; otherwise `now()`.
    static func running(from seconds: Double?) -> () -> Date {
        guard let seconds else { return now }
        let start = (wall: Date(timeIntervalSince1970: seconds), uptime: ContinuousClock.now)
        return {
            let elapsed = ContinuousClock.now - start.uptime
            return start.wall.addingTimeInterval(
                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
    }
}
