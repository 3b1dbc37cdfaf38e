import Foundation

extension ReplayRequest {
    /// Reads a request straight from JSON bytes into its values, without a tree, checking every
    /// field.
    /// - Throws: `ReplayError`, naming the card and review at fault. A syntax error anywhere in the
    ///   text wins over any other error, and the others come in a fixed order (settings, then the
    ///   cards in turn), whatever the order of the fields in the text.
    public init(json bytes: [UInt8]) throws(ReplayError) {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            throw .emptyInput
        }
        var reader = ReplayRequestReader(bytes)
        self = try reader.read()
    }
}

/// Reads a replay request in one pass over its bytes with `JSONScanner`: the cards, their ids,
/// times and ratings go straight into `ReplayRequest`'s values; the few settings and anything
/// unexpected are read as `JSONValue`s.
///
/// A request's errors are reported as if the text had first been parsed whole: any syntax error
/// wins; then the settings' errors; then the first card's first error, in the order of the
/// checks (`Rank`). So a wrong field is noted and reading goes on, and the best note is thrown
/// once the whole text is known to be JSON.
struct ReplayRequestReader {
    private var scanner: JSONScanner
    /// The first error in the cards, by rank, waiting for the end of the text.
    private var pending: (rank: Rank, error: ReplayError)?
    /// Where `readReviews` gathers a card's reviews (see there).
    private var reviewBuffer: [ReplayRequest.Review] = []

    /// Where an error stands in the order of the checks: the card's position, then the check
    /// within the card (`CardCheck`), then the review's position and the check within it
    /// (`ReviewCheck`); among unknown fields of one object, the first by name.
    private struct Rank: Comparable {
        var path: [Int]
        var name = ""

        static func < (lhs: Rank, rhs: Rank) -> Bool {
            lhs.path == rhs.path ? lhs.name < rhs.name : lhs.path.lexicographicallyPrecedes(rhs.path)
        }
    }

    private enum CardCheck: Int {
        case isObject, hasID, idIsString, knownFields, hasReviews, reviewsIsArray, reviews
    }

    private enum ReviewCheck: Int {
        case isObject, knownFields, hasTime, timeIsString, timeIsValid, hasRating, ratingIsValid, inOrder
    }

    init(_ bytes: [UInt8]) {
        scanner = JSONScanner(bytes)
    }

    mutating func read() throws(ReplayError) -> ReplayRequest {
        do {
            return try readDocument()
        } catch let error as ReplayError {
            throw error
        } catch let failure as JSONScanner.Failure {
            throw .malformedJSON(JSONValue.SyntaxError(failure, in: scanner).description)
        } catch let error as JSONValue.SyntaxError {
            throw .malformedJSON(error.description)
        } catch {
            throw .malformedJSON("\(error)")
        }
    }

    // MARK: The document

    private mutating func readDocument() throws -> ReplayRequest {
        scanner.skipWhiteSpace()
        guard scanner.nextKind == .object else {
            let root = try JSONValue.read(from: &scanner, depth: 0)
            try finishDocument()
            throw ReplayError.wrongType(
                field: "input", at: .top, expected: "an object with a 'cards' array", found: root.kind)
        }
        var fields: [String: JSONValue] = [:]
        var cards: [ReplayRequest.Card]?
        var cardsError: ReplayError?
        var hasCards = false
        if scanner.enterContainer() {
            repeat {
                let keyStart = scanner.offset
                let key = try scanner.string(try scanner.key())
                if key == "cards" {
                    (cards, cardsError) = try readCards()
                    try checkFirst(key, &hasCards, at: keyStart)
                } else if fields.updateValue(try JSONValue.read(from: &scanner, depth: 1), forKey: key) != nil
                {
                    throw duplicate(key, at: keyStart)
                }
                scanner.skipWhiteSpace()
            } while try scanner.nextInContainer(close: UInt8(ascii: "}"))
        }
        try finishDocument()

        // The text is JSON: now its meaning, in order.
        let names = fields.keys + (hasCards ? ["cards"] : [])
        if let unknown = names.filter({ !ReplayRequest.topFields.contains($0) }).sorted().first {
            throw ReplayError.unknownField(unknown, at: .top, expected: ReplayRequest.topFields)
        }
        let settings = try ReplayRequest.settings(fields)
        guard hasCards else { throw ReplayError.missingField("cards", at: .top) }
        if let cardsError { throw cardsError }
        if let pending { throw pending.error }
        return ReplayRequest(settings: settings, cards: cards ?? [])
    }

    private mutating func finishDocument() throws {
        scanner.skipWhiteSpace()
        guard scanner.isAtEnd else { throw scanner.failure(.trailingText) }
    }

    // MARK: Cards

    private mutating func readCards() throws -> ([ReplayRequest.Card]?, ReplayError?) {
        guard scanner.nextKind == .array else {
            let value = try JSONValue.read(from: &scanner, depth: 1)
            return (nil, .wrongType(field: "cards", at: .top, expected: "an array", found: value.kind))
        }
        var cards: [ReplayRequest.Card] = []
        guard scanner.enterContainer() else { return (cards, nil) }
        var position = 0
        repeat {
            position += 1
            if let card = try readCard(position: position) { cards.append(card) }
            scanner.skipWhiteSpace()
        } while try scanner.nextInContainer(close: UInt8(ascii: "]"))
        return (cards, nil)
    }

    private mutating func readCard(position: Int) throws -> ReplayRequest.Card? {
        let unnamed = ReplayError.Location(card: position)
        guard scanner.nextKind == .object else {
            let value = try JSONValue.read(from: &scanner, depth: 2)
            note(
                .wrongType(field: "cards[\(position)]", at: .top, expected: "an object", found: value.kind),
                [position, CardCheck.isObject.rawValue])
            return nil
        }
        var id: String?
        var idKind: String?
        var reviews: [ReplayRequest.Review]?
        var hasID = false
        var hasReviews = false
        var unknown: Set<String> = []
        if scanner.enterContainer() {
            repeat {
                let keyStart = scanner.offset
                let key = try scanner.key()
                if scanner.string(key, equals: "id") {
                    if scanner.nextKind == .string {
                        id = try scanner.string()
                    } else {
                        idKind = try JSONValue.read(from: &scanner, depth: 3).kind
                    }
                    try checkFirst("id", &hasID, at: keyStart)
                } else if scanner.string(key, equals: "reviews") {
                    reviews = try readReviews(card: position)
                    try checkFirst("reviews", &hasReviews, at: keyStart)
                } else {
                    let name = try scanner.string(key)
                    _ = try JSONValue.read(from: &scanner, depth: 3)
                    guard unknown.insert(name).inserted else { throw duplicate(name, at: keyStart) }
                    note(
                        .unknownField(name, at: unnamed, expected: ReplayRequest.cardFields),
                        [position, CardCheck.knownFields.rawValue], name: name)
                }
                scanner.skipWhiteSpace()
            } while try scanner.nextInContainer(close: UInt8(ascii: "}"))
        }
        if !hasID {
            note(.missingField("id", at: unnamed), [position, CardCheck.hasID.rawValue])
        } else if let idKind {
            note(
                .wrongType(field: "id", at: unnamed, expected: "a string", found: idKind),
                [position, CardCheck.idIsString.rawValue])
        }
        if !hasReviews {
            note(.missingField("reviews", at: unnamed), [position, CardCheck.hasReviews.rawValue])
        }
        guard let id else { return nil }
        // Past its id's checks, an error in this card names the card by its id.
        if let rank = pending?.rank, rank.path.first == position, let error = pending?.error {
            pending = (rank, error.naming(cardID: id))
        }
        guard let reviews else { return nil }
        return ReplayRequest.Card(id: id, reviews: reviews)
    }

    // MARK: Reviews

    private mutating func readReviews(card: Int) throws -> [ReplayRequest.Review]? {
        guard scanner.nextKind == .array else {
            let value = try JSONValue.read(from: &scanner, depth: 3)
            note(
                .wrongType(field: "reviews", at: .init(card: card), expected: "an array", found: value.kind),
                [card, CardCheck.reviewsIsArray.rawValue])
            return nil
        }
        guard scanner.enterContainer() else { return [] }
        // Gathered in one buffer kept from card to card, then copied out at its size: a card's
        // reviews are not counted before they are read, and growing each card's array by
        // doubling costs several allocations and copies per card.
        var reviews = reviewBuffer
        reviewBuffer = []
        reviews.removeAll(keepingCapacity: true)
        defer { reviewBuffer = reviews }
        var previous: (time: Date, text: JSONScanner.RawString)?
        var position = 0
        repeat {
            position += 1
            let location = ReplayError.Location(card: card, review: position)
            if let (review, text) = try readReview(at: location) {
                if let previous, review.time < previous.time {
                    note(
                        .timeOutOfOrder(self.text(text), previous: self.text(previous.text), at: location),
                        rank(location, .inOrder))
                }
                previous = (review.time, text)
                reviews.append(review)
            }
            scanner.skipWhiteSpace()
        } while try scanner.nextInContainer(close: UInt8(ascii: "]"))
        return reviews.withUnsafeBufferPointer { Array($0) }
    }

    private mutating func readReview(
        at location: ReplayError.Location
    ) throws -> (ReplayRequest.Review, JSONScanner.RawString)? {
        guard scanner.nextKind == .object else {
            let value = try JSONValue.read(from: &scanner, depth: 4)
            note(
                .wrongType(field: "review", at: location, expected: "an object", found: value.kind),
                rank(location, .isObject))
            return nil
        }
        var time: (date: Date, text: JSONScanner.RawString)?
        var timeError: ReplayError?
        var rating: Rating?
        var ratingText: String?
        var hasTime = false
        var hasRating = false
        var unknown: Set<String> = []
        if scanner.enterContainer() {
            repeat {
                let keyStart = scanner.offset
                let key = try scanner.key()
                if scanner.string(key, equals: "time") {
                    time = try readTime(at: location, error: &timeError)
                    try checkFirst("time", &hasTime, at: keyStart)
                } else if scanner.string(key, equals: "rating") {
                    (rating, ratingText) = try readRating()
                    try checkFirst("rating", &hasRating, at: keyStart)
                } else {
                    let name = try scanner.string(key)
                    _ = try JSONValue.read(from: &scanner, depth: 5)
                    guard unknown.insert(name).inserted else { throw duplicate(name, at: keyStart) }
                    note(
                        .unknownField(name, at: location, expected: ReplayRequest.reviewFields),
                        rank(location, .knownFields), name: name)
                }
                scanner.skipWhiteSpace()
            } while try scanner.nextInContainer(close: UInt8(ascii: "}"))
        }
        if !hasTime {
            note(.missingField("time", at: location), rank(location, .hasTime))
        } else if let timeError {
            note(timeError, rank(location, timeError.isWrongType ? .timeIsString : .timeIsValid))
        }
        if !hasRating {
            note(.missingField("rating", at: location), rank(location, .hasRating))
        } else if let ratingText {
            note(.invalidRating(ratingText, at: location), rank(location, .ratingIsValid))
        }
        guard let time, let rating else { return nil }
        return (ReplayRequest.Review(time: time.date, rating: rating), time.text)
    }

    /// A review's time, read from the bytes when it has no escapes (the usual case), or nil with
    /// what is wrong in `error` (not returned beside it: a `ReplayError` is large, and copying an
    /// empty one out with every review's time was the top instruction of `perf annotate`).
    private mutating func readTime(
        at location: ReplayError.Location, error: inout ReplayError?
    ) throws -> (date: Date, text: JSONScanner.RawString)? {
        guard scanner.nextKind == .string else {
            let kind = try JSONValue.read(from: &scanner, depth: 5).kind
            error = .wrongType(field: "time", at: location, expected: "a string", found: kind)
            return nil
        }
        let raw = try scanner.rawString()
        if !raw.hasEscapes, let date = scanner.withContents(of: raw, UTCTimestamp.date(utf8:)) {
            return (date, raw)
        }
        let text = try scanner.string(raw)
        guard let date = UTCTimestamp.date(from: text) else {
            error = .invalidTime("'\(text)'", at: location)
            return nil
        }
        return (date, raw)
    }

    /// A rating, or how the wrong value reads in a message.
    private mutating func readRating() throws -> (Rating?, String?) {
        // The usual case, one digit standing alone (`3`, not `3.5` or `30`), without a number's
        // general reading: the same rating that reading gives.
        if let digit = scanner.next, let rating = Rating(rawValue: Int(digit) - Int(UInt8(ascii: "0"))) {
            let after = scanner.offset + 1
            let follower = after < scanner.bytes.count ? scanner.bytes[after] : UInt8(ascii: " ")
            switch follower {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"),
                UInt8(ascii: "E"):
                break
            default:
                scanner.offset = after
                return (rating, nil)
            }
        }
        let value: JSONValue =
            scanner.nextKind == .number
            ? .number(try scanner.number()) : try JSONValue.read(from: &scanner, depth: 5)
        guard let number = value.integer, let rating = Rating(rawValue: number) else {
            return (nil, value.quoted)
        }
        return (rating, nil)
    }

    // MARK: Notes

    private mutating func note(_ error: ReplayError, _ path: [Int], name: String = "") {
        let rank = Rank(path: path, name: name)
        if let pending, pending.rank <= rank { return }
        pending = (rank, error)
    }

    private func rank(_ location: ReplayError.Location, _ check: ReviewCheck) -> [Int] {
        [location.card ?? 0, CardCheck.reviews.rawValue, location.review ?? 0, check.rawValue]
    }

    private func text(_ raw: JSONScanner.RawString) -> String {
        (try? scanner.string(raw)) ?? ""
    }

    /// Marks a key as read, or fails as `JSONValue.parse` does on a key read twice.
    private func checkFirst(_ key: String, _ isRead: inout Bool, at keyStart: Int) throws {
        guard !isRead else { throw duplicate(key, at: keyStart) }
        isRead = true
    }

    private func duplicate(_ key: String, at keyStart: Int) -> JSONValue.SyntaxError {
        JSONValue.SyntaxError("duplicate key '\(key)'", at: keyStart, in: scanner)
    }
}

extension ReplayError {
    fileprivate var isWrongType: Bool {
        if case .wrongType = self { return true }
        return false
    }

    /// The same error, its location naming the card by `cardID`.
    fileprivate func naming(cardID: String) -> ReplayError {
        func named(_ location: Location) -> Location {
            var location = location
            location.cardID = cardID
            return location
        }
        switch self {
        case .unknownField(let field, let location, let expected):
            return .unknownField(field, at: named(location), expected: expected)
        case .missingField(let field, let location): return .missingField(field, at: named(location))
        case .wrongType(let field, let location, let expected, let found):
            return .wrongType(field: field, at: named(location), expected: expected, found: found)
        case .invalidRating(let value, let location): return .invalidRating(value, at: named(location))
        case .invalidTime(let value, let location): return .invalidTime(value, at: named(location))
        case .timeOutOfOrder(let time, let previous, let location):
            return .timeOutOfOrder(time, previous: previous, at: named(location))
        case .emptyInput, .malformedJSON, .invalidSettings: return self
        }
    }
}
