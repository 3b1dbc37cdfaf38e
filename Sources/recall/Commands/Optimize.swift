import ArgumentParser
import Dispatch
import Foundation
import RecallCore

/// `recall optimize`: fit the FSRS parameters to a learner's own reviews.
struct Optimize: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Fit the FSRS-6 parameters to your own review history (as Anki's optimizer).",
        discussion: """
            Fits the profile's review log as fsrs-rs does and reports log loss and RMSE (bins) for the \
            default and the fitted parameters, then asks before saving them into the profile. Ctrl-C \
            stops without changing anything. With --reviews FILE, fits a review log in the input \
            schema of 'recall scheduler replay' instead ("-" reads stdin); with --json, prints \
            {"parameters", "log_loss_default", "log_loss_fitted", "rmse_bins_default", \
            "rmse_bins_fitted", "reviews", "seconds"}. With --retention, finds the desired retention \
            that costs the least study time per card remembered, by simulation.
            """
    )

    @OptionGroup var options: ProgressOptions
    @OptionGroup var decks: DeckOptions

    @Option(
        help: ArgumentHelp("Fit this review log (replay input JSON) instead of a profile.", valueName: "file")
    )
    var reviews: String?

    @Flag(help: "Print the result as JSON (with --reviews).")
    var json = false

    @Flag(help: "Save without asking.")
    var yes = false

    @Flag(help: "Find the desired retention with the least workload per card remembered.")
    var retention = false

    func execute() throws {
        if retention {
            try optimizeRetention()
        } else if let reviews {
            try fitFile(reviews)
        } else {
            try fitProfile()
        }
    }

    private func fitFile(_ path: String) throws {
        let data =
            path == "-"
            ? FileHandle.standardInput.readDataToEndOfFile()
            : try Data(contentsOf: URL(fileURLWithPath: path))
        let request = try ReplayRequest(json: data)
        let history = ReviewHistory(request: request)
        let (result, seconds) = try OptimizerRun.timedFit(history, showsProgress: !json)
        let verdict = FSRSOptimizer().verdict(for: result, current: request.settings.parameters, on: history)
        if json {
            if let warning = OptimizerRun.warning(verdict, reviews: result.reviews) {
                Console.writeError("warning: \(warning)\n")
            }
            print(OptimizerRun.json(result, seconds: seconds))
        } else {
            OptimizerRun.report(result, verdict: verdict, seconds: seconds)
        }
    }

    private func fitProfile() throws {
        // Read without locking: the profile is opened for writing only to save.
        let profile = try ProfileLookup.existing(options, decks: decks.decksForProgress(chosen: nil))
        let history = ReviewHistory(profile: profile)
        let (result, seconds) = try OptimizerRun.timedFit(history, showsProgress: true)
        let verdict = FSRSOptimizer().verdict(for: result, current: profile.settings.parameters, on: history)
        OptimizerRun.report(result, verdict: verdict, seconds: seconds)
        guard verdict.choice == .useFitted else { return }
        guard yes || OptimizerRun.confirm("Save these parameters to profile '\(options.profile)'? [y/N] ")
        else {
            print("Not saved.")
            return
        }
        let store = try options.openStore(decks: decks.decksForProgress(chosen: nil))
        defer { store.close() }
        var settings = store.profile.settings
        settings.parameters = result.parameters
        try store.updateSettings(settings)
        print("Saved the fitted parameters to profile '\(options.profile)'.")
    }

    private func optimizeRetention() throws {
        let parameters: [Double]
        var profile: Profile?
        if let reviews {
            let data = try Data(contentsOf: URL(fileURLWithPath: reviews))
            parameters = try ReplayRequest(json: data).settings.parameters
        } else {
            let existing = try ProfileLookup.existing(options, decks: decks.decksForProgress(chosen: nil))
            parameters = existing.settings.parameters
            profile = existing
        }
        let optimizer = RetentionOptimizer(parameters: parameters)
        let (best, points) = try optimizer.run()
        if json {
            var writer = JSONWriter()
            writer.literal(#"{"desired_retention": "#)
            writer.number(best.desiredRetention)
            writer.literal(#", "seconds_per_card_remembered": "#)
            writer.number(best.secondsPerCardRemembered)
            writer.literal("}")
            print(String(decoding: writer.bytes, as: UTF8.self))
            return
        }
        print(OptimizerRun.retentionReport(optimizer, best: best, points: points, current: profile?.settings))
        guard let profile else { return }
        guard profile.settings.desiredRetention != best.desiredRetention else {
            print("Profile '\(options.profile)' already uses it.")
            return
        }
        guard yes || OptimizerRun.confirm("Save it to profile '\(options.profile)'? [y/N] ") else {
            print("Not saved.")
            return
        }
        let store = try options.openStore(decks: decks.decksForProgress(chosen: nil))
        defer { store.close() }
        var settings = store.profile.settings
        settings.desiredRetention = best.desiredRetention
        try store.updateSettings(settings)
        print(
            "Saved desired retention \(Format.percent(best.desiredRetention)) to profile '\(options.profile)'."
        )
    }
}

/// Running the optimizer at the terminal: Ctrl-C, the progress bar, the report.
enum OptimizerRun {
    /// Fits with a progress bar on stderr (when it is a terminal) and Ctrl-C as cancellation.
    static func fit(_ history: ReviewHistory, showsProgress: Bool) throws -> FSRSOptimizer.Result {
        let flag = CancellationFlag()
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { flag.cancel() }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        let bar = showsProgress && isatty(STDERR_FILENO) != 0
        defer { if bar { Console.writeError("\r\u{1B}[K") } }
        return try FSRSOptimizer().fit(history, cancellation: flag) { progress in
            guard bar else { return }
            let width = 30
            let filled = progress.step * width / max(progress.steps, 1)
            let line =
                "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                + "] epoch \(progress.epoch)/5 step \(progress.step)/\(progress.steps) loss "
                + String(format: "%.4f", progress.loss)
            Console.writeError(line)
        }
    }

    /// Fits, and how long it took in seconds.
    static func timedFit(_ history: ReviewHistory, showsProgress: Bool) throws -> (
        FSRSOptimizer.Result, Double
    ) {
        let clock = ContinuousClock()
        var result: FSRSOptimizer.Result?
        let elapsed = try clock.measure { result = try fit(history, showsProgress: showsProgress) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        guard let result else { throw CommandFailure.reported }
        return (result, seconds)
    }

    /// The warning for a log too small to fit (the same minimum for a profile and a file).
    static func warning(_ verdict: FSRSOptimizer.Verdict, reviews: Int) -> String? {
        guard case .tooFewReviews(let minimum) = verdict.choice else { return nil }
        return "only \(Format.count(reviews, "review")), fewer than the \(minimum) needed to fit parameters;"
            + " keeping the current parameters"
    }

    static func report(_ result: FSRSOptimizer.Result, verdict: FSRSOptimizer.Verdict, seconds: Double) {
        if let warning = warning(verdict, reviews: result.reviews) {
            Console.writeError("warning: \(warning)\n")
            return
        }
        let items = result.defaultEvaluation.items
        print(
            "Fitted \(Format.count(result.reviews, "review")) (\(Format.count(items, "training item")))"
                + " in \(String(format: "%.2f", seconds)) s.")
        var table = TextTable(["", "log loss", "RMSE (bins)"], rightAligned: [1, 2])
        table.indent = ""
        var rows = [("default", result.defaultEvaluation)]
        if verdict.currentEvaluation != result.defaultEvaluation {
            rows.append(("current", verdict.currentEvaluation))
        }
        rows.append(("fitted", result.fittedEvaluation))
        for (name, evaluation) in rows {
            table.append(
                [
                    name, String(format: "%.4f", evaluation.logLoss),
                    String(format: "%.4f", evaluation.rmseBins),
                ])
        }
        print(table.render(), terminator: "")
        print("parameters: " + result.parameters.map { String(format: "%.4f", $0) }.joined(separator: ", "))
        if verdict.choice == .currentAreBetter {
            print(
                "The fitted parameters do not predict your reviews better than the current ones"
                    + String(
                        format: " (log loss %.4f against %.4f): keeping the current parameters.",
                        result.fittedEvaluation.logLoss, verdict.currentEvaluation.logLoss))
        }
    }

    /// The table of candidates, the best one, and how it was found.
    static func retentionReport(
        _ optimizer: RetentionOptimizer, best: RetentionOptimizer.Point, points: [RetentionOptimizer.Point],
        current: SchedulerSettings?
    ) -> String {
        var table = TextTable(
            ["desired retention", "study minutes/year", "cards remembered", "seconds per card remembered"],
            rightAligned: [0, 1, 2, 3])
        table.indent = ""
        for point in points {
            table.append(
                [
                    Format.percent(point.desiredRetention), String(format: "%.0f", point.seconds / 60),
                    String(format: "%.0f", point.knowledge),
                    String(format: "%.1f", point.secondsPerCardRemembered)
                        + (point == best ? "  ← least" : ""),
                ])
        }
        let costs = optimizer.costs
        let prose = [
            "Optimal desired retention: \(Format.percent(best.desiredRetention)), the one that costs the least"
                + " study time per card remembered"
                + (current.map { " (the profile now uses \(Format.percent($0.desiredRetention)))" } ?? "")
                + ".",
            "How: \(optimizer.days) days of study are simulated for each candidate, \(optimizer.newCardsPerDay)"
                + " new cards a day, with these parameters; a review costs \(Int(costs.new)) s for a new card,"
                + " \(Int(costs.step)) s for a learning step, \(Int(costs.recalled)) s when recalled and"
                + " \(Int(costs.forgotten)) s when forgotten. Cards remembered: the expected number recalled at"
                + " the end. A higher retention means more reviews; a lower one more forgetting and relearning.",
        ]
        return
            ([table.render().trimmingCharacters(in: .newlines)]
            + prose.map { TextWrap.wrap($0, width: max(TerminalSize.columns, 40)) }).joined(separator: "\n")
    }

    /// `--json`'s line, written with the one JSON writer (a non-finite figure is `null`).
    static func json(_ result: FSRSOptimizer.Result, seconds: Double) -> String {
        var writer = JSONWriter()
        writer.literal(#"{"parameters": ["#)
        for (index, parameter) in result.parameters.enumerated() {
            if index > 0 { writer.literal(", ") }
            writer.number(parameter)
        }
        let figures: [(StaticString, Double)] = [
            (#"], "log_loss_default": "#, result.defaultEvaluation.logLoss),
            (#", "log_loss_fitted": "#, result.fittedEvaluation.logLoss),
            (#", "rmse_bins_default": "#, result.defaultEvaluation.rmseBins),
            (#", "rmse_bins_fitted": "#, result.fittedEvaluation.rmseBins),
        ]
        for (key, value) in figures {
            writer.literal(key)
            writer.number(value)
        }
        writer.literal(#", "reviews": "#)
        writer.integer(result.reviews)
        writer.literal(#", "seconds": "#)
        writer.number(seconds)
        writer.literal("}")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Asks a yes/no question on stdout; anything but y/yes (or end of input) is no.
    static func confirm(_ question: String) -> Bool {
        print(question, terminator: "")
        fflush(nil)
        let answer = readLine()
        // A terminal echoes the answer and its newline; piped input does not.
        if isatty(STDIN_FILENO) == 0 { print() }
        guard let answer else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
