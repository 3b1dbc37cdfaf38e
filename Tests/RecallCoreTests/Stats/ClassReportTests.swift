import Foundation
import Testing

@testable import RecallCore

@Suite struct ClassReportTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// A profile from (card, rating, typed answer) in order, one hour apart, graded by FSRS.
    static func profile(_ name: String, _ answers: [(String, Rating, String)]) throws -> Profile {
        var profile = Profile(name: name)
        let scheduler = try Scheduler()
        for (index, (card, rating, answer)) in answers.enumerated() {
            let at = start.addingTimeInterval(Double(index) * 3_600)
            let review = Review(
                cardID: card, reviewedAt: at, rating: rating, answer: answer,
                verdict: rating == .again ? .wrong : .correct, duration: 4)
            try profile.record(
                review,
                newState: scheduler.review(profile.state(of: card, at: at), id: card, rating: rating, at: at))
        }
        return profile
    }

    static func classOfTwo() throws -> [(name: String, profile: Profile)] {
        [
            (
                "ana",
                try profile(
                    "ana",
                    [
                        ("d:a", .good, "Paris"), ("d:a", .again, "Minsk"), ("d:a", .good, "Paris"),
                        ("d:b", .good, "1992"), ("d:b", .easy, "1992"),
                    ])
            ),
            (
                "ben",
                try profile(
                    "ben",
                    [
                        ("d:a", .again, "minsk"), ("d:a", .again, "Minsk "), ("d:a", .good, "Paris"),
                        ("d:c", .again, ""),
                    ])
            ),
        ]
    }

    @Test func learnersRetentionCountsRepeatedReviewsNotRatedAgain() throws {
        let report = ClassReport(profiles: try Self.classOfTwo())
        #expect(report.learners.map(\.name) == ["ana", "ben"])
        #expect(report.learners.map(\.reviews) == [5, 4])
        #expect(report.learners.map(\.cards) == [2, 2])
        #expect(report.learners[0].passRate.map { ($0 * 1000).rounded() } == 667)
        #expect(report.learners[1].passRate == 0.5)
    }

    @Test func hardestCardsComeFirstWithTheirCommonWrongAnswers() throws {
        let report = ClassReport(profiles: try Self.classOfTwo())
        #expect(report.hardest.map(\.cardID) == ["d:a", "d:b"], "d:c was seen once: no pass rate yet")
        let hardest = try #require(report.hardest.first)
        #expect(hardest.reviews == 6)
        #expect(hardest.learners == 2)
        #expect(hardest.passRate == 0.5)
        #expect(
            hardest.wrongAnswers == [ClassReport.WrongAnswer(answer: "Minsk", count: 3)],
            "folded: case and spaces")
        #expect(report.hardest[1].passRate == 1)
        #expect(ClassReport(profiles: try Self.classOfTwo(), top: 1).hardest.count == 1)
    }

    @Test func aDeckRestrictsTheReportToItsCardsAndShowsTheirQuestions() throws {
        let card = Card(
            id: CardID(stored: "d:b"), deck: "d", kind: .typed, prompt: "When?", answer: "1992", facts: [],
            source: "",
            why: "", topic: "t", siblingKey: "d:b")
        let report = ClassReport(profiles: try Self.classOfTwo(), cards: [card])
        #expect(report.learners.map(\.reviews) == [2, 0])
        #expect(report.hardest.map(\.prompt) == ["When?"])
    }

    @Test func matureCardsHaveAnIntervalOfThreeWeeks() {
        let last = Self.start
        let states = [
            "long": CardState(
                phase: .review, step: nil, stability: 30, difficulty: 5,
                due: last.addingTimeInterval(25 * 86_400), lastReview: last),
            "short": CardState(
                phase: .review, step: nil, stability: 5, difficulty: 5,
                due: last.addingTimeInterval(6 * 86_400), lastReview: last),
        ]
        let report = ClassReport(profiles: [("x", Profile(name: "x", states: states))])
        #expect(report.learners.first?.mature == 1)
    }

    @Test func csvAndJSONCarryTheSameFigures() throws {
        let report = ClassReport(profiles: try Self.classOfTwo())
        let csv = report.csv()
        #expect(
            csv.hasPrefix(
                "learner,reviews,cards,pass_rate,mature,lapses\r\nana,5,2,0.667,0,0\r\nben,4,2,0.500,0,"))
        #expect(
            csv.contains("\r\n\r\ncard,prompt,pass_rate,lapses,reviews,learners,wrong_answers\r\nd:a,,0.500,")
        )
        #expect(csv.contains(",6,2,Minsk (3)\r\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: report.json()) as? [String: Any])
        let hardest = try #require(object["hardest"] as? [[String: Any]])
        #expect(hardest.first?["card"] as? String == "d:a")
        #expect((hardest.first?["wrong_answers"] as? [[String: Any]])?.first?["count"] as? Int == 3)
    }
}
