import Foundation

/// Learning and relearning cards waiting for their step, ordered by due time (ties in the order
/// they were added): a binary heap with lazy deletion, so adding, removing and finding the
/// earliest card cost O(log n) rather than a sort of every learning card at every answer.
struct LearningIndex {
    private struct Entry {
        var due: Date
        var order: Int
        var id: String
    }

    private var heap: [Entry] = []
    /// The live entry of each card: its card, due time and insertion number.
    private var live: [String: (card: Card, due: Date, order: Int)] = [:]
    private var counter = 0

    var count: Int { live.count }
    var isEmpty: Bool { live.isEmpty }

    func contains(_ id: String) -> Bool { live[id] != nil }

    /// The cards waiting, in no particular order (O(count)): for building the queue, not for
    /// the per-answer path.
    var cards: [Card] { live.values.map(\.card) }

    /// Adds the card (or moves it, if already here) with its due time.
    mutating func insert(_ card: Card, due: Date) {
        counter += 1
        live[card.id] = (card, due, counter)
        push(Entry(due: due, order: counter, id: card.id))
        if heap.count > 2 * live.count + 32 { rebuild() }
    }

    mutating func remove(id: String) {
        live[id] = nil
    }

    mutating func removeAll() {
        heap.removeAll()
        live.removeAll()
    }

    /// The card due first, with its due time.
    mutating func earliest() -> (card: Card, due: Date)? {
        while let top = heap.first {
            if let entry = live[top.id], entry.order == top.order { return (entry.card, entry.due) }
            pop()
        }
        return nil
    }

    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.due != b.due ? a.due < b.due : a.order < b.order
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func pop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, Self.precedes(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.precedes(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }

    /// Drops stale entries so the heap stays within a constant factor of the live cards.
    private mutating func rebuild() {
        let entries = live.map { Entry(due: $0.value.due, order: $0.value.order, id: $0.key) }
        heap.removeAll(keepingCapacity: true)
        for entry in entries { push(entry) }
    }
}
