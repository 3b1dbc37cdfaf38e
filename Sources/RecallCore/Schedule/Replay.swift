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
        Data(try run(json: [UInt8](data)))
    }

    /// `run(json:)` from bytes to bytes: the request is read straight into its values and each
    /// card is written as it is replayed, into one buffer.
    public static func run(json bytes: [UInt8]) throws(ReplayError) -> [UInt8] {
        let request = try ReplayRequest(json: Data(bytes))
        let replay = try Replay(settings: request.settings)
        var writer = JSONWriter(capacity: request.cards.reduce(64) { $0 + 64 + 240 * $1.reviews.count })
        replay.write(request.cards, to: &writer)
        return writer.bytes
    }

    /// `{"cards": [{"id": …, "results": [{"time", "rating", "retrievability", "state", "step",
    /// "stability", "difficulty", "due"}, …]}]}`, keys in that order, one result per line.
    func write(_ cards: [ReplayRequest.Card], to writer: inout JSONWriter) {
        writer.literal(#"{"cards": ["#)
        for (cardIndex, card) in cards.enumerated() {
            writer.literal(cardIndex == 0 ? "\n" : ",\n")
            writer.literal(#"{"id": "#)
            writer.string(card.id)
            writer.literal(#", "results": ["#)
            if let first = card.reviews.first {
                var state = CardState.new(at: first.time)
                for (index, review) in card.reviews.enumerated() {
                    let retrievability = scheduler.retrievability(of: state, at: review.time)
                    state = scheduler.review(state, id: card.id, rating: review.rating, at: review.time)
                    writer.literal(index == 0 ? "\n  " : ",\n  ")
                    Self.write(
                        Result(
                            time: review.time, rating: review.rating, retrievability: retrievability,
                            card: state),
                        to: &writer)
                }
            }
            writer.literal(card.reviews.isEmpty ? "]}" : "\n]}")
        }
        writer.literal(cards.isEmpty ? "]}\n" : "\n]}\n")
    }

    private static func write(_ result: Result, to writer: inout JSONWriter) {
        let card = result.card
        writer.literal(#"{"time": "#)
        writer.timestamp(result.time)
        writer.literal(#", "rating": "#)
        writer.integer(result.rating.rawValue)
        writer.literal(#", "retrievability": "#)
        writer.compactNumber(result.retrievability)
        writer.literal(#", "state": ""#)
        writer.raw(card.phase.rawValue)
        writer.literal(#"", "step": "#)
        if let step = card.step { writer.integer(step) } else { writer.literal("null") }
        writer.literal(#", "stability": "#)
        if let stability = card.stability { writer.compactNumber(stability) } else { writer.literal("null") }
        writer.literal(#", "difficulty": "#)
        if let difficulty = card.difficulty {
            writer.compactNumber(difficulty)
        } else {
            writer.literal("null")
        }
        writer.literal(#", "due": "#)
        writer.timestamp(card.due)
        writer.literal("}")
    }
}
