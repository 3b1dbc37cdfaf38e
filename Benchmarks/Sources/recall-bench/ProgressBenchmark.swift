import Foundation
import RecallCore

/// The progress store at scale: a generated profile of 100,000 cards and 2,000,000 reviews
/// (override with `progress CARDS REVIEWS`), release build, medians of a few runs.
///
/// Measures loading (snapshot read and decode), saving (atomic snapshot write with fsyncs),
/// one answer appended to the journal with fsync, replaying the log with FSRS-6, the file's size,
/// and a plain `JSONSerialization.jsonObject` parse of the same bytes for comparison.
enum ProgressBenchmark {
    /// `[CARDS [REVIEWS]] [--skip-foundation] [--keep PATH]`: `--keep` copies the snapshot to PATH
    /// (to time other parsers by hand, e.g. Python's `json.loads`).
    static func run(arguments: [String]) {
        let numbers = arguments.compactMap { Int($0) }
        let options = Options(
            cards: numbers.first ?? 100_000, reviews: numbers.dropFirst().first ?? 2_000_000, runs: 3,
            comparesFoundation: !arguments.contains("--skip-foundation"),
            keepPath: arguments.firstIndex(of: "--keep").flatMap { arguments.dropFirst($0 + 1).first })
        do {
            try measure(options)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.localizedDescription)\n".utf8))
            exit(1)
        }
    }

    struct Options {
        var cards: Int
        var reviews: Int
        var runs: Int
        var comparesFoundation: Bool
        var keepPath: String?
    }

    static func measure(_ options: Options) throws {
        let (cards, reviewCount, runs) = (options.cards, options.reviews, options.runs)
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("recall-progress-bench-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scheduler = try Scheduler()

        print("progress store: \(cards) cards, \(reviewCount) reviews, median of \(runs) runs")
        let (generated, generationTime) = time { generate(cards: cards, reviews: reviewCount) }
        print(String(format: "  generate log:       %8.2f s (setup)", generationTime))

        var replayTimes: [Double] = []
        var profile = generated
        for _ in 0..<runs {
            let (replayed, seconds) = time { generated.replayed(using: scheduler) }
            profile = replayed
            replayTimes.append(seconds)
        }
        report("replay log (FSRS-6)", replayTimes, per: reviewCount)

        // Put the profile into a store: merge into an empty one (sort, dedupe, replay) and save.
        let store = try ProgressStore.open(in: folder)
        store.compactionThreshold = Int.max
        try store.merge(profile, using: scheduler)
        var saveTimes: [Double] = []
        for _ in 0..<runs {
            saveTimes.append(try time { try store.save() }.1)
        }
        report("save snapshot", saveTimes)

        var appendTimes: [Double] = []
        let last = store.profile.reviews.map(\.reviewedAt).max() ?? Date()
        for index in 0..<200 {
            let review = Review(
                cardID: "deck/fact-\(index)/typed", reviewedAt: last + Double(index + 1), rating: .good,
                answer: "answer", verdict: .correct, duration: 2)
            appendTimes.append(try time { try store.record(review, using: scheduler) }.1)
        }
        report("append answer+fsync", appendTimes, unit: "ms", scale: 1_000)
        try store.save()
        store.close()

        let path = folder.appendingPathComponent("default.json").path
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(
            String(
                format: "  snapshot size:      %8.1f MB (%d bytes/review)", Double(size) / 1e6,
                size / max(1, reviewCount)))

        var loadTimes: [Double] = []
        for _ in 0..<runs {
            let (opened, seconds) = try time { try ProgressStore.open(in: folder) }
            loadTimes.append(seconds)
            opened.close()
        }
        report("load (open store)", loadTimes)

        var readTimes: [Double] = []
        var parseTimes: [Double] = []
        for _ in 0..<runs {
            let (data, readSeconds) = try time { try Data(contentsOf: URL(fileURLWithPath: path)) }
            readTimes.append(readSeconds)
            if options.comparesFoundation {
                parseTimes.append(try time { _ = try JSONSerialization.jsonObject(with: data) }.1)
            }
        }
        report("read bytes only", readTimes)
        if options.comparesFoundation { report("JSONSerialization", parseTimes) }
        if let keepPath = options.keepPath {
            try? FileManager.default.removeItem(atPath: keepPath)
            try FileManager.default.copyItem(atPath: path, toPath: keepPath)
        }
    }

    /// Reviews spread over cards and a year, with sub-second times, as a long-used profile has.
    static func generate(cards: Int, reviews: Int) -> Profile {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let step = 365 * 86_400 / Double(max(1, reviews))
        var log: [Review] = []
        log.reserveCapacity(reviews)
        for index in 0..<reviews {
            let random = next()
            let rating = Rating(rawValue: Int(random % 10 < 2 ? 1 : 3 + random % 2)) ?? .good
            log.append(
                Review(
                    id: UUID().uuidString,
                    cardID: "deck-\(random % 7)/fact-\(Int(random >> 8) % cards)/typed",
                    reviewedAt: start + Double(index) * step + Double(random % 1000) / 1000, rating: rating,
                    answer: rating == .again ? "wrong \(index % 97)" : "answer \(index % 89)",
                    verdict: rating == .again ? .wrong : .correct, duration: Double(random % 20_000) / 1000))
        }
        return Profile(reviews: log)
    }

    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static func report(
        _ name: String, _ samples: [Double], per count: Int? = nil, unit: String = "s", scale: Double = 1
    ) {
        let sorted = samples.sorted()
        let median = sorted[sorted.count / 2] * scale
        var line =
            "  " + (name + ":").padding(toLength: 20, withPad: " ", startingAt: 0)
            + String(format: "%8.3f %@", median, unit)
        if let count, median > 0 {
            line += String(format: " (%.0f %@s/s)", Double(count) / (median / scale), "review")
        }
        if unit == "ms" {
            line += String(
                format: " (p90 %.3f ms, %d samples)", sorted[sorted.count * 9 / 10] * scale, sorted.count)
        }
        print(line)
    }
}
