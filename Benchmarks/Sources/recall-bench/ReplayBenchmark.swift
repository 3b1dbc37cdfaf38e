import Foundation
import RecallCore

/// `recall scheduler replay`'s core: the whole of `Replay.run` (parse JSON, schedule, write JSON),
/// bytes to bytes as the command runs it, or only reading the request.
struct ReplayBenchmark: Benchmark {
    enum Stage {
        case parse
        case full
    }

    var stage: Stage
    var workload = Workload()
    var request = Data()
    /// The request as the command reads it (`Console.readStandardInput`): bytes.
    var bytes: [UInt8] = []

    var name: String { stage == .full ? "replay" : "replay-parse" }
    var summary: String {
        stage == .full
            ? "Replay.run (JSON in, JSON out) over the scheduler workload"
            : "ReplayRequest(json:) alone over the scheduler workload's request"
    }
    var unit: String { "reviews" }
    var units: Int { workload.reviews }

    /// Builds the request from the review times the scheduler workload produces.
    mutating func prepare() {
        guard let scheduler = try? Scheduler(settings: SchedulerSettings(enableFuzzing: false)) else {
            return
        }
        var rng = SplitMix64(seed: 0)
        var cards: [String] = []
        for card in 0..<workload.cards {
            var state = CardState.new(at: Workload.start)
            var reviews: [String] = []
            for review in 0..<workload.reviewsPerCard {
                let rating = Workload.rating(card: card, review: review)
                reviews.append(
                    #"{"time":"\#(UTCTimestamp.string(from: state.due))","rating":\#(rating.rawValue)}"#)
                state = scheduler.review(state, rating: rating, at: state.due, using: &rng)
            }
            cards.append(#"{"id":"card-\#(card)","reviews":[\#(reviews.joined(separator: ","))]}"#)
        }
        request = Data(#"{"cards":[\#(cards.joined(separator: ",\n"))]}"#.utf8)
        bytes = [UInt8](request)
    }

    func run() -> Double {
        switch stage {
        case .parse:
            guard let parsed = try? ReplayRequest(json: bytes) else { return -1 }
            return Double(parsed.cards.reduce(0) { $0 + $1.reviews.count })
        case .full:
            guard let output = try? Replay.run(json: bytes) else { return -1 }
            return Double(output.count)
        }
    }
}
