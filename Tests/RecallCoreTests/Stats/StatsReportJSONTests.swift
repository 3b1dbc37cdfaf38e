import Foundation
import Testing

@testable import RecallCore

/// The JSON of `recall stats --json` is an interface: its keys must not drift.
@Suite struct StatsReportJSONTests {
    static func object(_ report: StatsReport) throws -> [String: Any] {
        let data = try JSONEncoder().encode(report)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func topLevelAndNestedKeysAreStableSnakeCase() throws {
        let (fixture, cards) = try StatsReportTests.mixedHistory()
        let json = try Self.object(try fixture.report(cards))
        #expect(
            Set(json.keys) == [
                "profile", "today", "time_zone", "rollover_hour", "desired_retention", "total_reviews",
                "cards",
                "true_retention", "forecast", "activity", "stability", "by_attribute", "by_kind", "weakest",
                "hardest", "streak",
            ])
        let counts = try #require(json["cards"] as? [String: Any])
        #expect(
            Set(counts.keys) == [
                "total", "new", "learning", "review", "relearning", "suspended", "buried", "leech", "due",
            ])
        let retention = try #require((json["true_retention"] as? [[String: Any]])?.first)
        #expect(Set(retention.keys) == ["days", "reviews", "passed", "rate"])
        #expect(retention["rate"] as? Double == 0.75)
        let forecast = try #require(json["forecast"] as? [String: Any])
        #expect(Set(forecast.keys) == ["overdue", "days"])
        let day = try #require((forecast["days"] as? [[String: Any]])?.first)
        #expect(Set(day.keys) == ["date", "count"])
        let activity = try #require(json["activity"] as? [String: Any])
        #expect(Set(activity.keys) == ["weeks", "days", "active_days"])
        let bucket = try #require((json["stability"] as? [[String: Any]])?.last)
        #expect(Set(bucket.keys) == ["label", "minimum_days", "maximum_days", "cards"])
        #expect(bucket["maximum_days"] is NSNull)
        let group = try #require((json["by_attribute"] as? [[String: Any]])?.first)
        #expect(Set(group.keys) == ["name", "cards", "reviews", "passed", "rate", "query"])
        let hard = try #require((json["hardest"] as? [[String: Any]])?.first)
        #expect(
            Set(hard.keys) == [
                "id", "prompt", "attribute", "kind", "lapses", "reviews", "again", "rate", "leech",
                "suspended",
            ])
        #expect(json["weakest"] is NSNull)
        #expect(json["time_zone"] as? String == "GMT+0200")
    }

    @Test func weakestGroupKeysAndRoundTrip() throws {
        var weakest = StatsReport.WeakestGroup(
            attribute: "founded", kind: nil, reviews: 8, passed: 2, query: "attr:founded")
        let data = try JSONEncoder().encode(weakest)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["attribute", "kind", "reviews", "passed", "rate", "query"])
        #expect(object["rate"] as? Double == 0.25)
        #expect(object["kind"] is NSNull)
        weakest.kind = "typed"
        let back = try JSONDecoder().decode(
            StatsReport.WeakestGroup.self, from: try JSONEncoder().encode(weakest))
        #expect(back == weakest)
    }

    @Test func aReportDecodesBackToItself() throws {
        let (fixture, cards) = try StatsReportTests.mixedHistory()
        let report = try fixture.report(cards)
        let back = try JSONDecoder().decode(StatsReport.self, from: try JSONEncoder().encode(report))
        #expect(back == report)
    }
}
