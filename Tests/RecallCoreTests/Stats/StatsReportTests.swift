import Foundation
import Testing

@testable import RecallCore

@Suite struct StatsReportTests {
    typealias Fixture = StatsFixture

    /// Card a (founded, typed) and b (headquarters, choice) with reviews in every phase;
    /// c is new, d suspended after one review, e buried until tomorrow.
    static func mixedHistory() throws -> (Fixture, [Card]) {
        var fixture = try Fixture()
        // a: Easy graduates it; then Review-phase reviews on days -20 (Again), -5 (Good), -1 (Again).
        try fixture.answer("a", .easy, day: -40)
        try fixture.answer("a", .again, day: -20)
        try fixture.answer("a", .good, day: -19)  // relearning → review, not counted
        try fixture.answer("a", .good, day: -5)
        try fixture.answer("a", .again, day: -1)  // a stays relearning
        // b: graduates on day -10, then passes on days -3 and 0.
        try fixture.answer("b", .easy, day: -10)
        try fixture.answer("b", .good, day: -3)
        try fixture.answer("b", .good, day: 0, hour: 10)
        try fixture.answer("d", .good, day: -2)  // learning step 1
        fixture.profile.setFlags(CardFlags(isSuspended: true, isLeech: true), for: "d")
        fixture.profile.setFlags(CardFlags(buriedUntil: Fixture.local(day: 1, hour: 4)), for: "e")
        let cards = [
            Fixture.card("a", topic: "founded", kind: .typed),
            Fixture.card("b", topic: "headquarters", kind: .choice),
            Fixture.card("c", topic: "founded", kind: .choice),
            Fixture.card("d", topic: "headquarters", kind: .typed),
            Fixture.card("e", topic: "founded", kind: .typed),
        ]
        return (fixture, cards)
    }

    @Test func countsCardsByState() throws {
        let (fixture, cards) = try Self.mixedHistory()
        let counts = try fixture.report(cards).cards
        #expect(counts.total == 5)
        #expect(counts.new == 1)  // c
        #expect(counts.learning == 0)
        #expect(counts.review == 1)  // b
        #expect(counts.relearning == 1)  // a
        #expect(counts.suspended == 1)  // d
        #expect(counts.buried == 1)  // e
        #expect(counts.leech == 1)  // d
        #expect(
            counts.new + counts.learning + counts.review + counts.relearning + counts.suspended
                + counts.buried == 5)
    }

    @Test func trueRetentionCountsReviewPhaseReviewsOnly() throws {
        let (fixture, cards) = try Self.mixedHistory()
        let report = try fixture.report(cards)
        // Last 7 days (-6…0): a -5 pass, a -1 fail, b -3 pass, b 0 pass.
        // Last 30 days add a's lapse on day -20.
        #expect(report.trueRetention.map(\.days) == [7, 30])
        #expect(report.trueRetention.map(\.reviews) == [4, 5])
        #expect(report.trueRetention.map(\.passed) == [3, 3])
        #expect(report.trueRetention[0].rate == 0.75)
        #expect(report.trueRetention[1].rate == 0.6)
        #expect(report.desiredRetention == 0.9)
        #expect(report.totalReviews == 9)
    }

    @Test func hardestCardsComeByLapsesThenRate() throws {
        let (fixture, cards) = try Self.mixedHistory()
        let hardest = try fixture.report(cards).hardest
        #expect(hardest.map(\.id) == ["a"])
        let a = try #require(hardest.first)
        #expect(a.lapses == 2)
        #expect(a.reviews == 5)
        #expect(a.again == 2)
        #expect(a.rate == 0.6)
        #expect(a.attribute == "founded" && a.kind == "typed")
    }

    @Test func hardestOrdersTiesByLowerRate() throws {
        var fixture = try Fixture()
        for id in ["x", "y"] {
            try fixture.answer(id, .easy, day: -30)
            try fixture.answer(id, .again, day: -20)  // one lapse each
        }
        try fixture.answer("y", .again, day: -19)  // y also fails relearning: lower rate, same lapses
        try fixture.answer("z", .again, day: -3)  // learning failure: no lapse
        let cards = ["x", "y", "z", "w"].map { Fixture.card($0) }
        let hardest = try fixture.report(cards).hardest
        #expect(hardest.map(\.id) == ["y", "x", "z"])
        #expect(hardest.map(\.lapses) == [1, 1, 0])
    }

    @Test func weakestGroupIsTheWorstAttributeAndKindWithAQueryThatSelectsIt() throws {
        var fixture = try Fixture()
        var cards: [Card] = []
        // founded/typed: Easy, Good, Again → 3 cards × 2 outcomes, half passed.
        // founded/choice: Easy, Good, Good → all 6 passed.
        // headquarters/typed: Easy, Good, Good, Again → 9 outcomes, 6 passed.
        let plans: [(String, Card.Kind, [Rating])] = [
            ("founded", .typed, [.easy, .good, .again]),
            ("founded", .choice, [.easy, .good, .good]),
            ("headquarters", .typed, [.easy, .good, .good, .again]),
        ]
        for (topic, kind, ratings) in plans {
            for number in 0..<3 {
                let id = "\(topic)-\(kind.rawValue)-\(number)"
                cards.append(Fixture.card(id, topic: topic, kind: kind))
                for (step, rating) in ratings.enumerated() {
                    try fixture.answer(id, rating, day: -40 + step * 10)
                }
            }
        }
        let report = try fixture.report(cards)
        let weakest = try #require(report.weakest)
        #expect(weakest.attribute == "founded")
        #expect(weakest.kind == "typed")
        #expect(weakest.reviews == 6 && weakest.passed == 3)
        #expect(weakest.query == "attr:founded kind:typed")
        let query = try CardQuery(weakest.query)
        let drilled = cards.filter { query.matches($0, in: CardQuery.Context()) }.map(\.id)
        #expect(drilled == ["founded-typed-0", "founded-typed-1", "founded-typed-2"])

        #expect(report.byAttribute.map(\.name) == ["headquarters", "founded"])
        #expect(report.byAttribute.map(\.reviews) == [9, 12])
        #expect(report.byAttribute.map(\.passed) == [6, 9])
        #expect(report.byAttribute.map(\.cards) == [3, 6])
        #expect(report.byAttribute.map(\.query) == ["attr:headquarters", "attr:founded"])
        #expect(report.byKind.map(\.name) == ["typed", "choice"])
        #expect(report.byKind.map(\.reviews) == [15, 6])
        #expect(report.byKind.map(\.passed) == [9, 6])
    }

    @Test func noWeakestGroupWithTooFewReviews() throws {
        let (fixture, cards) = try Self.mixedHistory()
        let report = try fixture.report(cards)
        #expect(report.weakest == nil)  // at most 3 Review-phase reviews in any group
        #expect(report.byAttribute.map(\.name) == ["founded", "headquarters"])
        #expect(report.byAttribute.map(\.rate) == [1.0 / 3.0, 1.0])
    }

    @Test func weakestFallsBackToAnAttributeWhenNoCombinationHasEnoughReviews() throws {
        var fixture = try Fixture()
        // Three Review-phase reviews each for two kinds of 'founded': 6 for the attribute.
        for id in ["t", "c"] {
            try fixture.answer(id, .easy, day: -40)
            try fixture.answer(id, .good, day: -30)
            try fixture.answer(id, .good, day: -20)
            try fixture.answer(id, .again, day: -10)
        }
        let cards = [Fixture.card("t", kind: .typed), Fixture.card("c", kind: .choice)]
        let weakest = try #require(try fixture.report(cards).weakest)
        #expect(weakest.query == "attr:founded")
        #expect(weakest.kind == nil)
        #expect(weakest.reviews == 6 && weakest.passed == 4)
    }

    @Test func attributesWithSpacesGetNoQuery() throws {
        var fixture = try Fixture()
        // Five lapses, each followed by a Good that graduates the card again.
        try fixture.answer("s", .easy, day: -40)
        for day in [-30, -20, -10, -5, -2] {
            try fixture.answer("s", .again, day: day)
            try fixture.answer("s", .good, day: day, hour: 13)
        }
        let report = try fixture.report([Fixture.card("s", topic: "two words")])
        #expect(report.byAttribute.first?.query == nil)
        // The combination and the attribute cannot be written as a query; the kind can.
        #expect(report.weakest?.query == "kind:typed")
    }

    @Test func reviewsOfOtherCardsAreLeftOut() throws {
        var (fixture, cards) = try Self.mixedHistory()
        try fixture.answer("elsewhere", .good, day: 0)
        let report = try fixture.report(cards)
        #expect(report.totalReviews == 9)
        #expect(report.activity.days.last?.count == 1)  // b's review today
    }

    @Test func emptyProfileGivesZerosAndNoWeakestGroup() throws {
        let fixture = try Fixture()
        let report = try fixture.report([])
        #expect(report.cards == StatsReport.StateCounts())
        #expect(report.trueRetention.allSatisfy { $0.reviews == 0 && $0.rate == nil })
        #expect(report.forecast.days.count == 30)
        #expect(report.forecast.days.allSatisfy { $0.count == 0 })
        #expect(report.activity.activeDays == 0)
        #expect(report.weakest == nil)
        #expect(report.hardest.isEmpty)
        #expect(report.streak == 0)
    }

    @Test func invalidSettingsAreAnError() throws {
        var fixture = try Fixture()
        fixture.profile.settings.desiredRetention = 1.5
        #expect(throws: SchedulerError.self) { try fixture.report([]) }
    }
}
