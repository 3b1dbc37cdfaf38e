import ArgumentParser
import Foundation
import RecallCore

/// `recall stats`: a learner's statistics as pictures, or as JSON.
struct Stats: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show a learner's statistics: states, retention, forecast, activity, weak spots.",
        discussion: """
            True retention is the share of reviews of graduated cards (the Review phase) not rated \
            Again. Study days begin at the --day-starts hour (the profile's, 4 a.m. local time by default). \
            Only the cards of the chosen decks are counted.
            """)

    @OptionGroup var options: ProgressOptions
    @OptionGroup var decks: DeckOptions

    @Option(help: ArgumentHelp("Only the deck with this id.", valueName: "id"))
    var deck: String?

    @Flag(help: "Print the statistics as JSON.")
    var json = false

    @OptionGroup var day: DayStartsOption

    /// The moment the statistics describe, in seconds since 1970 (for tests and reproducible reports).
    @Option(help: .hidden)
    var now: Double?

    func validate() throws {
        if let now, let problem = InputRange.problem(now, option: "--now") { throw ValidationError(problem) }
    }

    func execute() throws {
        let chosen = try deck.map { [try decks.loadDeck(id: $0)] } ?? decks.loadDecks()
        let cards = decks.cards(for: chosen)
        let moment = now.map(Date.init(timeIntervalSince1970:)) ?? RecallClock.now()
        let report: StatsReport
        let stored = try ReviewLogReader.peek(named: options.profile, in: options.directory, decks: chosen)
        if stored == nil {
            Console.writeError(
                "note: no progress yet for profile '\(options.profile)' in '\(options.directory.path)'\n")
        }
        let profile = stored ?? StreamedProfile(Profile(name: options.profile))
        let calendar = day.calendar(saved: profile.profile.settings)
        report = try StatsReport(profile: profile, cards: cards, now: moment, calendar: calendar)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Console.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        } else {
            Console.write(StatsView.render(report, width: TerminalSize.columns, style: .current))
        }
    }
}
