import Foundation

extension StatsHistory {
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

        /// Adds a card and its Review-phase reviews.
        mutating func add(_ card: CardTally) {
            cards += 1
            reviews += card.reviewPhase
            passed += card.passed
        }
    }

    var groups: Groups {
        // Each card belongs to three groups (its attribute, its kind, both). Attributes are
        // numbered (one `String` hash per card), kinds by their place, and each card's
        // Review-phase outcomes come tallied from the replay.
        let kinds = Card.Kind.allCases
        var attributeNumbers: [String: Int] = [:]
        var attributes: [String] = []
        var byAttribute: [Tally] = []
        var byKind = [Tally](repeating: Tally(), count: kinds.count)
        var byBoth: [Int: Tally] = [:]
        // By index: iterating would copy each `Card`.
        for index in cards.indices {
            let topic = cards[index].topic
            let attribute =
                attributeNumbers[topic]
                ?? {
                    attributeNumbers[topic] = attributes.count
                    attributes.append(topic)
                    byAttribute.append(Tally())
                    return attributes.count - 1
                }()
            let kind = kinds.firstIndex(of: cards[index].kind) ?? 0
            byAttribute[attribute].add(tallies[index])
            byKind[kind].add(tallies[index])
            byBoth[attribute * kinds.count + kind, default: Tally()].add(tallies[index])
        }
        var all: [Key: Tally] = [:]
        for (attribute, tally) in zip(attributes, byAttribute) { all[Key(attribute: attribute)] = tally }
        for (kind, tally) in zip(kinds, byKind) where tally.cards > 0 { all[Key(kind: kind)] = tally }
        for (number, tally) in byBoth {
            all[Key(attribute: attributes[number / kinds.count], kind: kinds[number % kinds.count])] = tally
        }
        func retention(_ level: (Key) -> Bool, name: (Key) -> String) -> [StatsReport.GroupRetention] {
            all.filter { level($0.key) }.map { key, tally in
                StatsReport.GroupRetention(
                    name: name(key), cards: tally.cards, reviews: tally.reviews, passed: tally.passed,
                    query: Self.query(for: key))
            }.sorted(by: Self.weakerFirst)
        }
        return Groups(
            attributes: retention({ $0.kind == nil }, name: { $0.attribute ?? "" }),
            kinds: retention({ $0.attribute == nil }, name: { $0.kind?.rawValue ?? "" }),
            weakest: Self.weakest(of: all))
    }

    /// The combination of attribute and kind with the lowest retention among those with enough
    /// reviews and at least one forgotten; failing that the weakest attribute, then the weakest kind.
    private static func weakest(of tallies: [Key: Tally]) -> StatsReport.WeakestGroup? {
        let levels: [(Key) -> Bool] = [
            { $0.attribute != nil && $0.kind != nil }, { $0.kind == nil }, { $0.attribute == nil },
        ]
        for level in levels {
            let candidates = tallies.compactMap { key, tally -> StatsReport.WeakestGroup? in
                // A group nothing was forgotten in is not weak, however few its reviews.
                guard level(key), tally.reviews >= StatsReport.weakestMinimumReviews,
                    tally.passed < tally.reviews,
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
