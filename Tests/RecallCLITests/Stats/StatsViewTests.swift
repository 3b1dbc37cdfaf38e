import Foundation
import Testing

@testable import RecallCore
@testable import recall

/// The renderer on its own: widths, colour, and names that are wide, combined or hostile.
@Suite struct StatsViewTests {
    /// A report with awkward text: wide and combining characters, an escape sequence, a long name.
    static let report: StatsReport = {
        var counts = StatsReport.StateCounts()
        counts.total = 12
        counts.new = 3
        counts.review = 6
        counts.relearning = 1
        counts.suspended = 2
        counts.leech = 1
        return StatsReport(
            profile: "Ана", today: "2026-11-29", timeZone: "UTC", rolloverHour: 4, desiredRetention: 0.9,
            totalReviews: 140, cards: counts,
            trueRetention: [
                .init(days: 7, reviews: 20, passed: 19), .init(days: 30, reviews: 90, passed: 70),
            ],
            forecast: .init(
                overdue: 2,
                days: (0..<30).map { .init(date: "2026-12-\($0)", count: [0, 1, 5, 12345][$0 % 4]) }),
            activity: .init(
                weeks: 26, days: (0..<178).map { .init(date: "2026-06-\($0 % 30 + 1)", count: $0 % 5) },
                activeDays: 142),
            stability: StatsReport.stabilityBounds.enumerated().map { index, bound in
                .init(label: bound.label, minimumDays: bound.minimum, maximumDays: nil, cards: index * 3)
            },
            byAttribute: [
                .init(
                    name: "Chis\u{0326}ina\u{0306}u-столица", cards: 4, reviews: 30, passed: 12, query: nil),
                .init(
                    name: "北京-capital-of-a-very-long-attribute-name", cards: 2, reviews: 9, passed: 8,
                    query: nil),
                .init(name: "evil\u{1B}[2Jname", cards: 1, reviews: 1, passed: 1, query: nil),
            ],
            byKind: [.init(name: "typed", cards: 5, reviews: 40, passed: 30, query: "kind:typed")],
            weakest: .init(
                attribute: "Chișinău-столица", kind: "typed", reviews: 30, passed: 12,
                query: "attr:chișinău-столица kind:typed"),
            hardest: [
                .init(
                    id: "c1", prompt: "Где находится 北京? Chis\u{0326}ina\u{0306}u\u{1B}]0;pwned\u{7}",
                    attribute: "столица",
                    kind: "truefalse", lapses: 12, reviews: 30, again: 14, isLeech: true, isSuspended: true)
            ],
            streak: 3)
    }()

    static func stripped(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    @Test(arguments: [40, 41, 59, 60, 80, 120, 200])
    func everyLineFitsTheWidth(width: Int) {
        for color in [false, true] {
            let text = StatsView.render(Self.report, width: width, style: Style(color: color))
            for line in Self.stripped(text).split(separator: "\n") {
                #expect(DisplayWidth.of(line) <= width, "\(line)")
            }
        }
    }

    @Test func colourOnlyWhenTheStyleAsksForIt() {
        let plain = StatsView.render(Self.report, width: 80, style: Style(color: false))
        #expect(!plain.contains("\u{1B}"))
        let coloured = StatsView.render(Self.report, width: 80, style: Style(color: true))
        #expect(coloured.contains("\u{1B}[31m"))  // 70/90 is below the desired retention: red
        #expect(Self.stripped(coloured) == plain)
    }

    @Test func deckTextCannotReachTheTerminalAsEscapes() {
        let text = StatsView.render(Self.report, width: 120, style: Style(color: false))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{7}"))
        #expect(text.contains("[leech, suspended] Где находится 北京?"))
    }

    @Test func tableColumnsLineUpWithWideAndCombiningText() throws {
        let text = StatsView.render(Self.report, width: 100, style: Style(color: false))
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("  Lapses") })
        let promptColumn = try #require(lines[header].range(of: "Prompt")).lowerBound
        let headerOffset = DisplayWidth.of(lines[header][..<promptColumn])
        let row = lines[header + 1]
        let start = try #require(row.range(of: "[leech")).lowerBound
        #expect(DisplayWidth.of(row[..<start]) == headerOffset)
        // Attribute bars start in the same column whatever the name's script.
        let bars = lines.filter { $0.hasSuffix("% 12/30") || $0.hasSuffix("%   8/9") }
        #expect(bars.count == 2)
        let columns = bars.map { line in DisplayWidth.of(line[..<(line.firstIndex(of: "█") ?? line.endIndex)])
        }
        #expect(columns[0] == columns[1])
    }

    @Test func anEmptyReportRenders() throws {
        let report = try StatsReport(
            profile: Profile(), cards: [], now: Date(timeIntervalSince1970: 0),
            calendar: StudyCalendar(timeZone: .gmt))
        for width in [40, 80] {
            let text = StatsView.render(report, width: width, style: Style(color: true))
            #expect(text.contains("nothing due"))
            #expect(text.contains("no reviews of graduated cards yet"))
            for line in Self.stripped(text).split(separator: "\n") {
                #expect(DisplayWidth.of(line) <= width)
            }
        }
    }

    @Test func widthComesFromColumnsWhenStdoutIsNoTerminal() {
        #expect(TerminalSize.columns(environment: ["COLUMNS": "132"]) == 132)
        #expect(TerminalSize.columns(environment: ["COLUMNS": "wide"]) == 80)
        #expect(TerminalSize.columns(environment: ["COLUMNS": "0"]) == 80)
        #expect(TerminalSize.columns(environment: [:]) == 80)
    }
}

/// The pictures themselves: bars in eighths, the forecast's columns, the heatmap's grid.
@Suite struct StatsChartTests {
    typealias Canvas = StatsView.Canvas

    @Test(arguments: [
        (0.0, 4, "    "), (1.0, 4, "████"), (0.5, 4, "██  "), (1.0 / 32, 4, "▏   "), (0.99, 2, "██"),
        (-1.0, 3, "   "), (Double.nan, 3, "   "), (2.0, 3, "███"),
    ])
    func barsAreDrawnInEighthsOfACell(fraction: Double, columns: Int, expected: String) {
        #expect(Canvas.bar(fraction, columns: columns) == expected)
    }

    @Test func forecastColumnsRiseWithTheCount() throws {
        let days = [4, 0, 2, 1].enumerated().map {
            StatsReport.DayCount(date: "d\($0.offset)", count: $0.element)
        }
        let canvas = Canvas(width: 40, style: Style(color: false))
        let lines = canvas.forecast(StatsReport.Forecast(overdue: 0, days: days))
        // Title, five rows of bars, the day marks. Four days at 40 columns: three cells a day
        // (a bar two wide and a gap).
        #expect(lines.count == 7)
        let rows = lines[1...5].map { line in Array(line.split(separator: "│", maxSplits: 1)[1]) }
        let columns = (0..<4).map { day in String(rows.map { $0.count > day * 3 ? $0[day * 3] : " " }) }
        #expect(columns[0] == "█████")  // the peak fills every row
        #expect(columns[1] == "     ")  // nothing due
        #expect(columns[2] == "  ▄██")  // half the peak: two and a half rows
        #expect(columns[3] == "   ▂█")  // a quarter: one and a quarter rows
        #expect(lines[1].hasPrefix("  4 │"))
        #expect(lines[5].hasPrefix("  0 │"))
    }

    @Test func heatmapIsSevenRowsOfWeeksWithTodayLast() throws {
        // 25 full weeks and a Wednesday: 178 days, the last one today.
        let days = (0..<178).map {
            StatsReport.DayCount(date: "2026-06-01", count: $0 == 177 ? 8 : ($0 % 7 == 0 ? 2 : 0))
        }
        let canvas = Canvas(width: 40, style: Style(color: false))
        let lines = canvas.heatmap(
            StatsReport.Activity(weeks: 26, days: days, activeDays: 26), streak: 1, total: 58)
        let grid = Array(lines[2...8])
        #expect(
            grid.map { String($0.prefix(6)) } == [
                "  Mon ", "      ", "  Wed ", "      ", "  Fri ", "      ", "  Sun ",
            ])
        let cells = grid.map { Array($0.dropFirst(6)) }
        #expect(cells[0].count == 26)
        #expect(cells[0].dropLast().allSatisfy { $0 == "░" })  // 2 of a peak of 8: the lightest shade
        #expect(cells[2].last == "█")  // today, Wednesday, the peak
        #expect(cells[3].count == 26 && cells[3].last == " ")  // Thursday has not come yet
        #expect(cells[1].dropLast().allSatisfy { $0 == "·" })
    }
}

extension StatsChartTests {
    @Test func aRetentionBarShortOfTheTargetShowsATick() {
        let identity: (String) -> String = { $0 }
        #expect(Canvas.bar(0.5, columns: 10, target: 0.9, paint: identity) == "█████    ┊")
        #expect(Canvas.bar(0.95, columns: 10, target: 0.9, paint: identity) == "█████████▌")
        #expect(Canvas.bar(0.0, columns: 4, target: 0.5, paint: identity) == "  ┊ ")
        let painted = Canvas.bar(0.5, columns: 10, target: 0.9, paint: { "<\($0)>" })
        #expect(painted == "<█████    >┊")
    }
}
