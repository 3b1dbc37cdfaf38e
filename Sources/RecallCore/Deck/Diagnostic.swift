public import Foundation

/// A place in a deck file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem found in a deck, printed as `file:line:column: severity: message`.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// How bad a problem is: errors make a deck unusable, warnings do not.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var file: String
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, file: String, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
    }

    /// `path:line:column: error: message`, the shape compilers and editors understand.
    public var formatted: String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
}

/// Why a deck could not be loaded.
public enum DeckError: LocalizedError, Equatable, Sendable {
    /// The deck has one or more errors; each is a diagnostic with its place.
    case invalid([Diagnostic])
    /// No deck with that id was found in the decks folder or built in.
    case unknownDeck(String, available: [String])
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .invalid(let diagnostics):
            return diagnostics.map(\.formatted).joined(separator: "\n")
        case .unknownDeck(let id, let available):
            let list = available.isEmpty ? "none" : available.map { "'\($0)'" }.joined(separator: ", ")
            return "no deck '\(id)'; available decks: \(list)"
        case .unreadable(let path, let reason):
            return "\(path):1:1: error: cannot read the file: \(reason)"
        }
    }
}
