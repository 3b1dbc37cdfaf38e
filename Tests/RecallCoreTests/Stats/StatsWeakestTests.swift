import Foundation
import Testing

@testable import RecallCore

@Suite struct StatsWeakestTests {
    /// Graduates `id` with Easy, then reviews it in the Review phase once a day with `ratings`.
    func reviewed(_ fixture: inout StatsFixture, _ id: String, _ ratings: [Rating]) throws {
        try fixture.answer(id, .easy, day: -60)
        for (offset, rating) in ratings.enumerated() {
            try fixture.answer(id, rating, day: -50 + offset * 5)
        }
    }

    @Test func aGroupWithNothingForgottenIsNeverTheWeakest() throws {
        var fixture = try StatsFixture()
        let cards = [
            StatsFixture.card("a", topic: "founded"), StatsFixture.card("b", topic: "members"),
        ]
        try reviewed(&fixture, "a", Array(repeating: .good, count: 6))
        try reviewed(&fixture, "b", Array(repeating: .hard, count: 6))
        #expect(try fixture.report(cards).weakest == nil)
    }

    @Test func aGroupNeedsTheMinimumSampleAndSomethingForgotten() throws {
        var fixture = try StatsFixture()
        // Different kinds too, so that no group mixes the two cards.
        let cards = [
            StatsFixture.card("a", topic: "founded", kind: .typed),
            StatsFixture.card("b", topic: "members", kind: .choice),
        ]
        // Too few reviews of "members" to call it weak, even with a lapse.
        try reviewed(&fixture, "a", Array(repeating: .good, count: 6))
        try reviewed(&fixture, "b", [.again, .good])
        #expect(try fixture.report(cards).weakest == nil)

        var enough = try StatsFixture()
        try reviewed(&enough, "a", Array(repeating: .good, count: 6))
        try reviewed(&enough, "b", [.good, .again, .good, .good, .good, .good])
        let weakest = try #require(try enough.report(cards).weakest)
        #expect(weakest.attribute == "members")
        #expect(weakest.rate < 1)
        #expect(weakest.reviews >= StatsReport.weakestMinimumReviews)
    }
}
