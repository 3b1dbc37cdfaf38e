// The progress store's benchmark alone; the lead merges this with the scheduler benchmarks'
// entry point (branch `fsrs`).
ProgressBenchmark.run(arguments: Array(CommandLine.arguments.dropFirst()))
