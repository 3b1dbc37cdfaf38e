import Foundation

/// `recall-bench [--runs N] [--list] [name …]`: runs the named benchmarks (all by default) and
/// prints the median throughput of N timed runs after one warm-up run.
enum Benchmarks {
    static var all: [any Benchmark] {
        [
            SchedulerBenchmark(withRetrievability: false),
            SchedulerBenchmark(withRetrievability: true),
            ReplayBenchmark(stage: .full),
            ReplayBenchmark(stage: .parse),
        ] + DeckBenchmark.Workload.allCases.map { DeckBenchmark($0) } + [
            OptimizerBenchmark(targetReviews: 10_000), OptimizerBenchmark(targetReviews: 100_000),
            GradingBenchmark(.mixed), GradingBenchmark(.long),
            ImportBenchmark(),
            ImportBenchmark(fsrs: true),
        ]
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(64)
}

// `recall-bench progress [CARDS [REVIEWS]] [--skip-foundation] [--keep PATH]`: the progress
// store's figures (load, save, append with fsync, replay, file size), several per run, so they
// do not fit the one-throughput shape below.
if CommandLine.arguments.dropFirst().first == "startup" {
    StartupBenchmark.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "scale" {
    ScaleBenchmark.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "scale-child" {
    ScaleBenchmark.runChild(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "progress" {
    ProgressBenchmark.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

// The optimizer's time and peak memory per size, one fit each (`recall-bench optimizer [REVIEWS …]`).
if CommandLine.arguments.dropFirst().first == "optimizer" {
    OptimizerBenchmark.report(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

var runs = 7
var selected: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--runs":
        guard let value = arguments.popFirst().flatMap(Int.init), value > 0 else {
            fail("--runs needs a positive number")
        }
        runs = value
    case "--list":
        for benchmark in Benchmarks.all {
            print("\(benchmark.name)\t\(benchmark.summary)")
        }
        exit(0)
    case "-h", "--help":
        print("usage: recall-bench [--runs N] [--list] [name …]")
        print("       recall-bench progress [CARDS [REVIEWS]] [--skip-foundation] [--keep PATH]")
        print(
            "       recall-bench scale [--cards N] [--reviews N] [--learners N] [--learner-reviews N] [--runs N]"
        )
        exit(0)
    default:
        selected.append(argument)
    }
}

let known = Benchmarks.all.map(\.name)
if let unknown = selected.first(where: { !known.contains($0) }) {
    fail("unknown benchmark '\(unknown)'; known: \(known.joined(separator: ", "))")
}

#if DEBUG
    FileHandle.standardError.write(
        Data("warning: debug build; use `swift run -c release recall-bench`\n".utf8))
#endif

let clock = ContinuousClock()
for var benchmark in Benchmarks.all where selected.isEmpty || selected.contains(benchmark.name) {
    benchmark.prepare()
    let checksum = benchmark.run()  // warm-up
    var seconds: [Double] = []
    for _ in 0..<runs {
        var result = 0.0
        let elapsed = clock.measure { result = benchmark.run() }
        if result != checksum { fail("\(benchmark.name): checksum changed between runs") }
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    seconds.sort()
    let median = seconds[seconds.count / 2]
    let rate = { (time: Double) in String(format: "%.0f", Double(benchmark.units) / time) }
    let unit = benchmark.unit
    print(
        "\(benchmark.name): \(rate(median)) \(unit)/s median of \(runs)"
            + " (best \(rate(seconds[0])), worst \(rate(seconds[seconds.count - 1])));"
            + " \(benchmark.units) \(unit) in \(String(format: "%.3f", median)) s; checksum \(checksum)")
}
