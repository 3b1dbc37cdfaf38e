/// A problem found while loading, checking or repairing progress files, with a message for people.
public struct ProgressIssue: Sendable, Hashable, CustomStringConvertible {
    /// How serious an issue is.
    public enum Severity: String, Sendable, Hashable {
        /// The file cannot be used as it is.
        case error
        /// Something was skipped or is suspicious; the data is usable.
        case warning
        /// Information, e.g. what a repair did.
        case note
    }

    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, _ message: String) {
        self.severity = severity
        self.message = message
    }

    /// `warning: …`, as the executable prints it.
    public var description: String { "\(severity.rawValue): \(message)" }
}
