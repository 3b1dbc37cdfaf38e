/// Today's review and new cards in the order they are shown, with O(1) access to the head and
/// O(1) removal of any card by id, so that answering does not scan the queue.
///
/// Cards sit at integer positions; removing one leaves a hole that the head skips once. A card is
/// in the queue at most once: putting it in again moves it.
struct ReviewQueue {
    private var slots: [Int: Card] = [:]
    private var positions: [String: Int] = [:]
    /// Card ids in the queue per sibling key, for burying a fact's other cards.
    private var siblings: [String: Set<String>] = [:]
    /// The head's position (or `end` when empty); every position below it is empty.
    private var start = 0
    /// One past the last position used.
    private var end = 0

    init(_ cards: [Card] = []) {
        for card in cards { append(card) }
    }

    var first: Card? { start < end ? slots[start] : nil }
    var count: Int { positions.count }
    var isEmpty: Bool { positions.isEmpty }

    func contains(_ id: String) -> Bool { positions[id] != nil }

    /// The cards in order (O(count + holes)): for counts, not for the per-answer path.
    var cards: [Card] {
        positions.values.sorted().compactMap { slots[$0] }
    }

    func filter(_ isIncluded: (Card) -> Bool) -> [Card] { cards.filter(isIncluded) }

    mutating func append(_ card: Card) {
        remove(id: card.id)
        place(card, at: end)
        end += 1
    }

    /// Puts `cards` at the front, the first of them first.
    mutating func prepend(_ cards: [Card]) {
        for card in cards { remove(id: card.id) }
        for card in cards.reversed() {
            start -= 1
            place(card, at: start)
        }
    }

    mutating func removeFirst() {
        if let head = first { remove(id: head.id) }
    }

    /// Takes the card out, if it is queued.
    mutating func remove(id: String) {
        guard let position = positions.removeValue(forKey: id), let card = slots.removeValue(forKey: position)
        else { return }
        siblings[card.siblingKey]?.remove(id)
        if siblings[card.siblingKey]?.isEmpty == true { siblings[card.siblingKey] = nil }
        while start < end, slots[start] == nil { start += 1 }
        if positions.isEmpty {
            start = 0
            end = 0
        }
    }

    /// Takes out the other cards of `card`'s fact and returns them in queue order.
    mutating func removeSiblings(of card: Card) -> [Card] {
        let ids = (siblings[card.siblingKey] ?? []).subtracting([card.id])
        let removed = ids.compactMap { id in positions[id].map { (position: $0, id: id) } }
            .sorted { $0.position < $1.position }
            .compactMap { slots[$0.position] }
        for sibling in removed { remove(id: sibling.id) }
        return removed
    }

    /// Moves the card to the end (what skipping does); nothing if it is not queued.
    mutating func moveToEnd(id: String) {
        guard let card = positions[id].flatMap({ slots[$0] }) else { return }
        append(card)
    }

    private mutating func place(_ card: Card, at position: Int) {
        slots[position] = card
        positions[card.id] = position
        siblings[card.siblingKey, default: []].insert(card.id)
    }
}
