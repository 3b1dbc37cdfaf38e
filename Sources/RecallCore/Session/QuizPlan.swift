/// Picks the questions of a practice quiz: a seeded draw, one card per fact, each card in any of
/// its presentations (a quiz may ask every kind, true/false included; see `Card.askable`).
public enum QuizPlan {
    /// Up to `count` cards drawn with `seed`, never two from the same fact (siblings), kinds taken in turn.
    /// - Parameter presented: the cards are already the presentations to ask (as a query over
    ///   `askable` selected them), so they are not expanded again.
    public static func select(
        from cards: [Card], count: Int, seed: UInt64, kinds: Set<Card.Kind>? = nil, presented: Bool = false
    ) -> [Card] {
        var rng = SplitMix64(seed: seed, purpose: "quiz")
        let pool = (presented ? cards : cards.flatMap(\.askable)).filter { kinds?.contains($0.kind) ?? true }
            .shuffled(using: &rng)
        // Deal from one pile per kind in turn, so a short quiz is not all true/false.
        var piles: [[Card]] = []
        var pileOfKind: [Card.Kind: Int] = [:]
        for card in pool {
            if let pile = pileOfKind[card.kind] {
                piles[pile].append(card)
            } else {
                pileOfKind[card.kind] = piles.count
                piles.append([card])
            }
        }
        var siblings: Set<String> = []
        var chosen: [Card] = []
        var depth = 0
        while chosen.count < count, piles.contains(where: { $0.count > depth }) {
            for pile in piles where depth < pile.count && chosen.count < count {
                let card = pile[depth]
                if siblings.insert(card.siblingKey).inserted { chosen.append(card) }
            }
            depth += 1
        }
        return chosen
    }
}

extension Deck {
    /// Every name the deck knows, grouped by thing: for telling a typo from another real name.
    public var vocabulary: [[String]] {
        entities.map(\.names)
            + distractors.keys.sorted().flatMap { type in (distractors[type] ?? []).map { [$0] } }
    }
}
