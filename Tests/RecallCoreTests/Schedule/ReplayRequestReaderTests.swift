import Foundation
import Testing

@testable import RecallCore

/// `ReplayRequest(json:)` reads straight from the bytes; these tests hold it to what the tree
/// reader it replaced answered (`TreeReplayRequest`, kept here as the oracle), for hand-picked
/// requests and thousands of mutated ones: the same request, or the same error.
@Suite struct ReplayRequestReaderTests {
    static let time = "2026-01-01T09:00:00Z"

    static let seeds: [String] = [
        #"{"cards":[{"id":"c1","reviews":[{"time":"2026-01-01T09:00:00Z","rating":3},{"time":"2026-01-03T09:00:00.5+02:00","rating":1}]},{"id":"c2","reviews":[]}]}"#,
        #"""
        {"parameters": [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542],
         "desired_retention": 0.9, "learning_steps_minutes": [1, 10], "relearning_steps_minutes": [10],
         "maximum_interval": 36500, "enable_fuzzing": true,
         "cards": [
           {"reviews": [{"rating": 3, "time": "2026-01-01T09:00:00Z"}, {"rating": 4, "time": "2026-01-02T09:00:00Z"}], "id": "b\u00e9\"q"},
           {"id": "x", "reviews": [{"time": "2026-01-01T09:00:00Z", "rating": 2}]}
         ]}
        """#,
        #"{"cards": [{"id": "a", "reviews": [{"time": "2026-02-01T09:00:00Z", "rating": 3}, {"time": "2026-01-01T09:00:00Z", "rating": 3}]}], "enable_fuzzing": null, "parameters": null}"#,
        #"{"cards": [{"id": "a", "extra": {"x": [1, {"y": null}]}, "reviews": [{"time": "2026-01-01T09:00:00", "rating": "3", "note": 1}]}, 7, {"id": 5}], "zeta": 1, "alpha": [true]}"#,
        #"[{"cards": []}]"#,
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var json: String
    }

    static let cases: [Case] = [
        Case(
            testDescription: "reviews before id",
            json: #"{"cards":[{"reviews":[{"time":"x","rating":3}],"id":"c"}]}"#),
        Case(
            testDescription: "rating before time",
            json: #"{"cards":[{"id":"c","reviews":[{"rating":9,"time":"x"}]}]}"#),
        Case(
            testDescription: "two unknown fields", json: #"{"cards":[{"id":"c","reviews":[],"zz":1,"aa":2}]}"#
        ),
        Case(testDescription: "unknown top field after cards", json: #"{"cards":[{"id":7}],"b":1,"a":2}"#),
        Case(
            testDescription: "settings error after a card error",
            json: #"{"cards":[{"id":7}],"maximum_interval":1.5}"#),
        Case(
            testDescription: "duplicate time",
            json: #"{"cards":[{"id":"c","reviews":[{"time":"\#(time)","time":"\#(time)","rating":3}]}]}"#),
        Case(
            testDescription: "duplicate escaped key", json: #"{"cards":[{"id":"c","id":"d","reviews":[]}]}"#),
        Case(testDescription: "duplicate cards", json: #"{"cards":[],"cards":[]}"#),
        Case(
            testDescription: "syntax error after a meaning error",
            json: #"{"cards":[{"id":7,"reviews":[]}]} x"#),
        Case(
            testDescription: "escaped time",
            json: #"{"cards":[{"id":"c","reviews":[{"time":"2026-01-01T09:00:00Z","rating":3}]}]}"#),
        Case(
            testDescription: "time out of order, later card bad",
            json:
                #"{"cards":[{"id":"c","reviews":[{"time":"2026-01-02T00:00:00Z","rating":3},{"time":"2026-01-01T00:00:00Z","rating":3}]},{"id":1}]}"#
        ),
        Case(
            testDescription: "bad review after out of order",
            json:
                #"{"cards":[{"id":"c","reviews":[{"time":"2026-01-02T00:00:00Z","rating":3},{"time":"2026-01-01T00:00:00Z","rating":3},[]]}]}"#
        ),
        Case(testDescription: "null cards", json: #"{"cards":null}"#),
        Case(testDescription: "no cards", json: #"{"parameters":[1,"x"]}"#),
        Case(testDescription: "a string", json: #""cards""#),
        Case(testDescription: "white space only", json: " \n\t"),
        Case(
            testDescription: "deep unknown value",
            json: #"{"cards":[],"x":"# + String(repeating: "[", count: 600) + "}"),
        Case(
            testDescription: "rating 3.0 and 1e0",
            json:
                #"{"cards":[{"id":"c","reviews":[{"time":"\#(time)","rating":3.0},{"time":"\#(time)","rating":1e0}]}]}"#
        ),
        // A rating read as one digit must be one: each of these is another number, or not one.
        Case(
            testDescription: "ratings that begin like one digit",
            json:
                #"{"cards":[{"id":"c","reviews":[{"time":"\#(time)","rating":3e0},{"time":"\#(time)","rating":2E0},{"time":"\#(time)","rating":4.5},{"time":"\#(time)","rating":30},{"time":"\#(time)","rating":1 }]}]}"#
        ),
        Case(
            testDescription: "rating 0",
            json: #"{"cards":[{"id":"c","reviews":[{"time":"\#(time)","rating":0}]}]}"#),
        Case(
            testDescription: "rating 5",
            json: #"{"cards":[{"id":"c","reviews":[{"time":"\#(time)","rating":5}]}]}"#),
        Case(
            testDescription: "rating 1 at the end of the text",
            json: #"{"cards":[{"id":"c","reviews":[{"time":"\#(time)","rating":1"#),
        Case(
            testDescription: "rating 2 then a stray byte",
            json: #"{"cards":[{"id":"c","reviews":[{"time":"\#(time)","rating":2x}]}]}"#),
        Case(
            testDescription: "non-ASCII time",
            json: "{\"cards\":[{\"id\":\"c\",\"reviews\":[{\"time\":\"2026\u{00FF}\",\"rating\":3}]}]}"),
    ]

    @Test(arguments: cases)
    func answersAsTheTreeReaderDid(_ testCase: Case) {
        let bytes = Array(testCase.json.utf8)
        #expect(Self.read(bytes) == Self.oracle(bytes))
    }

    @Test func mutatedRequestsAnswerAsTheTreeReaderDid() {
        var mutator = Mutator(seed: 14, purpose: "replay request")
        var differences: [String] = []
        for seed in Self.seeds {
            let bytes = Array(seed.utf8)
            for _ in 0..<1_500 {
                let input = mutator.mutate(bytes)
                let (read, oracle) = (Self.read(input), Self.oracle(input))
                if read != oracle, differences.count < 5 {
                    differences.append(
                        "\(String(decoding: input, as: UTF8.self))\n  read: \(read)\n  tree: \(oracle)")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test func seedsAreValidOrFailAsIntended() {
        #expect((try? Self.read(Array(Self.seeds[0].utf8)).get())?.cards.count == 2)
        #expect((try? Self.read(Array(Self.seeds[1].utf8)).get())?.settings.enableFuzzing == true)
    }

    static func read(_ bytes: [UInt8]) -> Result<ReplayRequest, ReplayError> {
        Result { () throws(ReplayError) in try ReplayRequest(json: bytes) }
    }

    static func oracle(_ bytes: [UInt8]) -> Result<ReplayRequest, ReplayError> {
        Result { () throws(ReplayError) in try TreeReplayRequest.read(Data(bytes)) }
    }
}

/// The reader `ReplayRequest(json:)` had before it read from the bytes: a `JSONValue` tree,
/// checked field by field. Kept as the oracle of the behaviour.
enum TreeReplayRequest {
    /// Reads a request from JSON, checking every field.
    /// - Throws: `ReplayError`, naming the card and review at fault.
    static func read(_ data: Data) throws(ReplayError) -> ReplayRequest {
        guard data.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { throw .emptyInput }
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
        try Self.rejectUnknown(in: top, allowed: ReplayRequest.topFields, at: .top)

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
        var cards: [ReplayRequest.Card] = []
        cards.reserveCapacity(cardValues.count)
        for (index, value) in cardValues.enumerated() {
            cards.append(try Self.card(value, position: index + 1))
        }
        return ReplayRequest(settings: settings, cards: cards)
    }

    private static func card(_ value: JSONValue, position: Int) throws(ReplayError) -> ReplayRequest.Card {
        var location = ReplayError.Location(card: position)
        guard case .object(let fields) = value else {
            throw .wrongType(field: "cards[\(position)]", at: .top, expected: "an object", found: value.kind)
        }
        guard let idValue = fields["id"] else { throw .missingField("id", at: location) }
        guard case .string(let id) = idValue else {
            throw .wrongType(field: "id", at: location, expected: "a string", found: idValue.kind)
        }
        location.cardID = id
        try rejectUnknown(in: fields, allowed: ReplayRequest.cardFields, at: location)
        guard let reviewsValue = fields["reviews"] else { throw .missingField("reviews", at: location) }
        guard case .array(let reviewValues) = reviewsValue else {
            throw .wrongType(field: "reviews", at: location, expected: "an array", found: reviewsValue.kind)
        }
        var reviews: [ReplayRequest.Review] = []
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
        return ReplayRequest.Card(id: id, reviews: reviews)
    }

    private static func review(
        _ value: JSONValue, at location: ReplayError.Location
    ) throws(ReplayError) -> (ReplayRequest.Review, String) {
        guard case .object(let fields) = value else {
            throw .wrongType(field: "review", at: location, expected: "an object", found: value.kind)
        }
        try rejectUnknown(in: fields, allowed: ReplayRequest.reviewFields, at: location)
        guard let timeValue = fields["time"] else { throw .missingField("time", at: location) }
        guard case .string(let text) = timeValue else {
            throw .wrongType(field: "time", at: location, expected: "a string", found: timeValue.kind)
        }
        guard let time = UTCTimestamp.date(from: text) else { throw .invalidTime("'\(text)'", at: location) }
        guard let ratingValue = fields["rating"] else { throw .missingField("rating", at: location) }
        guard let number = ratingValue.integer, let rating = Rating(rawValue: number) else {
            throw .invalidRating(ratingValue.quoted, at: location)
        }
        return (ReplayRequest.Review(time: time, rating: rating), text)
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
