import Foundation

/// The progress files' records, written with the one JSON writer.
extension JSONWriter {
    /// A review as `Review`'s `Codable` reads it, on one line.
    mutating func review(_ review: Review) {
        literal("{\"id\":")
        string(review.id)
        literal(",\"card\":")
        string(review.cardID)
        literal(",\"at\":")
        number(review.reviewedAt.timeIntervalSince1970)
        literal(",\"rating\":")
        integer(review.rating.rawValue)
        literal(",\"answer\":")
        string(review.answer)
        literal(",\"verdict\":")
        string(review.verdict.rawValue)
        literal(",\"seconds\":")
        number(review.duration)
        if review.hints > 0 {
            literal(",\"hints\":")
            integer(review.hints)
        }
        if review.overridden { literal(",\"overridden\":true") }
        literal("}")
    }

    /// A card's flags as `CardFlags`'s `Codable` reads them, only what is set, in a fixed order
    /// (what `SnapshotFastReader` expects).
    mutating func flags(_ flags: CardFlags) {
        var comma = false
        func next(_ key: StaticString, _ writer: inout JSONWriter) {
            writer.literal(comma ? "," : "{")
            comma = true
            writer.literal(key)
        }
        if flags.isSuspended { next("\"suspended\":true", &self) }
        if let until = flags.buriedUntil {
            next("\"buried_until\":", &self)
            number(until.timeIntervalSince1970)
        }
        if flags.isLeech { next("\"leech\":true", &self) }
        if flags.lapses != 0 {
            next("\"lapses\":", &self)
            integer(flags.lapses)
        }
        if !flags.aliases.isEmpty {
            next("\"aliases\":[", &self)
            for (position, alias) in flags.aliases.enumerated() {
                if position > 0 { literal(",") }
                string(alias)
            }
            literal("]")
        }
        literal(comma ? "}" : "{}")
    }

    /// A due change as `DueChange`'s `Codable` reads it, on one line.
    mutating func dueChange(_ change: DueChange) {
        literal("{\"id\":")
        string(change.id)
        literal(",\"card\":")
        string(change.cardID)
        literal(",\"at\":")
        number(change.changedAt.timeIntervalSince1970)
        literal(",\"due\":")
        number(change.due.timeIntervalSince1970)
        if let interval = change.interval {
            literal(",\"ivl\":")
            integer(interval)
        }
        if let ease = change.ease {
            literal(",\"ease\":")
            number(ease)
        }
        literal("}")
    }

    /// A card state as `CardState`'s `Codable` reads it, dates as seconds since 1970 (snake_case
    /// keys, as every key of the progress files since schema version 2).
    mutating func state(_ state: CardState) {
        literal("{\"phase\":")
        string(state.phase.rawValue)
        if let step = state.step {
            literal(",\"step\":")
            integer(step)
        }
        if let stability = state.stability {
            literal(",\"stability\":")
            number(stability)
        }
        if let difficulty = state.difficulty {
            literal(",\"difficulty\":")
            number(difficulty)
        }
        literal(",\"due\":")
        number(state.due.timeIntervalSince1970)
        if let lastReview = state.lastReview {
            literal(",\"last_review\":")
            number(lastReview.timeIntervalSince1970)
        }
        literal("}")
    }
}
