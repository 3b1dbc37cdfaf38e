public import Foundation

/// Why a replay request was rejected. Every message says where: the card (by id, or by position
/// when it has none) and the review (counting from 1).
public enum ReplayError: LocalizedError, Equatable, Sendable {
    /// The input is empty or only white space.
    case emptyInput
    /// The input is not JSON; the text gives the parser's detail when it has any.
    case malformedJSON(String)
    /// An object holds a field the format does not define.
    case unknownField(String, at: Location, expected: [String])
    /// A required field is absent.
    case missingField(String, at: Location)
    /// A field holds the wrong kind of value (`expected` says what it should be).
    case wrongType(field: String, at: Location, expected: String, found: String)
    /// A rating is not 1, 2, 3 or 4 (the value as written).
    case invalidRating(String, at: Location)
    /// A review time is not an ISO 8601 date-time with a time zone.
    case invalidTime(String, at: Location)
    /// A review is earlier than the review before it.
    case timeOutOfOrder(String, previous: String, at: Location)
    /// The settings are not ones the scheduler accepts.
    case invalidSettings(SchedulerError)

    /// Where in the request something is wrong.
    public struct Location: Equatable, Sendable, CustomStringConvertible {
        /// The card's position, from 1; nil at the top level.
        public var card: Int?
        /// The card's id, if it has one that could be read.
        public var cardID: String?
        /// The review's position within the card, from 1.
        public var review: Int?

        public static let top = Location()

        public init(card: Int? = nil, cardID: String? = nil, review: Int? = nil) {
            self.card = card
            self.cardID = cardID
            self.review = review
        }

        public var description: String {
            var parts: [String] = []
            if let cardID {
                parts.append("card '\(cardID)'")
            } else if let card {
                parts.append("card \(card)")
            }
            if let review {
                parts.append("review \(review)")
            }
            return parts.joined(separator: ", ")
        }
    }

    public var errorDescription: String? {
        switch self {
        case .emptyInput:
            return "the input is empty; expected a JSON object with a 'cards' array"
        case .malformedJSON(let detail):
            return "the input is not valid JSON" + (detail.isEmpty ? "" : ": \(detail)")
        case .unknownField(let field, let location, let expected):
            let known = expected.map { "'\($0)'" }.joined(separator: ", ")
            return Self.prefix(location) + "unknown field '\(field)'; expected \(known)"
        case .missingField(let field, let location):
            return Self.prefix(location) + "missing field '\(field)'"
        case .wrongType(let field, let location, let expected, let found):
            return Self.prefix(location) + "'\(field)' must be \(expected), not \(found)"
        case .invalidRating(let value, let location):
            return Self.prefix(location) + "rating \(value) is not 1–4 (1 again, 2 hard, 3 good, 4 easy)"
        case .invalidTime(let value, let location):
            return Self.prefix(location)
                + "time \(value) is not an ISO 8601 date-time such as '2026-01-01T09:00:00Z'"
        case .timeOutOfOrder(let time, let previous, let location):
            return Self.prefix(location)
                + "time '\(time)' is earlier than the previous review's '\(previous)'"
        case .invalidSettings(let error):
            return "invalid settings: " + (error.errorDescription ?? "\(error)")
        }
    }

    private static func prefix(_ location: Location) -> String {
        let text = location.description
        return text.isEmpty ? "" : text + ": "
    }
}
