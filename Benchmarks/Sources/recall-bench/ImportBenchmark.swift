import Foundation
import RecallCore

/// `recall import PACKAGE --with-progress P` minus the command line: a legacy Anki package of
/// 10,000 notes (20,000 cards, two templates) and 100,000 reviews, made by
/// `py/make_import_package.py`, read, rendered, written as a deck and its history merged into a
/// fresh profile (replayed with FSRS-6).
///
/// With `fsrs`, every card of the package has an FSRS memory state, so each keeps Anki's due date as
/// a due change (20,000 journal lines written with one fsync).
struct ImportBenchmark: Benchmark {
    let fsrs: Bool
    var name: String { fsrs ? "import-apkg-fsrs" : "import-apkg" }
    var summary: String {
        "import a 10,000-note Anki package with 100,000 reviews into a deck and a profile"
            + (fsrs ? ", every card with an FSRS memory state and due date" : "")
    }
    var unit: String { "reviews" }
    var units: Int { 100_000 }
    private var package: URL?
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "recall-bench-import-\(ProcessInfo.processInfo.processIdentifier)")

    init(fsrs: Bool = false) {
        self.fsrs = fsrs
    }

    mutating func prepare() {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(fsrs ? "bench-fsrs.apkg" : "bench.apkg")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("py/make_import_package.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, file.path, "10000", "100000"] + (fsrs ? ["--fsrs"] : [])
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            fail("cannot run \(script.path): \(error)")
        }
        guard process.terminationStatus == 0 else { fail("\(script.path) failed") }
        package = file
    }

    func run() -> Double {
        guard let package else { fail("not prepared") }
        let target = folder.appendingPathComponent("run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: target) }
        do {
            let importer = DeckImporter()
            let clock = ContinuousClock()
            let started = clock.now
            let plan = try importer.plan(
                package, displayPath: "bench.apkg", deckID: "bench",
                folder: target.appendingPathComponent("Decks"),
                timeZone: TimeZone(identifier: "UTC") ?? .current)
            let planned = clock.now
            try importer.apply(plan)
            let store = try ProgressStore.open(
                profile: "bench", in: target.appendingPathComponent("Progress"))
            defer { store.close() }
            let opened = clock.now
            let added = try importer.recordReviews(of: plan, in: store)
            if ProcessInfo.processInfo.environment["RECALL_BENCH_STAGES"] != nil {
                let stages = [
                    ("plan", planned - started), ("write+open", opened - planned),
                    ("reviews", clock.now - opened),
                ]
                print(stages.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            }
            return Double(plan.added.count * 1_000_000 + added)
        } catch {
            fail("import failed: \(error)")
        }
    }
}
