import Foundation
import Testing

@testable import RecallCore

/// `recall stats` end to end: a profile written with the real store and scheduler, read back by
/// the binary in a fixed time zone at a fixed moment.
@Suite struct StatsCommandTests {
    /// Sunday 2026-11-29 10:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_946_400)
    static let environment = ["TZ": "UTC"]

    let temporary: ScratchFolder
    var folder: URL { temporary.url }
    let cards: [Card]

    init() throws {
        temporary = try ScratchFolder()
        let decks = try DeckLibrary(directory: RecallProcess.repositoryRoot.appendingPathComponent("Decks"))
            .loadAll()
        cards = decks.flatMap { QuestionGenerator().cards(for: $0) }
    }

    /// Three cards of one attribute and kind that lapse, three of another that never do.
    func writeHistory() throws -> (weak: [Card], strong: [Card]) {
        let groups = Dictionary(grouping: cards) { "\($0.topic) \($0.kind.rawValue)" }
            .filter { $0.value.count >= 3 }.sorted { $0.key < $1.key }
        let weak = Array(try #require(groups.first).value.prefix(3))
        let strong = Array(try #require(groups.first { $0.value[0].topic != weak[0].topic }).value.prefix(3))
        let store = try ProgressStore.open(in: folder)
        defer { store.close() }
        let scheduler = try Scheduler()
        var number = 0
        func answer(_ card: Card, _ rating: Rating, daysAgo: Double) throws {
            number += 1
            try store.record(
                Review(
                    id: "r\(number)", cardID: card.id, reviewedAt: Self.now - daysAgo * 86_400,
                    rating: rating,
                    answer: "x", verdict: rating == .again ? .wrong : .correct, duration: 4),
                using: scheduler)
        }
        for card in weak + strong {
            try answer(card, .easy, daysAgo: 40)
            try answer(card, .good, daysAgo: 30)
            try answer(card, strong.contains(card) ? .good : .again, daysAgo: 10)
        }
        try answer(strong[0], .good, daysAgo: 1.0 / 24)  // today, 09:00 UTC
        return (weak, strong)
    }

    func stats(_ arguments: [String], columns: Int? = nil) throws -> RecallProcess.Result {
        var environment = Self.environment
        if let columns { environment["COLUMNS"] = String(columns) }
        return try RecallProcess.run(
            ["stats", "--progress-dir", folder.path, "--now", String(Self.now.timeIntervalSince1970)]
                + arguments,
            environment: environment)
    }

    @Test func jsonHoldsTheNumbersOfTheHistory() throws {
        let (weak, _) = try writeHistory()
        let result = try stats(["--json"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let report = try JSONDecoder().decode(StatsReport.self, from: Data(result.stdout.utf8))
        #expect(report.today == "2026-11-29")
        #expect(["UTC", "GMT"].contains(report.timeZone))
        #expect(report.totalReviews == 19)
        #expect(report.cards.total == cards.count)
        #expect(report.cards.new == cards.count - 6)
        #expect(report.cards.relearning == 3 && report.cards.review == 3)
        #expect(report.trueRetention.map(\.reviews) == [1, 7])
        #expect(report.trueRetention.map(\.passed) == [1, 4])
        #expect(report.streak == 1)
        let weakest = try #require(report.weakest)
        #expect(weakest.query == "attr:\(weak[0].topic) kind:\(weak[0].kind.rawValue)")
        #expect(weakest.reviews == 6 && weakest.passed == 3)
        #expect(Set(report.hardest.map(\.id)) == Set(weak.map(\.id)))
        // The binary computes exactly what the core computes from the same files.
        let profile = try #require(try ProgressStore.peekProfile(named: "default", in: folder))
        let calendar = StudyCalendar(timeZone: try #require(TimeZone(identifier: "UTC")))
        #expect(
            report == (try StatsReport(profile: profile, cards: cards, now: Self.now, calendar: calendar)))
    }

    @Test(arguments: [40, 80, 120])
    func textFitsTheWidthWithoutEscapeCodes(columns: Int) throws {
        let (weak, _) = try writeHistory()
        let result = try stats([], columns: columns)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            #expect(DisplayWidth.of(line) <= columns, "\(line)")
        }
        let joined = result.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(joined.contains("Weakest: \(weak[0].topic) · \(weak[0].kind.rawValue),"))
        #expect(result.stdout.contains("Hardest cards"))
        #expect(result.stdout.contains("streak 1 day"))
    }

    @Test func aProfileWithoutProgressShowsEveryCardNew() throws {
        let result = try stats(["--profile", "nobody"])
        #expect(result.status == 0)
        #expect(result.stderr == "note: no progress yet for profile 'nobody' in '\(folder.path)'\n")
        #expect(result.stdout.contains("\(cards.count) cards · ░ new \(cards.count)"))
    }

    @Test func errorsGoToStandardErrorWithExitCodeOne() throws {
        let badName = try stats(["--profile", ".hidden"])
        #expect(badName.status == 1)
        #expect(badName.stderr.hasPrefix("error: invalid profile name '.hidden'"))
        #expect(badName.stdout == "")

        try Data("{ not json".utf8).write(to: folder.appendingPathComponent("default.json"))
        let damaged = try stats([])
        #expect(damaged.status == 1)
        #expect(damaged.stderr.hasPrefix("error: \(folder.appendingPathComponent("default.json").path):1:"))

        let unknownDeck = try stats(["--deck", "nope"])
        #expect(unknownDeck.status == 1)
        #expect(unknownDeck.stderr.hasPrefix("error: "))
    }

    @Test func dayStartsOutOfRangeIsAUsageError() throws {
        let result = try stats(["--day-starts", "24"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--day-starts must be between 0 and 23"))
    }
}
