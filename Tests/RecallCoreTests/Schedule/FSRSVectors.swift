import Foundation
import RecallCore
import Testing

/// The golden vectors written by `Tests/Fixtures/make_fsrs_vectors.py` from py-fsrs 6.3.2.
struct FSRSVectors: Decodable {
    struct Settings: Decodable, Sendable {
        var parameters: [Double]?
        var desiredRetention: Double?
        var learningStepsMinutes: [Double]?
        var relearningStepsMinutes: [Double]?
        var maximumInterval: Int?
        var enableFuzzing: Bool?

        var schedulerSettings: SchedulerSettings {
            let defaults = SchedulerSettings()
            return SchedulerSettings(
                parameters: parameters ?? defaults.parameters,
                desiredRetention: desiredRetention ?? defaults.desiredRetention,
                learningSteps: learningStepsMinutes.map { $0.map { $0 * 60 } } ?? defaults.learningSteps,
                relearningSteps: relearningStepsMinutes.map { $0.map { $0 * 60 } }
                    ?? defaults.relearningSteps,
                maximumInterval: maximumInterval ?? defaults.maximumInterval,
                enableFuzzing: enableFuzzing ?? false)
        }
    }

    /// A card as py-fsrs's `Card.to_dict` describes it, with the state by name.
    struct Card: Decodable, Sendable {
        var state: String
        var step: Int?
        var stability: Double?
        var difficulty: Double?
        var due: String
        var lastReview: String?

        func cardState() throws -> CardState {
            CardState(
                phase: try #require(CardState.Phase(rawValue: state)), step: step, stability: stability,
                difficulty: difficulty, due: try #require(UTCTimestamp.date(from: due)),
                lastReview: try lastReview.map { try #require(UTCTimestamp.date(from: $0)) })
        }
    }

    /// One review and py-fsrs's card after it.
    struct Review: Decodable, Sendable {
        var time: String
        var rating: Int
        /// Retrievability just before the review.
        var retrievability: Double
        var state: String
        var step: Int?
        var stability: Double
        var difficulty: Double
        var due: String
    }

    struct Sequence: Decodable, Sendable, CustomTestStringConvertible {
        var id: String
        var settings: Settings
        var initial: Card?
        var reviews: [Review]
        /// With fuzzing on: the numbers py-fsrs's `random()` returned, in order.
        var fuzzDraws: [Double]?

        var testDescription: String { "\(id) (\(reviews.count) reviews)" }
    }

    /// `_get_fuzzed_interval(days)` under `maximum_interval` for each draw of `random()`.
    struct FuzzRange: Decodable, Sendable, CustomTestStringConvertible {
        var days: Int
        var maximumInterval: Int
        var draws: [Double]
        var results: [Int]

        var testDescription: String { "\(days) days, maximum \(maximumInterval)" }
    }

    var fsrs: String
    var sequences: [Sequence]
    var fuzzRanges: [FuzzRange]

    static func load() throws -> FSRSVectors {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(FSRSVectors.self, from: FixtureFile.data("fsrs-vectors.json"))
    }

    /// The sequences, or none if the fixture cannot be read (`FSRSParityTests.fixtureLoads` fails then).
    static let sequences: [Sequence] = (try? load().sequences) ?? []
    static let fuzzRanges: [FuzzRange] = (try? load().fuzzRanges) ?? []
}

/// Hands out recorded values of py-fsrs's `random()` as the 64-bit words that `Scheduler` turns
/// back into exactly those doubles (each is a multiple of 2^-53).
struct RecordedDraws: RandomNumberGenerator {
    var draws: [Double]
    var used = 0
    /// Draws asked for beyond the recording.
    var overdrawn = 0

    init(_ draws: [Double]) {
        self.draws = draws
    }

    mutating func next() -> UInt64 {
        guard used < draws.count else {
            overdrawn += 1
            return 0
        }
        defer { used += 1 }
        return UInt64(draws[used] * 0x1p53) << 11
    }
}
