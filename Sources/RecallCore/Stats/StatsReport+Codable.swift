import Foundation

// The JSON of `recall stats --json`: snake_case keys that stay the same from one release to the
// next, every key always present (null when there is no value), and rates written out.

extension StatsReport {
    enum CodingKeys: String, CodingKey {
        case profile, today, timeZone = "time_zone", rolloverHour = "rollover_hour"
        case desiredRetention = "desired_retention", totalReviews = "total_reviews", cards
        case trueRetention = "true_retention", forecast, activity, stability
        case byAttribute = "by_attribute", byKind = "by_kind", weakest, hardest, streak
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(profile, forKey: .profile)
        try container.encode(today, forKey: .today)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(rolloverHour, forKey: .rolloverHour)
        try container.encode(desiredRetention, forKey: .desiredRetention)
        try container.encode(totalReviews, forKey: .totalReviews)
        try container.encode(cards, forKey: .cards)
        try container.encode(trueRetention, forKey: .trueRetention)
        try container.encode(forecast, forKey: .forecast)
        try container.encode(activity, forKey: .activity)
        try container.encode(stability, forKey: .stability)
        try container.encode(byAttribute, forKey: .byAttribute)
        try container.encode(byKind, forKey: .byKind)
        try container.encode(weakest, forKey: .weakest)
        try container.encode(hardest, forKey: .hardest)
        try container.encode(streak, forKey: .streak)
    }
}

extension StatsReport.RetentionWindow {
    enum CodingKeys: String, CodingKey { case days, reviews, passed }
    enum EncodingKeys: String, CodingKey { case days, reviews, passed, rate }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EncodingKeys.self)
        try container.encode(days, forKey: .days)
        try container.encode(reviews, forKey: .reviews)
        try container.encode(passed, forKey: .passed)
        try container.encode(rate, forKey: .rate)
    }
}

extension StatsReport.Activity {
    enum CodingKeys: String, CodingKey { case weeks, days, activeDays = "active_days" }
}

extension StatsReport.StabilityBucket {
    enum CodingKeys: String, CodingKey {
        case label, minimumDays = "minimum_days", maximumDays = "maximum_days", cards
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(minimumDays, forKey: .minimumDays)
        try container.encode(maximumDays, forKey: .maximumDays)
        try container.encode(cards, forKey: .cards)
    }
}

extension StatsReport.GroupRetention {
    enum CodingKeys: String, CodingKey { case name, cards, reviews, passed, query }
    enum EncodingKeys: String, CodingKey { case name, cards, reviews, passed, rate, query }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EncodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(cards, forKey: .cards)
        try container.encode(reviews, forKey: .reviews)
        try container.encode(passed, forKey: .passed)
        try container.encode(rate, forKey: .rate)
        try container.encode(query, forKey: .query)
    }
}

extension StatsReport.WeakestGroup {
    enum CodingKeys: String, CodingKey { case attribute, kind, reviews, passed, query }
    enum EncodingKeys: String, CodingKey { case attribute, kind, reviews, passed, rate, query }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EncodingKeys.self)
        try container.encode(attribute, forKey: .attribute)
        try container.encode(kind, forKey: .kind)
        try container.encode(reviews, forKey: .reviews)
        try container.encode(passed, forKey: .passed)
        try container.encode(rate, forKey: .rate)
        try container.encode(query, forKey: .query)
    }
}

extension StatsReport.HardCard {
    enum CodingKeys: String, CodingKey {
        case id, prompt, attribute, kind, lapses, reviews, again
        case isLeech = "leech", isSuspended = "suspended"
    }
    enum EncodingKeys: String, CodingKey {
        case id, prompt, attribute, kind, lapses, reviews, again, rate
        case isLeech = "leech", isSuspended = "suspended"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EncodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(attribute, forKey: .attribute)
        try container.encode(kind, forKey: .kind)
        try container.encode(lapses, forKey: .lapses)
        try container.encode(reviews, forKey: .reviews)
        try container.encode(again, forKey: .again)
        try container.encode(rate, forKey: .rate)
        try container.encode(isLeech, forKey: .isLeech)
        try container.encode(isSuspended, forKey: .isSuspended)
    }
}
