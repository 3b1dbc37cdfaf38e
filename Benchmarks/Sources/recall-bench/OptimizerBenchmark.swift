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

    /// Seconds of processor time (user and system, all threads) used so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The `optimizer` report: simulation, then per size one timed `computeParameters` (the fit
    /// alone, as fsrs-rs's `compute_parameters`) and one timed `fit` (which also evaluates the
    /// default and fitted parameters), wall and processor time, with peak RSS after each, and
    /// the fitted parameters' sum to 12 digits so that two builds' results can be compared.
    static func report(arguments: [String]) {
        let sizes = arguments.compactMap { Int($0) }
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        for size in sizes.isEmpty ? [10_000, 100_000] : sizes {
            let history = simulate(reviews: size)
            let before = peakResidentMegabytes()
            var parameters: [Double] = []
            let cpuBeforeParameters = processorSeconds()
            let parametersTime = clock.measure {
                parameters = (try? FSRSOptimizer().computeParameters(history)) ?? []
            }
            let parametersCPU = processorSeconds() - cpuBeforeParameters
            var result: FSRSOptimizer.Result?
            let cpuBeforeFit = processorSeconds()
            let fitTime = clock.measure { result = try? FSRSOptimizer().fit(history) }
            let fitCPU = processorSeconds() - cpuBeforeFit
            let loss = result.map {
                String(format: "%.4f → %.10f", $0.defaultEvaluation.logLoss, $0.fittedEvaluation.logLoss)
            }
            print(
                "optimizer: \(history.reviewCount) reviews (\(history.cards.count) cards): "
                    + String(
                        format: "parameters %.3f s (CPU %.3f s), fit with evaluation %.3f s (CPU %.3f s); ",
                        seconds(parametersTime), parametersCPU, seconds(fitTime), fitCPU)
                    + String(
                        format: "peak RSS %.0f MB after simulating, %.0f MB after fitting; ", before,
                        peakResidentMegabytes())
                    + "log loss \(loss ?? "failed"); Σw "
                    + String(format: "%.12f", parameters.reduce(0, +))
                    + String(format: " (from fit %.12f)", result?.parameters.reduce(0, +) ?? .nan))
        }
    }
}
