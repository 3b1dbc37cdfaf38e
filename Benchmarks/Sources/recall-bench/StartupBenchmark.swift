import Foundation
import RecallCore

#if canImport(Glibc)
    import Glibc
#endif

/// `recall-bench startup [RUNS]`: the time from launching the release `recall` to its first
/// prompt, on the CSTO deck with a year of daily study in the profile: without the deck cache,
/// with an empty one and with a filled one, next to `recall --version` (process start, the floor).
///
/// The binary is run with standard input at its end, so it loads the decks and the profile,
/// builds the prompt (which counts due and new cards), reads end of input and leaves; the time
/// measured is launch to exit (spawn to waitpid), an upper bound of launch to first prompt. Build it first with
/// `swift build -c release` in the repository.
enum StartupBenchmark {
    static func run(arguments: [String]) {
        let runs = arguments.compactMap { Int($0) }.first ?? 21
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/release/recall")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            fail("build the release binary first: (cd \(root.path) && swift build -c release)")
        }
        // `--keep FOLDER` writes the profile there and leaves it, for `perf record recall …` by hand.
        let kept = arguments.firstIndex(of: "--keep").flatMap {
            arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil
        }
        let folder =
            kept.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "recall-startup-\(UUID().uuidString)")
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
        let reviews: Int
        do {
            reviews = try simulateYear(in: folder)
        } catch {
            fail("could not build the profile: \(error)")
        }
        let cache = folder.appendingPathComponent("cache")
        let profile = ["recall", "--progress-dir", folder.path]
        // Interleaved, so that a change of the machine's load falls on every variant alike.
        var variants: [(name: String, arguments: [String], cache: String?, seconds: [Double])] = [
            ("recall --version (reference)", ["recall", "--version"], "off", []),
            ("no deck cache (RECALL_CACHE=off)", profile, "off", []),
            ("cold deck cache (emptied before each run)", profile, nil, []),
            ("warm deck cache", profile, cache.path, []),
        ]
        let clock = ContinuousClock()
        for run in 0..<(runs + 1) {
            for index in variants.indices {
                let variant = variants[index]
                if variant.cache == nil { try? FileManager.default.removeItem(at: cache) }
                setenv("RECALL_CACHE", variant.cache ?? cache.path, 1)
                // posix_spawn and waitpid: Foundation's Process.waitUntilExit polls a run loop and
                // rounds short runs up to its 50 ms tick.
                var status: Int32 = 0
                let elapsed = clock.measure {
                    status = spawnAndWait(binary.path, variant.arguments)
                }
                guard status == 0 else { fail("recall exited with status \(status)") }
                // The first run of each warms the file cache (and fills the deck cache).
                if run > 0 {
                    variants[index].seconds.append(
                        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
                }
            }
        }
        print(
            "startup: CSTO deck, profile of \(reviews) reviews over 365 days; median of \(runs) (best, worst)"
        )
        let reference = median(variants[0].seconds)
        for variant in variants {
            let timed = variant.seconds.sorted()
            print(
                String(
                    format: "  %@ %6.1f ms (%.1f, %.1f)  %.2f× --version",
                    variant.name.padding(toLength: 44, withPad: " ", startingAt: 0), median(timed) * 1000,
                    (timed.first ?? 0) * 1000, (timed.last ?? 0) * 1000,
                    median(timed) / reference))
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Runs `path` with `arguments`, standard streams on /dev/null; returns its exit status.
    static func spawnAndWait(_ path: String, _ arguments: [String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(
                &actions, fd, "/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status >> 8) & 0xFF
    }

    /// A year of daily sessions: every due card answered (one in eight forgotten), new cards
    /// up to the daily limit, through the same StudySession the program uses.
    static func simulateYear(in folder: URL) throws -> Int {
        guard let deck = try DeckLibrary.bundledDecks().first else { return 0 }
        let cards = QuestionGenerator().cards(for: deck)
        let store = try ProgressStore.open(profile: "default", in: folder)
        defer { store.close() }
        let scheduler = try Scheduler(settings: store.profile.settings)
        var rng = SplitMix64(seed: 2026)
        var day = Date().addingTimeInterval(-365 * 86_400)
        for _ in 0..<365 {
            var now = day
            let session = StudySession(
                cards: cards, vocabulary: [], store: store, scheduler: scheduler, now: now)
            while let card = session.next(now: now) {
                let rating: Rating = Int.random(in: 0..<8, using: &rng) == 0 ? .again : .good
                let grade = Grade(
                    verdict: rating == .again ? .wrong : .correct, score: 1, expected: card.answer)
                try session.record(
                    card, reply: card.answer, grade: grade, rating: rating, duration: 6, now: now)
                now += 8
            }
            day += 86_400
        }
        try store.save()
        return store.profile.reviews.count
    }
}
