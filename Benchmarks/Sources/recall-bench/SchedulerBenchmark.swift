import Foundation
import RecallCore

/// `Scheduler.review` throughput, optionally with the retrievability before each review
/// (what `recall scheduler replay` reports).
struct SchedulerBenchmark: Benchmark {
    var withRetrievability: Bool
    var workload = Workload()
    let scheduler: Scheduler

    init(withRetrievability: Bool) {
        self.withRetrievability = withRetrievability
        // Defaults are always valid; a failure here is a bug in RecallCore.
        scheduler = (try? Scheduler(settings: SchedulerSettings(enableFuzzing: false))) ?? Self.unreachable()
    }

    private static func unreachable() -> Scheduler {
        FileHandle.standardError.write(Data("recall-bench: default settings rejected\n".utf8))
        exit(70)
    }

    var name: String { withRetrievability ? "scheduler-r" : "scheduler" }
    var summary: String {
        "Scheduler.review over \(workload.cards) cards × \(workload.reviewsPerCard) reviews"
            + (withRetrievability ? ", plus retrievability before each" : "")
    }
    var unit: String { "reviews" }
    var units: Int { workload.reviews }

    mutating func prepare() {}

    func run() -> Double {
        var checksum = 0.0
        var rng = SplitMix64(seed: 0)
        for card in 0..<workload.cards {
            var state = CardState.new(at: Workload.start)
            for review in 0..<workload.reviewsPerCard {
                let now = state.due
                if withRetrievability {
                    checksum += scheduler.retrievability(of: state, at: now)
                }
                state = scheduler.review(
                    state, rating: Workload.rating(card: card, review: review), at: now, using: &rng)
            }
            checksum += state.stability ?? 0
        }
        return checksum
    }
}
