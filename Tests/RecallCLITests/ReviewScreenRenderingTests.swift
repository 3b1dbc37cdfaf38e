import Foundation
import Testing

@testable import RecallCore
@testable import recall

/// How the review screen draws the counts and the rating buttons.
@Suite struct ReviewScreenRenderingTests {
    struct Case: Sendable {
        var seconds: TimeInterval
        var text: String
    }

    @Test(arguments: [
        Case(seconds: 30, text: "<1m"), Case(seconds: 60, text: "<1m"), Case(seconds: 330, text: "6m"),
        Case(seconds: 600, text: "10m"), Case(seconds: 3 * 3600, text: "3h"),
        Case(seconds: 86_400, text: "1d"),
        Case(seconds: 12 * 86_400, text: "12d"), Case(seconds: 45 * 86_400, text: "1.5mo"),
        Case(seconds: 60 * 86_400, text: "2mo"), Case(seconds: 800 * 86_400, text: "2.2y"),
    ])
    func intervalsReadAsAnkisButtons(_ example: Case) {
        #expect(ReviewScreen.interval(example.seconds) == example.text)
    }

    @Test func theCountsAreColouredAsAnkiColoursThem() {
        let plain = ReviewScreen.counts((learning: 3, review: 40, new: 12), style: Style(color: false))
        #expect(plain == "12 new · 3 learning · 40 review")
        let coloured = ReviewScreen.counts((learning: 3, review: 40, new: 12), style: Style(color: true))
        #expect(coloured.contains("\u{1B}[34m12 new"))
        #expect(coloured.contains("\u{1B}[31m3 learning"))
        #expect(coloured.contains("\u{1B}[32m40 review"))
    }

    @Test func theButtonsBreakBetweenButtonsNeverInside() {
        let intervals: [(rating: Rating, interval: TimeInterval)] = [
            (.again, 600), (.hard, 40 * 86_400), (.good, 300 * 86_400), (.easy, 5000 * 86_400),
        ]
        let row = ReviewScreen.buttons(intervals, suggested: .good, style: Style(color: false), width: 60)
        #expect(row == "1 again 10m · 2 hard 1.3mo · 3 good 10mo · 4 easy 13.7y")
        let narrow = ReviewScreen.buttons(intervals, suggested: .good, style: Style(color: false), width: 30)
        #expect(
            narrow.split(separator: "\n") == ["1 again 10m", "2 hard 1.3mo", "3 good 10mo", "4 easy 13.7y"])
        let bold = ReviewScreen.buttons(intervals, suggested: .good, style: Style(color: true), width: 60)
        #expect(bold.contains("\u{1B}[1m3 good 10mo\u{1B}[0m"))
    }
}
