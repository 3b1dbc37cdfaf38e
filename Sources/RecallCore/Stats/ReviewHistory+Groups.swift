import Foundation

extension ReviewHistory {
    /// Retention by attribute, by kind, and the weakest combination of both.
    struct Groups {
        var attributes: [StatsReport.GroupRetention]
        var kinds: [StatsReport.GroupRetention]
        var weakest: StatsReport.WeakestGroup?
    }

    /// A group's key: an attribute, a kind, or both.
    private struct Key: Hashable {
        var attribute: String?
        var kind: Card.Kind?
    }

    private struct Tally {
        var cards = 0
        var reviews = 0
        var passed = 0
    }

    var groups: Groups {
        var tallies: [Key: Tally] = [:]
        func keys(of card: Card) -> [Key] {
            [Key(attribute: card.topic), Key(kind: card.kind), Key(attribute: card.topic, kind: card.kind)]
        }
        for card in cards {
            for key in keys(of: card) { tallies[key, default: Tally()].cards += 1 }
        }
        for outcome in outcomes {
            for key in keys(of: cards[outcome.card]) {
                tallies[key, default: Tally()].reviews += 1
                if outcome.passed { tallies[key, default: Tally()].passed += 1 }
            }
        }
        func retention(_ pairs: [(key: Key, value: Tally)], name: (Key) -> String) -> [StatsReport
            .GroupRetention]
        {
            pairs.map { key, tally in
                StatsReport.GroupRetention(
                    name: name(key), cards: tally.cards, reviews: tally.reviews, passed: tally.passed,
                    query: Self.query(for: key))
            }.sorted(by: Self.weakerFirst)
        }
        let attributes = retention(
            tallies.filter { $0.key.kind == nil }.map { $0 }, name: { $0.attribute ?? "" })
        let kinds = retention(
            tallies.filter { $0.key.attribute == nil }.map { $0 }, name: { $0.kind?.rawValue ?? "" })
        return Groups(attributes: attributes, kinds: kinds, weakest: Self.weakest(of: tallies))
    }

    /// The combination of attribute and kind with the lowest retention among those with enough
    /// reviews; failing that the weakest attribute, then the weakest kind.
    private static func weakest(of tallies: [Key: Tally]) -> StatsReport.WeakestGroup? {
        let levels: [(Key) -> Bool] = [
            { $0.attribute != nil && $0.kind != nil }, { $0.kind == nil }, { $0.attribute == nil },
        ]
        for level in levels {
            let candidates = tallies.compactMap { key, tally -> StatsReport.WeakestGroup? in
                guard level(key), tally.reviews >= StatsReport.weakestMinimumReviews,
                    let query = query(for: key)
                else { return nil }
                return StatsReport.WeakestGroup(
                    attribute: key.attribute, kind: key.kind?.rawValue, reviews: tally.reviews,
                    passed: tally.passed, query: query)
            }
            let best = candidates.min { a, b in
                if a.rate != b.rate { return a.rate < b.rate }
                if a.reviews != b.reviews { return a.reviews > b.reviews }
                return a.query < b.query
            }
            if let best { return best }
        }
        return nil
    }

    /// `attr:<topic> kind:<kind>` (either part alone for a group of one); nil when the attribute
    /// cannot be written as a query term (empty, or with spaces).
    private static func query(for key: Key) -> String? {
        var terms: [String] = []
        if let attribute = key.attribute {
            guard !attribute.isEmpty, !attribute.contains(where: \.isWhitespace) else { return nil }
            terms.append("attr:\(attribute)")
        }
        if let kind = key.kind { terms.append("kind:\(kind.rawValue)") }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// Lowest retention first; groups without reviews last; then by name.
    private static func weakerFirst(_ a: StatsReport.GroupRetention, _ b: StatsReport.GroupRetention) -> Bool
    {
        switch (a.rate, b.rate) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.name < b.name
        }
    }
}
