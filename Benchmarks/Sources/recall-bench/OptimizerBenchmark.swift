import Foundation
import RecallCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// `FSRSOptimizer.fit` on one simulated learner's history of about `targetReviews` reviews
/// (`recall simulate` with drawn true parameters, seed 1), 5 epochs, both cores.
///
/// `recall-bench optimizer [REVIEWS …]` instead fits each size once in this process and reports
/// the time and the peak resident memory (getrusage), which a throughput median cannot show.
struct OptimizerBenchmark: Benchmark {
    var targetReviews: Int
    var history = ReviewHistory(cards: [])

    var name: String { "optimizer-\(targetReviews / 1000)k" }
    var summary: String { "FSRSOptimizer.fit on a simulated learner with about \(targetReviews) reviews" }
    var unit: String { "reviews" }
    var units: Int { history.reviewCount }

    mutating func prepare() {
        history = Self.simulate(reviews: targetReviews)
    }

    func run() -> Double {
        guard let result = try? FSRSOptimizer().fit(history) else { return .nan }
        return result.parameters.reduce(0, +) + result.fittedEvaluation.logLoss
    }

    /// One learner over a year (two beyond 200,000 reviews) with enough new cards a day to reach
    /// about `reviews` reviews (a card gets about six reviews in its first year).
    static func simulate(reviews: Int) -> ReviewHistory {
        var options = Simulator.Options()
        options.days = reviews > 200_000 ? 730 : 365
        options.newCardsPerDay = max(1, reviews / (options.days * 6))
        options.seed = 1
        return (try? Simulator(options: options).run().first?.history) ?? ReviewHistory(cards: [])
    }

    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
            return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
        #else
            return Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
        #endif
    }

    /// The `optimizer` report: simulation, then one timed fit per size, with peak RSS after each.
    static func report(arguments: [String]) {
        let sizes = arguments.compactMap { Int($0) }
        let clock = ContinuousClock()
        for size in sizes.isEmpty ? [10_000, 100_000] : sizes {
            let history = simulate(reviews: size)
            let before = peakResidentMegabytes()
            var result: FSRSOptimizer.Result?
            let elapsed = clock.measure { result = try? FSRSOptimizer().fit(history) }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let loss = result.map {
                String(format: "%.4f → %.4f", $0.defaultEvaluation.logLoss, $0.fittedEvaluation.logLoss)
            }
            print(
                "optimizer: \(history.reviewCount) reviews (\(history.cards.count) cards) in "
                    + String(
                        format: "%.2f s; peak RSS %.0f MB after simulating, %.0f MB after fitting", seconds,
                        before, peakResidentMegabytes())
                    + "; log loss \(loss ?? "failed")")
        }
    }
}
