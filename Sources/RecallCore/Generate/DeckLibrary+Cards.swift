extension DeckLibrary {
    /// The cards `QuestionGenerator(seed:)` makes of `decks`, through the cache when there is one.
    public func cards(for decks: [Deck], seed: UInt64 = 0) -> [Card] {
        cache?.cards(for: decks, seed: seed) ?? decks.flatMap { QuestionGenerator(seed: seed).cards(for: $0) }
    }
}
