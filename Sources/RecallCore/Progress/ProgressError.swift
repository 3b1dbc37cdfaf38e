public import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// What can go wrong reading or writing a learner's progress files.
///
/// Paths and names in messages are the user's input and are quoted in single quotes.
public enum ProgressError: LocalizedError, Equatable, Sendable {
    /// A profile name is empty, starts with '.', or has characters other than letters, digits, '-', '_', '.'.
    case invalidProfileName(String)
    /// Another process holds the profile's lock; `pid` is the process id the lock file names, if readable.
    case locked(profile: String, lockFile: String, pid: Int32?)
    /// A progress file does not parse or holds an impossible value; line and column are 1-based.
    case malformed(file: String, line: Int, column: Int, reason: String)
    /// A file was written by a newer recall whose schema version this one does not know.
    case newerSchema(file: String, found: Int, supported: Int)
    /// A file declares a schema version that never existed (negative or not a number).
    case unsupportedSchema(file: String, found: Int)
    /// A write failed because the disk or the user's quota is full.
    case diskFull(file: String)
    /// A write failed because the folder or file system is read-only or not writable by this user.
    case readOnly(file: String)
    /// A system call failed for another reason; `code` is the errno value.
    case system(file: String, operation: String, code: Int32)
    /// A file named by the user does not exist.
    case fileNotFound(String)
    /// A review is dated before the card's last review (the clock went backwards).
    case reviewOutOfOrder(cardID: String, reviewedAt: Date, lastReview: Date)
    /// The profile's scheduler settings are out of range, so its log cannot be replayed.
    case invalidSettings(reason: String)
    /// A snapshot's scheduler settings are out of range (the review log itself is fine).
    case settingsOutOfRange(file: String, line: Int, column: Int, reason: String)
    /// A progress file exists but this user may not read it.
    case unreadable(file: String)
    /// The progress folder can be written by other users (a planted link could redirect writes).
    case unsafeFolder(path: String, reason: String)
    /// A progress file is a symbolic link or not a regular file, which recall does not follow.
    case notRegularFile(file: String)
    /// An undo names a review that is not the last review of its card.
    case cannotUndo(reviewID: String)

    public var errorDescription: String? {
        switch self {
        case .invalidProfileName(let name):
            "invalid profile name '\(name)': use letters, digits, '-', '_' and '.', not starting with '.'"
        case .locked(let profile, let lockFile, let pid):
            "profile '\(profile)' is in use by "
                + (pid.map { "process \($0)" } ?? "another process")
                + " (lock '\(lockFile)'); close the other recall first"
        case .malformed(let file, let line, let column, let reason):
            "\(file):\(line):\(column): \(reason); the file was left untouched"
                + " (run 'recall progress repair' to set it aside and rebuild what can be saved)"
        case .newerSchema(let file, let found, let supported):
            "'\(file)' has schema version \(found), but this recall reads versions up to \(supported);"
                + " upgrade recall to open it"
        case .unsupportedSchema(let file, let found):
            "'\(file)' has schema version \(found), which no recall ever wrote"
        case .diskFull(let file):
            "cannot write '\(file)': the disk is full; free some space and try again"
        case .readOnly(let file):
            "cannot write '\(file)': the folder is read-only or not writable"
        case .system(let file, let operation, let code):
            "\(operation) failed on '\(file)': \(ProgressError.describe(errno: code))"
        case .fileNotFound(let path):
            "no such file '\(path)'"
        case .reviewOutOfOrder(let cardID, let reviewedAt, let lastReview):
            "review of card '\(cardID)' at \(ProgressError.format(reviewedAt)) is earlier than its last review"
                + " at \(ProgressError.format(lastReview)); check the system clock"
        case .invalidSettings(let reason):
            "the profile's scheduler settings are invalid: \(reason)"
        case .settingsOutOfRange(let file, let line, let column, let reason):
            "\(file):\(line):\(column): the scheduler settings are out of range: \(reason);"
                + " run 'recall progress repair' to reset them to the defaults (the review log is kept)"
        case .unreadable(let file):
            "cannot read '\(file)': permission denied"
        case .unsafeFolder(let path, let reason):
            "refusing the progress folder '\(path)': \(reason); use a folder only you can write"
                + " (chmod go-w), or one with the sticky bit that you own"
        case .notRegularFile(let file):
            "'\(file)' is a symbolic link or not a regular file; recall does not follow it"
                + " (remove it if you did not create it)"
        case .cannotUndo(let reviewID):
            "review '\(reviewID)' cannot be taken back: it is not the last answer given for its card"
        }
    }

    /// The message without the advice to run repair: for repair's own report.
    var descriptionWithoutAdvice: String {
        if case .malformed(let file, let line, let column, let reason) = self {
            return "\(file):\(line):\(column): \(reason)"
        }
        if case .settingsOutOfRange(let file, let line, let column, let reason) = self {
            return "\(file):\(line):\(column): the scheduler settings are out of range: \(reason)"
        }
        return localizedDescription
    }

    /// The error for a failed system call on `file`, mapping errno to the cases people can act on.
    static func from(errno code: Int32, operation: String, file: String) -> ProgressError {
        let isRead = operation == "open for reading" || operation == "read"
        return switch code {
        case ENOSPC, EDQUOT: .diskFull(file: file)
        case EACCES where isRead, EPERM where isRead: .unreadable(file: file)
        case ELOOP: .notRegularFile(file: file)
        case EROFS, EACCES, EPERM: .readOnly(file: file)
        case ENOENT where operation == "open for reading": .fileNotFound(file)
        default: .system(file: file, operation: operation, code: code)
        }
    }

    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
