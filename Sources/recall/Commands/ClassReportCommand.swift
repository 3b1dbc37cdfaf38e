import ArgumentParser
import Foundation
import RecallCore

/// `recall class report FILES…`: per learner and per card, from the progress files handed in.
struct ClassReportCommand: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise learners' progress files: each learner, and the cards the class finds hardest.",
        discussion: """
            Give the learners' snapshot files (e.g. Progress/*.json; each file's journal beside it is \
            read too). The pass rate is the share of reviews of already-seen cards not rated Again \
            (learning steps included, so it is not the true retention of 'recall stats', which counts \
            graduated cards only); a card is mature at an interval of 21 days or more.
            """)

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("Learners' progress files (<profile>.json).", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Only the cards of this deck, shown with their questions.", valueName: "name"))
    var deck: String?

    @Option(help: "How many of the hardest cards to list.")
    var top: Int = 10

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Flag(help: "Print CSV (learners, a blank line, then cards) instead of tables.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("Choose one of --json and --csv.") }
        guard (0...10_000).contains(top) else { throw ValidationError("--top must be between 0 and 10000.") }
    }

    func execute() throws {
        let chosen = try deck.map { [try decks.loadDeck(id: $0)] }
        let cards = chosen.map { decks.cards(for: $0) }
        let progressDecks = decks.decksForProgress(chosen: chosen)
        // One learner at a time per core, so memory is bounded by a learner per core.
        let files = files
        let (report, failures) = ClassReport.streaming(learners: files.count, cards: cards, top: top) {
            index in
            let url = URL(fileURLWithPath: files[index])
            let profile = try ReviewLogReader.read(
                at: url, decks: progressDecks, keepsWrongAnswers: true, onEveryCore: false)
            return (url.deletingPathExtension().lastPathComponent, profile)
        }
        for failure in failures {
            Console.error("'\(files[failure.index])' was left out: \(failure.error.localizedDescription)")
        }
        let failed = !failures.isEmpty
        if json {
            FileHandle.standardOutput.write(try report.json())
        } else if csv {
            Console.write(report.csv())
        } else {
            Console.write(ClassReportTable.render(report))
        }
        if failed { throw CommandFailure.reported }
    }
}

/// The class report as terminal tables.
enum ClassReportTable {
    static func render(_ report: ClassReport) -> String {
        var out = "Learners\n"
        out += TextTable(
            ["learner", "reviews", "cards", "pass rate", "mature", "lapses"], rightAligned: [1, 2, 3, 4, 5],
            rows: report.learners.map {
                [
                    Style.safe($0.name, oneLine: true), String($0.reviews), String($0.cards),
                    Format.percent($0.passRate), String($0.mature), String($0.lapses),
                ]
            }
        ).render()
        out += "\nHardest cards\n"
        if report.hardest.isEmpty { return out + "  (no card has been reviewed twice yet)\n" }
        out += TextTable(
            ["#", "card", "pass rate", "lapses", "reviews", "learners", "common wrong answers"],
            rightAligned: [0, 2, 3, 4, 5],
            rows: report.hardest.enumerated().map { index, card in
                [
                    String(index + 1), Format.shortened(card.prompt ?? card.cardID, to: 50),
                    Format.percent(card.passRate), String(card.lapses), String(card.reviews),
                    String(card.learners),
                    Format.shortened(
                        card.wrongAnswers.map { "\($0.answer) ×\($0.count)" }.joined(separator: ", "), to: 40),
                ]
            }
        ).render()
        return out
    }
}
