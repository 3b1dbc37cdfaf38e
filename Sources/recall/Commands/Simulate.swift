import ArgumentParser
import Foundation
import RecallCore

/// `recall simulate`: generate review logs of learners whose memory model is known.
struct Simulate: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate learners with known FSRS parameters and write their review logs.",
        discussion: """
            Each learner's memory follows FSRS-6 with true parameters (--parameters, or drawn around \
            the defaults per learner) while the app schedules with the defaults. Every study day new \
            cards come in and due cards are reviewed in one session; some days are skipped. Writes a \
            progress file (profile named after FILE; with several learners FILE-1.json, FILE-2.json, …), \
            or with --format replay the input of 'recall scheduler replay' and 'recall optimize \
            --reviews', whose "parameters" are the true ones.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case progress, replay
    }

    @Option(help: "How many learners (1-1000).") var learners = 1
    @Option(help: "How many days each learner studies (1-3650).") var days = 365
    @Option(help: "Random seed: the same seed gives the same logs.") var seed: UInt64 = 1
    @Option(
        help: ArgumentHelp(
            "The learners' true parameters: 21 numbers separated by commas.", valueName: "w0,…,w20"))
    var parameters: String?
    @Option(name: .customLong("new-per-day"), help: "New cards per study day (0-10000).") var newPerDay = 20
    @Option(help: "What to write: progress (a profile) or replay (review log JSON).") var format: Format =
        .progress
    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write.", valueName: "file")) var output: String

    func validate() throws {
        let problems = [
            InputRange.problem(learners, InputRange.learners, option: "--learners"),
            InputRange.problem(days, InputRange.simulatedDays, option: "--days"),
            InputRange.problem(newPerDay, InputRange.newPerDay, option: "--new-per-day"),
        ]
        if let problem = problems.compactMap({ $0 }).first { throw ValidationError(problem) }
    }

    func execute() throws {
        var options = Simulator.Options()
        options.learners = learners
        options.days = days
        options.seed = seed
        options.newCardsPerDay = newPerDay
        if let parameters {
            let values = parameters.split(separator: ",").map {
                Double($0.trimmingCharacters(in: .whitespaces))
            }
            guard values.count == FSRS.parameterCount, values.allSatisfy({ $0 != nil }) else {
                throw ValidationError(
                    "--parameters needs 21 numbers separated by commas; got '\(parameters)'")
            }
            let numbers = values.compactMap { $0 }
            _ = try FSRS(parameters: numbers)
            options.trueParameters = numbers
        }
        let results = try Simulator(options: options).run()
        let base = URL(
            fileURLWithPath: output,
            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for (index, learner) in results.enumerated() {
            let url = learners == 1 ? base : Self.numbered(base, index + 1)
            switch format {
            case .progress: try writeProgress(learner, to: url)
            case .replay: try Self.replayJSON(learner).write(to: url)
            }
            let cards = learner.history.cards.count
            print(
                "learner \(index + 1): \(learner.history.reviewCount) reviews of \(cards) cards → \(url.path)"
            )
            print("  true parameters: " + learner.trueParameters.map { "\($0)" }.joined(separator: ","))
        }
    }

    static func numbered(_ url: URL, _ number: Int) -> URL {
        let stem = url.deletingPathExtension().lastPathComponent
        let ext = url.pathExtension.isEmpty ? "json" : url.pathExtension
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)-\(number).\(ext)")
    }

    private func writeProgress(_ learner: Simulator.Learner, to url: URL) throws {
        guard url.pathExtension == "json" else {
            throw ValidationError("a progress file is named <profile>.json; got '\(url.path)'")
        }
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw ValidationError("'\(url.path)' already exists; simulate into a new file")
        }
        let profile = url.deletingPathExtension().lastPathComponent
        let store = try ProgressStore.open(
            profile: profile, in: url.deletingLastPathComponent(), defaultSettings: learner.profile.settings)
        try store.merge(learner.profile, using: try ReplayScheduler.make(settings: learner.profile.settings))
    }

    /// The learner's history as a `recall scheduler replay` request, written with the one JSON
    /// writer (a year of study is hundreds of thousands of reviews).
    static func replayJSON(_ learner: Simulator.Learner) -> Data {
        var writer = JSONWriter()
        writer.literal(#"{"parameters": ["#)
        for (index, parameter) in learner.trueParameters.enumerated() {
            if index > 0 { writer.literal(", ") }
            writer.number(parameter)
        }
        writer.literal("],\n\"cards\": [")
        for (index, card) in learner.history.cards.enumerated() {
            writer.literal(index == 0 ? "\n" : ",\n")
            writer.literal(#"{"id": "c"#)
            writer.integer(index + 1)
            writer.literal(#"", "reviews": ["#)
            for (position, review) in card.enumerated() {
                writer.literal(position == 0 ? #"{"time": "# : #", {"time": "#)
                writer.timestamp(review.time)
                writer.literal(#", "rating": "#)
                writer.integer(review.rating.rawValue)
                writer.literal("}")
            }
            writer.literal("]}")
        }
        writer.literal("\n]}\n")
        return Data(writer.bytes)
    }
}
