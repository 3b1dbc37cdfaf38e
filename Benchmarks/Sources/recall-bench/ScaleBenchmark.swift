import Foundation
import RecallCore

#if canImport(Glibc)
    import Glibc
#endif

/// `recall-bench scale [--cards N] [--reviews N] [--learners N] [--learner-reviews N] [--runs N]`:
/// the rows of issue 14's table at a heavy user's size, each as the median of a few runs with a
/// reference run in the same process, so that the ratio holds on a loaded machine.
///
/// Generates (untimed) in a temporary folder a profile of 100,000 cards and 2,000,000 reviews
/// over ten years, a profile of 200,000 reviews with 32,000 cards in learning, and a class of
/// learners of one year each (1,000 × 57,600 reviews in the issue; fewer by default, the scale
/// printed). Rows whose memory matters (open, stats, class report) run in a child process
/// (`recall-bench scale-child …`) so that its peak resident memory is theirs alone.
enum ScaleBenchmark {
    struct Options {
        var cards = 100_000
        var reviews = 2_000_000
        var learners = 20
        var learnerReviews = 57_600
        var runs = 3
        var answers = 200
        /// `--only ROW,ROW…`: just these rows (open, prompt, answers, compaction, stats, class, deck,
        /// replay, launch); nil: every row.
        var only: Set<String>?

        func includes(_ row: String) -> Bool { only?.contains(row) ?? true }
        var onlyPrompt: Bool { only == ["open", "prompt"] }
    }

    static let rows: Set<String> = [
        "open", "prompt", "answers", "compaction", "stats", "class", "deck", "replay", "launch",
    ]

    static func run(arguments: [String]) {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--only" {
                let chosen = Set((rest.popFirst() ?? "").split(separator: ",").map(String.init))
                guard !chosen.isEmpty, chosen.isSubset(of: rows) else {
                    fail("--only takes a comma-separated list of \(rows.sorted().joined(separator: ", "))")
                }
                options.only = chosen
                continue
            }
            guard let value = rest.popFirst().flatMap(Int.init), value > 0 else {
                fail("\(argument) needs a positive number")
            }
            switch argument {
            case "--cards": options.cards = value
            case "--reviews": options.reviews = value
            case "--learners": options.learners = value
            case "--learner-reviews": options.learnerReviews = value
            case "--runs": options.runs = value
            case "--answers": options.answers = value
            default: fail("unknown option '\(argument)'")
            }
        }
        do {
            try measure(options)
        } catch {
            fail("\(error.localizedDescription)")
        }
    }

    // MARK: The rows

    static func measure(_ options: Options) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("recall-scale-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        if options.only == ["replay"] {
            print(
                "recall-bench scale --only replay: median of \(options.runs); load average \(loadAverage())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var table = Table()
            try measureReplay(options, in: folder, into: &table)
            table.print()
            print("  load average at the end: \(loadAverage())")
            return
        }
        let big = folder.appendingPathComponent("big", isDirectory: true)
        let learning = folder.appendingPathComponent("learning", isDirectory: true)
        let scheduler = try Scheduler()
        print(
            "recall-bench scale: \(options.cards) cards, \(options.reviews) reviews; median of \(options.runs)"
                + "; load average \(loadAverage())")

        let (_, setup) = try time {
            try writeProfile(
                cards: options.cards, reviews: options.reviews, years: 10, learningCards: 0, in: big,
                scheduler: scheduler)
            if options.includes("answers") {
                try writeProfile(
                    cards: 40_000, reviews: 200_000, years: 1, learningCards: 32_000, in: learning,
                    scheduler: scheduler)
            }
        }
        print(String(format: "  (setup: profiles written in %.1f s)", setup))
        // The profile's files: the snapshot of states and the log's segments.
        let profileFiles = files(under: big)
        let snapshotSize = size(of: [big.appendingPathComponent("default.json").path])
        print(
            String(
                format: "  (snapshot %.0f MB, whole profile %.0f MB in %d files)", Double(snapshotSize) / 1e6,
                Double(size(of: profileFiles)) / 1e6, profileFiles.count))
        let now = try lastReview(in: big) + 3600

        var table = Table()

        // Open to the first prompt: the store, a session over every card, the prompt's counts.
        let read = try (0..<options.runs).map { _ in try time { try readAll(profileFiles) }.1 }
        if options.includes("open") {
            let open = try (0..<options.runs).map { _ in
                try child(["open", big.path, String(options.cards), String(now.timeIntervalSince1970)])
            }
            table.add(
                "open the REPL to the first prompt", open.map(\.seconds),
                reference: ("read the profile's bytes", read),
                memory: open.map(\.peakMB).max(), goal: "≤ 0.5 s, ≤ 300 MB")
        }

        // Every prompt after that: the REPL's counts (`DayCountsCache`), recounted after an answer
        // (the answer itself, with its fsync, is not timed) or a flag, and kept when nothing
        // changed. The store is the REPL's: one that notes which cards each change touched.
        let bigStore = try ProgressStore.open(in: big)
        let store = ChangeTrackingStore(bigStore)
        let cards = syntheticCards(options.cards)
        let cache = DayCountsCache(cards: cards, decks: [], store: store, scheduler: scheduler)
        let promptOptions = StudyOptions()
        _ = cache.counts(deck: nil, options: promptOptions, now: now)
        var prompt: [Double] = []
        for index in 0..<options.runs {
            let card = cards[(index * 104_729 + 17) % cards.count]
            try store.record(
                Review(
                    cardID: card.id, reviewedAt: now - 600 + Double(index), rating: .good,
                    answer: card.answer,
                    verdict: .correct, duration: 3), using: scheduler)
            prompt.append(
                time { cache.counts(deck: nil, options: promptOptions, now: now + Double(index)).new }.1)
        }
        var flagged: [Double] = []
        for index in 0..<options.runs {
            let card = cards[(index * 7_919 + 3) % cards.count]
            var flags = store.profile.flags(of: card.id)
            flags.isSuspended.toggle()
            try store.setFlags(flags, for: card.id)
            flagged.append(
                time { cache.counts(deck: nil, options: promptOptions, now: now + 50 + Double(index)).new }.1)
        }
        // An undo: the answer and the undo are not timed; the undo leaves `ProgressStore`'s time
        // index to rebuild (a pass over the log) at the next question, which the prompt asks.
        var undone: [Double] = []
        for index in 0..<options.runs {
            let card = cards[(index * 15_485_863 + 11) % cards.count]
            let previous = store.profile.states[card.id]
            let review = Review(
                cardID: card.id, reviewedAt: now - 300 + Double(index), rating: .again, answer: "x",
                verdict: .wrong, duration: 3)
            try store.record(review, using: scheduler)
            _ = cache.counts(deck: nil, options: promptOptions, now: now + 70 + Double(index))
            try store.undo(review.id, restoring: previous)
            undone.append(
                time { cache.counts(deck: nil, options: promptOptions, now: now + 80 + Double(index)).new }.1)
        }
        let unchanged = (0..<options.runs).map { index in
            time { cache.counts(deck: nil, options: promptOptions, now: now + 100 + Double(index)).new }.1
        }
        // A full count, as at a rollover (or after new settings, a burial ending): each run a
        // later day, so every card is counted again (`DayTally`, one status board, no queue).
        let fullCount = (0..<options.runs).map { index in
            time {
                cache.counts(deck: nil, options: promptOptions, now: now + Double(index + 1) * 86_400).new
            }.1
        }
        let lookups = (0..<options.runs).map { _ in
            time { cards.reduce(0) { $0 + (store.profile.states[$1.id] == nil ? 1 : 0) } }.1
        }
        if options.includes("prompt") {
            table.add(
                "every REPL prompt after an answer", prompt,
                reference: ("one state lookup per card", lookups),
                goal: "≤ 20 ms")
            table.add(
                "every REPL prompt after a flag (suspend)", flagged,
                reference: ("one state lookup per card", lookups), goal: "≤ 20 ms")
            table.add(
                "every REPL prompt after an undo", undone,
                reference: ("one state lookup per card", lookups), goal: "≤ 20 ms")
            table.add(
                "a REPL prompt after a rollover (every card counted)", fullCount,
                reference: ("one state lookup per card", lookups), goal: "–")
            table.add(
                "every REPL prompt, nothing changed", unchanged,
                reference: ("one state lookup per card", lookups),
                goal: "≤ 20 ms")
        }
        if options.onlyPrompt {
            table.print()
            print("  load average at the end: \(loadAverage())")
            return
        }

        // One answer: record (schedule, journal, fsync) and the next card, in a session.
        let floor = try fsyncFloor(in: folder, samples: options.answers)
        if options.includes("answers") {
            let answers = try answerTimes(
                store: bigStore, cards: cards, scheduler: scheduler, now: now, count: options.answers)
            table.add(
                "one answer (record + next card)", answers, reference: ("write + fsync one line", floor),
                goal: "≤ 1 ms + the fsync")
            let learningStore = try ProgressStore.open(in: learning)
            let learningNow = try lastReview(in: learning) + 60
            let learningAnswers = try answerTimes(
                store: learningStore, cards: syntheticCards(40_000), scheduler: scheduler, now: learningNow,
                count: options.answers)
            learningStore.close()
            table.add(
                "one answer, 32k learning cards (200k reviews)", learningAnswers,
                reference: ("write + fsync one line", floor), goal: "flat in backlog")
        }

        // Compaction, as `append` does it every `effectiveCompactionThreshold` answers: what the
        // answer waits for (the journal's rotation; the snapshot of states is written in the
        // background, waited for untimed before the next run).
        var compaction: [Double] = []
        if options.includes("compaction") {
            for index in 0..<options.runs {
                let card = cards[(index * 7919) % cards.count]
                let review = Review(
                    cardID: card.id, reviewedAt: now + 86_400 + Double(index), rating: .good,
                    answer: card.answer,
                    verdict: .correct, duration: 3)
                try store.record(review, using: scheduler)
                compaction.append(try time { try bigStore.compact() }.1)
                bigStore.waitForSnapshot()
            }
            table.add(
                "compaction stall (every \(bigStore.effectiveCompactionThreshold) answers)", compaction,
                reference: ("write + fsync one line", floor), goal: "none in the foreground")
            // Quit: what StudyContext.close does after a session with answers (once: it closes the store).
            let last = cards[4242 % cards.count]
            try store.record(
                Review(
                    cardID: last.id, reviewedAt: now + 2 * 86_400, rating: .good, answer: last.answer,
                    verdict: .correct, duration: 3), using: scheduler)
            let quit = try time { try store.finish() }.1
            table.add(
                "end of a session / quit (1 run)", [quit], reference: ("write + fsync one line", floor),
                goal: "≤ 100 ms")
        }
        bigStore.close()

        if options.includes("stats") {
            let stats = try (0..<options.runs).map { _ in
                try child(["stats", big.path, String(options.cards), String(now.timeIntervalSince1970)])
            }
            table.add(
                "recall stats", stats.map(\.seconds), reference: ("read the profile's bytes", read),
                memory: stats.map(\.peakMB).max(), goal: "≤ 1 s")
        }

        // The class: one year per learner.
        if options.includes("class") {
            let classFolder = folder.appendingPathComponent("class", isDirectory: true)
            let (_, classSetup) = try time {
                for learner in 0..<options.learners {
                    try writeProfile(
                        cards: 3_000, reviews: options.learnerReviews, years: 1, learningCards: 0,
                        in: classFolder, name: "learner-\(learner)", scheduler: scheduler,
                        seed: UInt64(learner + 1))
                }
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: classFolder.path)
                .filter { $0.hasSuffix(".json") }.map { classFolder.appendingPathComponent($0).path }
            let classFiles = self.files(under: classFolder)
            let classBytes = size(of: classFiles)
            print(
                String(
                    format: "  (class: %d learners × %d reviews, %.0f MB, written in %.1f s)",
                    options.learners,
                    options.learnerReviews, Double(classBytes) / 1e6, classSetup))
            let report = try (0..<options.runs).map { _ in try child(["class"] + files) }
            let readClass = try (0..<options.runs).map { _ in try time { try readAll(classFiles) }.1 }
            table.add(
                "class report, \(options.learners) learners × 1 year", report.map(\.seconds),
                reference: ("read every file's bytes", readClass), memory: report.map(\.peakMB).max(),
                goal: "1,000 learners ≤ 15 s, ≤ 500 MB")
        }
        if !options.includes("deck") && !options.includes("replay") && !options.includes("launch") {
            table.print()
            print("  load average at the end: \(loadAverage())")
            return
        }

        // Deck: a generated 10,000-fact deck, load and generate.
        let yaml = Data(SyntheticDeck.yaml(facts: 10_000).utf8)
        let loads = (0..<options.runs).map { _ in
            time { (try? DeckLoader().load(data: yaml, path: "synthetic.yaml"))?.facts.count ?? -1 }.1
        }
        guard let deck = try? DeckLoader().load(data: yaml, path: "synthetic.yaml") else {
            fail("the synthetic deck did not load")
        }
        let generates = (0..<options.runs).map { _ in
            time { QuestionGenerator(seed: 1).cards(for: deck).count }.1
        }
        let copies = (0..<options.runs).map { _ in time { [UInt8](yaml).count }.1 }
        table.add("load a 10,000-fact deck", loads, reference: ("copy its bytes", copies), goal: "≤ 150 ms")
        table.add("generate its cards", generates, reference: ("copy its bytes", copies), goal: "≤ 150 ms")

        // Launch to first prompt, when the release binary is built.
        if let binary = releaseBinary() {
            let launchFolder = folder.appendingPathComponent("launch", isDirectory: true)
            _ = try StartupBenchmark.simulateYear(in: launchFolder)
            let launch = (0..<(options.runs * 3)).map { _ in
                time {
                    StartupBenchmark.spawnAndWait(binary, ["recall", "--progress-dir", launchFolder.path])
                }.1
            }
            let version = (0..<(options.runs * 3)).map { _ in
                time { StartupBenchmark.spawnAndWait(binary, ["recall", "--version"]) }.1
            }
            table.add(
                "launch to first prompt, CSTO + 1 year", launch, reference: ("recall --version", version),
                goal: "≤ 15 ms")
        } else {
            table.note("  launch: skipped (build the release binary first: swift build -c release)")
        }
        if options.includes("replay") {
            try measureReplay(options, in: folder, into: &table)
        }
        table.print()
        print("  load average at the end: \(loadAverage())")
    }

    /// `scheduler replay`, 3,000 cards × 20 reviews, JSON in and out: in process against a parse
    /// and compact re-serialisation of the same input (what `jq -c .` does), its parse alone, and
    /// with the release binary, end to end against `jq -c .` on the same file, and the start of
    /// a replay of no cards against `recall --version` and `/bin/true`.
    static func measureReplay(_ options: Options, in folder: URL, into table: inout Table) throws {
        var replay = ReplayBenchmark(stage: .full)
        replay.workload.cards = 3_000
        replay.prepare()
        let request = replay.request
        let bytes = replay.bytes
        let replays = (0..<options.runs).map { _ in time { replay.run() }.1 }
        let parses = (0..<options.runs).map { _ in
            time { (try? ReplayRequest(json: bytes))?.cards.count ?? -1 }.1
        }
        let jq = (0..<options.runs).map { _ in
            time {
                (try? JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: request)))?
                    .count ?? -1
            }.1
        }
        table.add(
            "scheduler replay, 60k reviews (in-process)", replays,
            reference: ("JSONSerialization parse + write", jq), goal: "≥ 3× faster than jq -c .")
        table.add(
            "  its parse alone", parses, reference: ("JSONSerialization parse + write", jq), goal: "≤ 8 ms")

        guard let binary = releaseBinary() else {
            table.note(
                "  replay end to end: skipped (build the release binary first: swift build -c release)")
            return
        }
        // End to end against `jq -c .` on the same file, both through `sh -c` (so both pay it).
        let requestFile = folder.appendingPathComponent("replay-request.json")
        try request.write(to: requestFile)
        let emptyFile = folder.appendingPathComponent("replay-empty.json")
        try Data(#"{"cards": []}"#.utf8).write(to: emptyFile)
        guard
            let jqPath = ["/usr/bin/jq", "/usr/local/bin/jq"].first(
                where: FileManager.default.isExecutableFile)
        else {
            table.note("  replay end to end: skipped (no jq: apt-get install jq)")
            return
        }
        // Interleaved, so that both see the same load; CPU time (user + system, from wait4) beside
        // the wall time, as a loaded machine inflates it far less.
        var recallReplay: [(wall: Double, cpu: Double)] = []
        var jqRuns: [(wall: Double, cpu: Double)] = []
        for _ in 0..<(options.runs * 3) {
            recallReplay.append(shell("'\(binary)' scheduler replay < '\(requestFile.path)' > /dev/null"))
            jqRuns.append(shell("'\(jqPath)' -c . < '\(requestFile.path)' > /dev/null"))
        }
        table.add(
            "recall scheduler replay, 60k reviews, end to end", recallReplay.map(\.wall),
            reference: ("jq -c . on the same file", jqRuns.map(\.wall)), goal: "≤ 1/3 of jq -c .")
        table.add(
            "  the same, CPU time", recallReplay.map(\.cpu),
            reference: ("jq -c ., CPU time", jqRuns.map(\.cpu)),
            goal: "≤ 1/3 of jq -c .")

        var start: [(wall: Double, cpu: Double)] = []
        var version: [(wall: Double, cpu: Double)] = []
        var nothing: [(wall: Double, cpu: Double)] = []
        for _ in 0..<(options.runs * 3) {
            start.append(shell("'\(binary)' scheduler replay < '\(emptyFile.path)' > /dev/null"))
            version.append(shell("'\(binary)' --version > /dev/null"))
            nothing.append(shell("/bin/true"))
        }
        table.add(
            "  start: replay of no cards, through sh -c", start.map(\.wall),
            reference: ("recall --version", version.map(\.wall)), goal: "≤ 5 ms")
        table.add(
            "  the same, CPU time", start.map(\.cpu),
            reference: ("recall --version, CPU time", version.map(\.cpu)),
            goal: "≤ 5 ms")
        table.add(
            "  /bin/true through sh -c, CPU time", nothing.map(\.cpu),
            reference: ("recall --version, CPU time", version.map(\.cpu)), goal: "(the floor)")
    }

    /// Runs `sh -c command` with stdio on /dev/null unless redirected; returns its wall time and
    /// the CPU time (user + system) of the shell and what it waited for.
    static func shell(_ command: String) -> (wall: Double, cpu: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(
                &actions, fd, "/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        let words: [String] = ["sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let start = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ) == 0 else {
            fail("could not run sh")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return (wall, cpu)
    }

    /// Every regular file under `folder` (a profile's snapshot, segments and journal).
    static func files(under folder: URL) -> [String] {
        let names = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return names.map { folder.appendingPathComponent($0).path }.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    static func size(of paths: [String]) -> Int {
        paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    }

    static func readAll(_ paths: [String]) throws -> Int {
        try paths.reduce(0) { $0 + (try Data(contentsOf: URL(fileURLWithPath: $1)).count) }
    }

    // MARK: Child processes

    struct ChildResult {
        var seconds: Double
        var peakMB: Double
    }

    /// Runs `recall-bench scale-child ARGS…` and reads back its time and peak memory.
    static func child(_ arguments: [String]) throws -> ChildResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["scale-child"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let fields = String(decoding: output, as: UTF8.self).split(separator: " ").compactMap {
            Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard process.terminationStatus == 0, fields.count == 2 else {
            fail("scale-child \(arguments.first ?? "") failed")
        }
        return ChildResult(seconds: fields[0], peakMB: fields[1])
    }

    /// `scale-child open|stats FOLDER CARDS NOW` or `scale-child class FILE…`: does one row's work
    /// and prints its seconds and the process's peak resident memory in MB.
    static func runChild(arguments: [String]) {
        guard let row = arguments.first else { fail("scale-child needs a row") }
        do {
            var seconds = 0.0
            switch row {
            case "open", "stats":
                guard arguments.count == 4, let count = Int(arguments[2]), let moment = Double(arguments[3])
                else {
                    fail("scale-child \(row) FOLDER CARDS NOW")
                }
                let folder = URL(fileURLWithPath: arguments[1])
                let now = Date(timeIntervalSince1970: moment)
                let cards = syntheticCards(count)
                if row == "open" {
                    // The store and the counts are kept past the clock: freeing them is not part of
                    // reaching the prompt (the REPL keeps them), and is timed by no row.
                    let (kept, openSeconds) = try time {
                        // As the REPL opens a profile: its tail, then old card ids looked for.
                        let opened = try ProgressStore.open(in: folder, tailOnly: true)
                        let scheduler = try Scheduler(settings: opened.profile.settings)
                        try opened.migrateCardIDs(decks: [], cards: cards, using: scheduler)
                        let store = ChangeTrackingStore(opened)
                        // The REPL's first prompt: its counts.
                        let cache = DayCountsCache(
                            cards: cards, decks: [], store: store, scheduler: scheduler)
                        _ = cache.counts(deck: nil, options: StudyOptions(), now: now)
                        return (store, cache)
                    }
                    seconds = openSeconds
                    withExtendedLifetime(kept) {}
                } else {
                    // What `recall stats` does after loading the decks: the same entry points.
                    // `RECALL_BENCH_STAGES=1` prints the time of reading and of counting to stderr.
                    let stages = ProcessInfo.processInfo.environment["RECALL_BENCH_STAGES"] == "1"
                    let (report, total) = try time {
                        let (read, reading) = try time {
                            try ReviewLogReader.peek(named: "default", in: folder, decks: [])
                                ?? StreamedProfile(Profile())
                        }
                        let calendar = StudyCalendar(
                            timeZone: TimeZone(secondsFromGMT: 0) ?? .current, rolloverHour: 4)
                        let (report, counting) = try time {
                            try StatsReport(profile: read, cards: cards, now: now, calendar: calendar)
                        }
                        if stages {
                            FileHandle.standardError.write(
                                Data(String(format: "read %.3f s, count %.3f s\n", reading, counting).utf8))
                        }
                        return report
                    }
                    seconds = total
                    // `RECALL_BENCH_STATS_JSON=FILE` writes the report there (to compare two builds'),
                    // after the clock.
                    if let path = ProcessInfo.processInfo.environment["RECALL_BENCH_STATS_JSON"] {
                        let encoder = JSONEncoder()
                        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                        try encoder.encode(report).write(to: URL(fileURLWithPath: path))
                    }
                }
            case "write":
                // `scale-child write FOLDER CARDS REVIEWS`: the big profile alone, kept (for perf).
                guard arguments.count == 4, let cards = Int(arguments[2]), let reviews = Int(arguments[3])
                else {
                    fail("scale-child write FOLDER CARDS REVIEWS")
                }
                let folder = URL(fileURLWithPath: arguments[1])
                try writeProfile(
                    cards: cards, reviews: reviews, years: 10, learningCards: 0, in: folder,
                    scheduler: try Scheduler())
                print(String(format: "%.0f 0", try lastReview(in: folder).timeIntervalSince1970 + 3600))
                return
            case "write-class":
                // `scale-child write-class FOLDER LEARNERS REVIEWS`: the class alone, kept (for perf).
                guard arguments.count == 4, let learners = Int(arguments[2]), let reviews = Int(arguments[3])
                else {
                    fail("scale-child write-class FOLDER LEARNERS REVIEWS")
                }
                let folder = URL(fileURLWithPath: arguments[1])
                for learner in 0..<learners {
                    try writeProfile(
                        cards: 3_000, reviews: reviews, years: 1, learningCards: 0, in: folder,
                        name: "learner-\(learner)", scheduler: try Scheduler(), seed: UInt64(learner + 1))
                }
                return
            case "class":
                // What `recall class report FILE…` does: the same entry points.
                let files = Array(arguments.dropFirst())
                seconds =
                    time {
                        let (_, failures) = ClassReport.streaming(learners: files.count) { index in
                            let url = URL(fileURLWithPath: files[index])
                            let profile = try ReviewLogReader.read(
                                at: url, decks: [], keepsWrongAnswers: true, onEveryCore: false)
                            return (url.deletingPathExtension().lastPathComponent, profile)
                        }
                        if !failures.isEmpty { fail("class report: \(failures.count) learners left out") }
                    }.1
            default:
                fail("unknown scale-child row '\(row)'")
            }
            // VmHWM, not getrusage: Linux carries ru_maxrss over from the parent across exec.
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let peak =
                status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
                .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Double($0) } } ?? 0
            print(String(format: "%.6f %.1f", seconds, peak / 1024))
        } catch {
            fail("\(error.localizedDescription)")
        }
    }

    // MARK: Workloads

    /// `count` typed cards `scale:fact-N:forward`, each its own fact.
    static func syntheticCards(_ count: Int) -> [Card] {
        (0..<count).map { index in
            Card(
                id: CardID(stored: cardID(index)), deck: "scale", kind: .typed, prompt: "Question \(index)?",
                answer: "answer \(index)", facts: ["fact-\(index)"], source: "Generated", why: "",
                topic: "topic-\(index % 20)", siblingKey: "scale/fact-\(index)")
        }
    }

    static func cardID(_ index: Int) -> String { "scale:fact-\(index):forward" }

    /// A profile of `reviews` reviews of `cards` cards over `years` years, written through the
    /// store (merged into an empty profile, which replays it, and saved). With `learningCards`,
    /// that many cards' last answer (an hour before the end) is Again, so they are in learning.
    static func writeProfile(
        cards: Int, reviews: Int, years: Int, learningCards: Int, in folder: URL, name: String = "default",
        scheduler: Scheduler, seed: UInt64 = 0x5EED
    ) throws {
        var rng = SplitMix64(seed: seed)
        let start = Date(timeIntervalSince1970: 1_480_000_000)
        let span = Double(years) * 365 * 86_400
        let regular = reviews - learningCards
        let step = span / Double(max(1, regular))
        var log: [Review] = []
        log.reserveCapacity(reviews)
        for index in 0..<regular {
            let random = rng.next()
            // Every card seen once in the first tenth, then reviews spread over all of them.
            let card = index < cards ? index : Int(random >> 16) % cards
            let rating: Rating = random % 10 < 1 ? .again : (random % 10 < 8 ? .good : .easy)
            let at = start + Double(index) * step
            log.append(
                Review(
                    id: "\(cardID(card))@\(Int64(at.timeIntervalSince1970 * 1000))", cardID: cardID(card),
                    reviewedAt: at, rating: rating,
                    answer: rating == .again ? "wrong \(index % 97)" : "answer",
                    verdict: rating == .again ? .wrong : .correct, duration: Double(random % 20_000) / 1000))
        }
        let end = start + span
        for index in 0..<learningCards {
            let at = end - 3600 + Double(index) * 0.05
            log.append(
                Review(
                    id: "\(cardID(index))@\(Int64(at.timeIntervalSince1970 * 1000))", cardID: cardID(index),
                    reviewedAt: at, rating: .again, answer: "wrong", verdict: .wrong, duration: 4))
        }
        let store = try ProgressStore.open(profile: name, in: folder)
        defer { store.close() }
        store.compactionThreshold = Int.max
        try store.merge(Profile(name: name, reviews: log), using: scheduler)
    }

    static func lastReview(in folder: URL) throws -> Date {
        let profile = try ProgressStore.peekProfile(named: "default", in: folder) ?? Profile()
        return profile.reviews.map(\.reviewedAt).max() ?? Date()
    }

    /// Per answer in a session: `record` then `next`, cards rated Good but one in eight Again.
    static func answerTimes(
        store: ProgressStore, cards: [Card], scheduler: Scheduler, now start: Date, count: Int
    )
        throws -> [Double]
    {
        var now = start
        let session = StudySession(cards: cards, vocabulary: [], store: store, scheduler: scheduler, now: now)
        var card = session.next(now: now)
        var samples: [Double] = []
        for index in 0..<count {
            guard let current = card else { break }
            let rating: Rating = index % 8 == 0 ? .again : .good
            let grade = Grade(
                verdict: rating == .again ? .wrong : .correct, score: 1, expected: current.answer)
            let seconds = try time {
                try session.record(
                    current, reply: current.answer, grade: grade, rating: rating, duration: 3, now: now)
                card = session.next(now: now + 5)
            }.1
            samples.append(seconds)
            now += 5
        }
        return samples
    }

    /// Writing and fsyncing one journal-sized line in the same folder: the floor of an answer.
    static func fsyncFloor(in folder: URL, samples: Int) throws -> [Double] {
        let path = folder.appendingPathComponent("fsync-floor").path
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { fail("cannot open \(path)") }
        defer { Glibc.close(fd) }
        let line = [UInt8](repeating: 0x61, count: 220) + [0x0A]
        return (0..<samples).map { _ in
            time {
                _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                fsync(fd)
            }.1
        }
    }

    static func releaseBinary() -> String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/release/recall").path
        return FileManager.default.isExecutableFile(atPath: binary) ? binary : nil
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "unknown"
    }

    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    // MARK: The table

    struct Table {
        var lines: [String] = []

        mutating func add(
            _ name: String, _ samples: [Double], reference: (name: String, samples: [Double]),
            memory: Double? = nil,
            goal: String
        ) {
            let value = median(samples)
            let base = median(reference.samples)
            var line =
                "| \(name) | \(format(value))"
                + (samples.count >= 10 ? " (p90 \(format(percentile(samples, 0.9))))" : "")
            if let memory { line += String(format: ", %.0f MB peak", memory) }
            line += " | \(reference.name): \(format(base)) | "
            line += base > 0 ? String(format: "%.1f×", value / base) : "–"
            line += " | \(goal) |"
            lines.append(line)
        }

        mutating func note(_ text: String) { lines.append(text) }

        func print() {
            Swift.print("| row | median | reference (same process) | ratio | goal |")
            Swift.print("|---|---|---|---|---|")
            for line in lines { Swift.print(line) }
        }

        func median(_ samples: [Double]) -> Double { percentile(samples, 0.5) }

        func percentile(_ samples: [Double], _ fraction: Double) -> Double {
            guard !samples.isEmpty else { return 0 }
            let sorted = samples.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        }

        func format(_ seconds: Double) -> String {
            seconds >= 1 ? String(format: "%.2f s", seconds) : String(format: "%.2f ms", seconds * 1000)
        }
    }
}
