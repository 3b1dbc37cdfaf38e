public import Foundation

/// Replays review logs through the scheduler: what `recall scheduler replay` computes.
public struct Replay: Sendable {
    /// One review and the card just after it.
    public struct Result: Sendable, Equatable {
        public var time: Date
        public var rating: Rating
        /// The card's retrievability just before the review (0 for a new card).
        public var retrievability: Double
        public var card: CardState
    }

    /// A card's results, one per review, in input order.
    public struct CardResults: Sendable, Equatable {
        public var id: String
        public var results: [Result]
    }

    public let scheduler: Scheduler

    /// - Throws: `ReplayError.invalidSettings` if the scheduler rejects the settings.
    public init(settings: SchedulerSettings) throws(ReplayError) {
        do {
            scheduler = try Scheduler(settings: settings)
        } catch {
            throw .invalidSettings(error)
        }
    }

    /// Replays one card from new. With fuzzing on, each review draws from
    /// `SplitMix64(cardID:reviewedAt:)`, so the same log always gives the same schedule.
    public func replay(_ card: ReplayRequest.Card) -> CardResults {
        guard let first = card.reviews.first else { return CardResults(id: card.id, results: []) }
        var state = CardState.new(at: first.time)
        var results: [Result] = []
        results.reserveCapacity(card.reviews.count)
        for review in card.reviews {
            let retrievability = scheduler.retrievability(of: state, at: review.time)
            var rng = SplitMix64(cardID: card.id, reviewedAt: review.time)
            state = scheduler.review(state, rating: review.rating, at: review.time, using: &rng)
            results.append(
                Result(time: review.time, rating: review.rating, retrievability: retrievability, card: state))
        }
        return CardResults(id: card.id, results: results)
    }

    /// Reads a JSON request and returns the JSON answer, one line per result.
    /// - Throws: `ReplayError`.
    public static func run(json data: Data) throws(ReplayError) -> Data {
        let request = try ReplayRequest(json: data)
        let replay = try Replay(settings: request.settings)
        return Data(encode(request.cards.map(replay.replay)).utf8)
    }

    /// `{"cards": [{"id": …, "results": [{"time", "rating", "retrievability", "state", "step",
    /// "stability", "difficulty", "due"}, …]}]}`, keys in that order.
    public static func encode(_ cards: [CardResults]) -> String {
        var out = "{\"cards\": ["
        for (cardIndex, card) in cards.enumerated() {
            out += cardIndex == 0 ? "\n" : ",\n"
            out += "{\"id\": \(JSONValue.quote(card.id)), \"results\": ["
            for (index, result) in card.results.enumerated() {
                out += index == 0 ? "\n  " : ",\n  "
                out += encode(result)
            }
            out += card.results.isEmpty ? "]}" : "\n]}"
        }
        out += cards.isEmpty ? "]}\n" : "\n]}\n"
        return out
    }

    private static func encode(_ result: Result) -> String {
        let card = result.card
        let step = card.step.map(String.init) ?? "null"
        let stability = card.stability.map(JSONValue.format) ?? "null"
        let difficulty = card.difficulty.map(JSONValue.format) ?? "null"
        return "{\"time\": \"\(UTCTimestamp.string(from: result.time))\", \"rating\": \(result.rating.rawValue), "
            + "\"retrievability\": \(JSONValue.format(result.retrievability)), "
            + "\"state\": \"\(card.phase.rawValue)\", \"step\": \(step), "
            + "\"stability\": \(stability), \"difficulty\": \(difficulty), "
            + "\"due\": \"\(UTCTimestamp.string(from: card.due))\"}"
    }
}
