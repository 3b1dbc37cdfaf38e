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
        let clock = ContinuousClock()
        var result: FSRSOptimizer.Result?
        let elapsed = try clock.measure {
            result = try OptimizerRun.fit(history, showsProgress: !json)
        }
        guard let result else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if case .notEnoughReviews(let minimum) = result.outcome {
            Console.writeError(
                "note: only \(result.reviews) review(s), fewer than \(minimum); keeping the default parameters\n"
            )
        }
        if json {
            print(OptimizerRun.json(result, seconds: seconds))
        } else {
            OptimizerRun.report(result, seconds: seconds)
        }
    }

    private func fitProfile() throws {
        let store = try options.openStore(decks: decks.decksForProgress(chosen: nil))
        let history = ReviewHistory(profile: store.profile)
        let clock = ContinuousClock()
        var result: FSRSOptimizer.Result?
        let elapsed = try clock.measure {
            result = try OptimizerRun.fit(history, showsProgress: true)
        }
        guard let result else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if case .notEnoughReviews(let minimum) = result.outcome {
            print(
                "Profile '\(options.profile)' has \(result.reviews) review(s); at least \(minimum) are needed"
                    + " to fit parameters. Keeping the defaults.")
            return
        }
        OptimizerRun.report(result, seconds: seconds)
        guard yes || OptimizerRun.confirm("Save these parameters to profile '\(options.profile)'? [y/N] ")
        else {
            print("Not saved.")
            return
        }
        var settings = store.profile.settings
        settings.parameters = result.parameters
        try store.updateSettings(settings)
        print("Saved the fitted parameters to profile '\(options.profile)'.")
    }

    private func optimizeRetention() throws {
        var parameters: [Double]
        var settings: SchedulerSettings?
        var store: ProgressStore?
        if let reviews {
            let data = try Data(contentsOf: URL(fileURLWithPath: reviews))
            parameters = try ReplayRequest(json: data).settings.parameters
        } else {
            let opened = try ProgressStore.open(profile: options.profile, in: options.directory)
            parameters = opened.profile.settings.parameters
            settings = opened.profile.settings
            store = opened
        }
        let (best, points) = try RetentionOptimizer(parameters: parameters).run()
        if json {
            print(
                "{\"desired_retention\": \(best.desiredRetention), \"seconds_per_card_remembered\": \(best.secondsPerCardRemembered)}"
            )
            return
        }
        print("desired retention  study minutes/year  cards remembered  seconds per card remembered")
        for point in points {
            let marker = point == best ? "  ← least workload per card" : ""
            print(
                String(
                    format: "%17.2f  %18.0f  %16.0f  %27.1f", point.desiredRetention, point.seconds / 60,
                    point.knowledge, point.secondsPerCardRemembered) + marker)
        }
        print(String(format: "Optimal desired retention: %.2f", best.desiredRetention))
        guard let store, var settings else { return }
        guard yes || OptimizerRun.confirm("Save it to profile '\(options.profile)'? [y/N] ") else {
            print("Not saved.")
            return
        }
        settings.desiredRetention = best.desiredRetention
        try store.updateSettings(settings)
        print("Saved desired retention \(best.desiredRetention) to profile '\(options.profile)'.")
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

    static func report(_ result: FSRSOptimizer.Result, seconds: Double) {
        let items = result.defaultEvaluation.items
        print(
            "Fitted \(result.reviews) reviews (\(items) training items) in \(String(format: "%.2f", seconds)) s."
        )
        print("                 log loss  RMSE (bins)")
        for (name, evaluation) in [
            ("default", result.defaultEvaluation), ("fitted", result.fittedEvaluation),
        ] {
            print(
                name.padding(toLength: 15, withPad: " ", startingAt: 0)
                    + String(format: "  %8.4f  %11.4f", evaluation.logLoss, evaluation.rmseBins))
        }
        print("parameters: " + result.parameters.map { String(format: "%.4f", $0) }.joined(separator: ", "))
    }

    static func json(_ result: FSRSOptimizer.Result, seconds: Double) -> String {
        let parameters = result.parameters.map { "\($0)" }.joined(separator: ", ")
        return "{\"parameters\": [\(parameters)], \"log_loss_default\": \(result.defaultEvaluation.logLoss),"
            + " \"log_loss_fitted\": \(result.fittedEvaluation.logLoss),"
            + " \"rmse_bins_default\": \(result.defaultEvaluation.rmseBins),"
            + " \"rmse_bins_fitted\": \(result.fittedEvaluation.rmseBins),"
            + " \"reviews\": \(result.reviews), \"seconds\": \(seconds)}"
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
