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
            state = scheduler.review(state, id: card.id, rating: review.rating, at: review.time)
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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(request.cards.reduce(64) { $0 + 64 + 240 * $1.reviews.count })
        encode(request.cards.map(replay.replay), to: &bytes)
        return Data(bytes)
    }

    /// `{"cards": [{"id": …, "results": [{"time", "rating", "retrievability", "state", "step",
    /// "stability", "difficulty", "due"}, …]}]}`, keys in that order, one result per line.
    static func encode(_ cards: [CardResults], to out: inout [UInt8]) {
        out.append(contentsOf: #"{"cards": ["#.utf8)
        for (cardIndex, card) in cards.enumerated() {
            out.append(contentsOf: (cardIndex == 0 ? "\n" : ",\n").utf8)
            out.append(contentsOf: #"{"id": "#.utf8)
            out.append(contentsOf: JSONValue.quote(card.id).utf8)
            out.append(contentsOf: #", "results": ["#.utf8)
            for (index, result) in card.results.enumerated() {
                out.append(contentsOf: (index == 0 ? "\n  " : ",\n  ").utf8)
                encode(result, to: &out)
            }
            out.append(contentsOf: (card.results.isEmpty ? "]}" : "\n]}").utf8)
        }
        out.append(contentsOf: (cards.isEmpty ? "]}\n" : "\n]}\n").utf8)
    }

    private static func encode(_ result: Result, to out: inout [UInt8]) {
        let card = result.card
        out.append(contentsOf: #"{"time": ""#.utf8)
        UTCTimestamp.append(result.time, to: &out)
        out.append(contentsOf: #"", "rating": "#.utf8)
        out.append(UInt8(ascii: "0") + UInt8(result.rating.rawValue))
        out.append(contentsOf: #", "retrievability": "#.utf8)
        out.append(contentsOf: JSONValue.format(result.retrievability).utf8)
        out.append(contentsOf: #", "state": ""#.utf8)
        out.append(contentsOf: card.phase.rawValue.utf8)
        out.append(contentsOf: #"", "step": "#.utf8)
        out.append(contentsOf: (card.step.map(String.init) ?? "null").utf8)
        out.append(contentsOf: #", "stability": "#.utf8)
        out.append(contentsOf: (card.stability.map(JSONValue.format) ?? "null").utf8)
        out.append(contentsOf: #", "difficulty": "#.utf8)
        out.append(contentsOf: (card.difficulty.map(JSONValue.format) ?? "null").utf8)
        out.append(contentsOf: #", "due": ""#.utf8)
        UTCTimestamp.append(card.due, to: &out)
        out.append(contentsOf: #""}"#.utf8)
    }
}
