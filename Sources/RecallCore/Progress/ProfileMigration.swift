import Foundation

/// Brings snapshot files of older schema versions up to `Profile.schemaVersion`.
///
/// Each older version has a reader here; `migrate` is the hook a new version adds a step to.
/// The store keeps the original file as `<profile>.json.v<N>.bak` before writing the new one.
enum ProfileMigration {
    /// The profile in an older file, converted to the current model.
    static func migrate(
        _ data: Data, from version: Int, file: String, profileName: String,
        defaultSettings: SchedulerSettings
    ) throws(ProgressError) -> Profile {
        switch version {
        case 0:
            let contents: Version0
            do {
                contents = try JSONDecoder().decode(Version0.self, from: data)
            } catch {
                throw DecodingFailure.progressError(for: error, in: data, file: file)
            }
            return contents.profile(named: profileName, settings: defaultSettings)
        default:
            throw .unsupportedSchema(file: file, found: version)
        }
    }
}

/// Version 0: recall's first layout, without `schema_version`, ids on reviews or settings.
///
/// ```json
/// {"profile": "ana",
///  "cards": {"geo/fr/capital": {"state": "review", "stability": 3.2, "difficulty": 5.1,
///            "due": "2024-03-04T10:00:00Z", "last_review": "2024-03-01T10:00:00Z", "suspended": false}},
///  "history": [{"card": "geo/fr/capital", "time": "2024-03-01T10:00:00Z", "rating": "good",
///               "answer": "Paris", "correct": true, "seconds": 4.2}]}
/// ```
struct Version0: Decodable {
    struct Card: Decodable {
        var state: String
        var step: Int?
        var stability: Double?
        var difficulty: Double?
        var due: Version0Date
        var lastReview: Version0Date?
        var suspended: Bool?

        enum CodingKeys: String, CodingKey {
            case state, step, stability, difficulty, due, lastReview = "last_review", suspended
        }
    }

    struct Entry: Decodable {
        var card: String
        var time: Version0Date
        var rating: Version0Rating
        var answer: String
        var correct: Bool
        var seconds: Double?
    }

    var cards: [String: Card]
    var history: [Entry]

    func profile(named name: String, settings: SchedulerSettings) -> Profile {
        var states: [String: CardState] = [:]
        var flags: [String: CardFlags] = [:]
        for (cardID, card) in cards {
            let phase: CardState.Phase =
                switch card.state {
                case "review": .review
                case "relearning": .relearning
                default: .learning
                }
            states[cardID] = CardState(
                phase: phase, step: phase == .review ? nil : (card.step ?? 0), stability: card.stability,
                difficulty: card.difficulty, due: card.due.date, lastReview: card.lastReview?.date)
            if card.suspended == true { flags[cardID] = CardFlags(isSuspended: true) }
        }
        // Version 0 had no review ids; derive them from what identifies an entry, so the same old
        // file migrated on two machines gives the same ids and merging them drops the copies.
        var occurrences: [String: Int] = [:]
        let reviews = history.map { entry in
            let base = "\(entry.card)@\(entry.time.text)"
            let occurrence = occurrences[base, default: 0]
            occurrences[base] = occurrence + 1
            return Review(
                id: "v0-" + StableHash.digest("\(base)#\(occurrence)"), cardID: entry.card,
                reviewedAt: entry.time.date, rating: entry.rating.rating, answer: entry.answer,
                verdict: entry.correct ? .correct : .wrong, duration: entry.seconds ?? 0)
        }
        return Profile(name: name, settings: settings, states: states, flags: flags, reviews: reviews)
    }
}

/// A version-0 date: an ISO 8601 string, with or without fractional seconds.
struct Version0Date: Decodable {
    var text: String
    var date: Date

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        text = try container.decode(String.self)
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions.insert(.withFractionalSeconds)
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid date '\(text)' (expected ISO 8601, e.g. 2024-03-01T10:00:00Z)")
        }
        self.date = date
    }
}

/// A version-0 rating: its name.
struct Version0Rating: Decodable {
    var rating: Rating

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        switch name {
        case "again": rating = .again
        case "hard": rating = .hard
        case "good": rating = .good
        case "easy": rating = .easy
        default:
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown rating '\(name)' (expected again, hard, good or easy)")
        }
    }
}
