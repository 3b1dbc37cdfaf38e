/// A named workload that can be timed.
///
/// To add one: write a type conforming to `Benchmark` in its own file and list it in
/// `Benchmarks.all` (main.swift).
protocol Benchmark {
    /// The name used on the command line.
    var name: String { get }
    /// One line for `--list`.
    var summary: String { get }
    /// What one unit of work is, plural ("reviews").
    var unit: String { get }
    /// Units of work per run.
    var units: Int { get }
    /// Builds inputs; not timed.
    mutating func prepare()
    /// Does the work once and returns a checksum, so the optimizer cannot drop it and so that
    /// other implementations of the same workload can be compared.
    func run() -> Double
}
