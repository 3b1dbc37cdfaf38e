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
    private static let whiteSpace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
    static let cardFields = ["id", "reviews"]
    static let reviewFields = ["time", "rating"]

    /// Reads a request from JSON, checking every field.
    /// - Throws: `ReplayError`, naming the card and review at fault.
    public init(json data: Data) throws(ReplayError) {
        guard data.contains(where: { !Self.whiteSpace.contains($0) }) else { throw .emptyInput }
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw .malformedJSON(error.description)
        }
        guard case .object(let top) = root else {
            throw .wrongType(
                field: "input", at: .top, expected: "an object with a 'cards' array", found: root.kind)
        }
        try Self.rejectUnknown(in: top, allowed: Self.topFields, at: .top)

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

        guard let cardsValue = top["cards"] else { throw .missingField("cards", at: .top) }
        guard case .array(let cardValues) = cardsValue else {
            throw .wrongType(field: "cards", at: .top, expected: "an array", found: cardsValue.kind)
        }
        var cards: [Card] = []
        cards.reserveCapacity(cardValues.count)
        for (index, value) in cardValues.enumerated() {
            cards.append(try Self.card(value, position: index + 1))
        }
        self.init(settings: settings, cards: cards)
    }

    private static func card(_ value: JSONValue, position: Int) throws(ReplayError) -> Card {
        var location = ReplayError.Location(card: position)
        guard case .object(let fields) = value else {
            throw .wrongType(field: "cards[\(position)]", at: .top, expected: "an object", found: value.kind)
        }
        guard let idValue = fields["id"] else { throw .missingField("id", at: location) }
        guard case .string(let id) = idValue else {
            throw .wrongType(field: "id", at: location, expected: "a string", found: idValue.kind)
        }
        location.cardID = id
        try rejectUnknown(in: fields, allowed: cardFields, at: location)
        guard let reviewsValue = fields["reviews"] else { throw .missingField("reviews", at: location) }
        guard case .array(let reviewValues) = reviewsValue else {
            throw .wrongType(field: "reviews", at: location, expected: "an array", found: reviewsValue.kind)
        }
        var reviews: [Review] = []
        reviews.reserveCapacity(reviewValues.count)
        var previous: (date: Date, text: String)?
        for (index, reviewValue) in reviewValues.enumerated() {
            location.review = index + 1
            let (review, text) = try self.review(reviewValue, at: location)
            if let previous, review.time < previous.date {
                throw .timeOutOfOrder(text, previous: previous.text, at: location)
            }
            previous = (review.time, text)
            reviews.append(review)
        }
        return Card(id: id, reviews: reviews)
    }

    private static func review(
        _ value: JSONValue, at location: ReplayError.Location
    ) throws(ReplayError) -> (Review, String) {
        guard case .object(let fields) = value else {
            throw .wrongType(field: "review", at: location, expected: "an object", found: value.kind)
        }
        try rejectUnknown(in: fields, allowed: reviewFields, at: location)
        guard let timeValue = fields["time"] else { throw .missingField("time", at: location) }
        guard case .string(let text) = timeValue else {
            throw .wrongType(field: "time", at: location, expected: "a string", found: timeValue.kind)
        }
        guard let time = UTCTimestamp.date(from: text) else { throw .invalidTime("'\(text)'", at: location) }
        guard let ratingValue = fields["rating"] else { throw .missingField("rating", at: location) }
        guard let number = ratingValue.integer, let rating = Rating(rawValue: number) else {
            throw .invalidRating(ratingValue.quoted, at: location)
        }
        return (Review(time: time, rating: rating), text)
    }

    private static func rejectUnknown(
        in fields: [String: JSONValue], allowed: [String], at location: ReplayError.Location
    ) throws(ReplayError) {
        // Sorted so that the message does not depend on dictionary order.
        if let unknown = fields.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw .unknownField(unknown, at: location, expected: allowed)
        }
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
