public import Foundation

/// What `recall scheduler replay` reads: settings and each card's reviews, in time order.
///
/// ```json
/// {"parameters": [21 numbers], "desired_retention": 0.9, "learning_steps_minutes": [1, 10],
///  "relearning_steps_minutes": [10], "maximum_interval": 36500, "enable_fuzzing": false,
///  "cards": [{"id": "c1", "reviews": [{"time": "2026-01-01T09:00:00Z", "rating": 3}]}]}
/// ```
/// Every field but `cards` is optional (null counts as absent) and takes py-fsrs's default,
/// except `enable_fuzzing`, which defaults to false so that a replay is exact.
public struct ReplayRequest: Sendable, Equatable {
    public struct Card: Sendable, Equatable {
        public var id: String
        public var reviews: [Review]

        public init(id: String, reviews: [Review]) {
            self.id = id
            self.reviews = reviews
        }
    }

    public struct Review: Sendable, Equatable {
        public var time: Date
        public var rating: Rating

        public init(time: Date, rating: Rating) {
            self.time = time
            self.rating = rating
        }
    }

    public var settings: SchedulerSettings
    public var cards: [Card]

    public init(settings: SchedulerSettings, cards: [Card]) {
        self.settings = settings
        self.cards = cards
    }

    static let topFields = [
        "parameters", "desired_retention", "learning_steps_minutes", "relearning_steps_minutes",
        "maximum_interval", "enable_fuzzing", "cards",
    ]
    static let cardFields = ["id", "reviews"]
    static let reviewFields = ["time", "rating"]

    /// Reads a request from JSON, checking every field.
    /// - Throws: `ReplayError`, naming the card and review at fault.
    public init(json data: Data) throws(ReplayError) {
        try self.init(json: [UInt8](data))
    }

    /// Reads the settings, which are few, as `JSONValue`s; `ReplayRequestReader` reads the rest.
    static func settings(_ top: [String: JSONValue]) throws(ReplayError) -> SchedulerSettings {
        let defaults = SchedulerSettings(enableFuzzing: false)
        var settings = defaults
        settings.parameters = try Self.numbers(top, "parameters") ?? defaults.parameters
        settings.desiredRetention = try Self.number(top, "desired_retention") ?? defaults.desiredRetention
        settings.learningSteps =
            try Self.numbers(top, "learning_steps_minutes")?.map { $0 * 60 } ?? defaults.learningSteps
        settings.relearningSteps =
            try Self.numbers(top, "relearning_steps_minutes")?.map { $0 * 60 } ?? defaults.relearningSteps
        if let days = top["maximum_interval"], days != .null {
            guard let whole = days.integer else {
                throw .wrongType(
                    field: "maximum_interval", at: .top, expected: "a whole number of days",
                    found: days.quoted)
            }
            settings.maximumInterval = whole
        }
        if let fuzz = top["enable_fuzzing"], fuzz != .null {
            guard case .bool(let value) = fuzz else {
                throw .wrongType(
                    field: "enable_fuzzing", at: .top, expected: "true or false", found: fuzz.kind)
            }
            settings.enableFuzzing = value
        }
        return settings
    }

    private static func number(_ fields: [String: JSONValue], _ name: String) throws(ReplayError) -> Double? {
        switch fields[name] {
        case nil, .null?: return nil
        case .number(let value)?: return value
        case let other?: throw .wrongType(field: name, at: .top, expected: "a number", found: other.kind)
        }
    }

    private static func numbers(_ fields: [String: JSONValue], _ name: String) throws(ReplayError)
        -> [Double]?
    {
        switch fields[name] {
        case nil, .null?: return nil
        case .array(let values)?:
            var numbers: [Double] = []
            for value in values {
                guard case .number(let number) = value else {
                    throw .wrongType(
                        field: name, at: .top, expected: "an array of numbers", found: value.quoted)
                }
                numbers.append(number)
            }
            return numbers
        case let other?:
            throw .wrongType(field: name, at: .top, expected: "an array of numbers", found: other.kind)
        }
    }
}
