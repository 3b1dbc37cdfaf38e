import Foundation
import Testing

@testable import RecallCore

/// The study queue's structures: the review queue (head, removal by id, siblings, undo's
/// prepend, skip) and the learning index (earliest due first, ties in insertion order), checked
/// against the plain arrays they replace.
@Suite struct StudyQueueIndexTests {
    static func card(_ index: Int, fact: Int? = nil) -> Card {
        Card(
            id: CardID(stored: "q:fact-\(fact ?? index):c\(index)"), deck: "q", kind: .typed,
            prompt: "Question \(index)?", answer: "answer \(index)", facts: ["fact-\(fact ?? index)"],
            source: "s", why: "", topic: "t", siblingKey: "q/fact-\(fact ?? index)")
    }

    @Test func theReviewQueueBehavesLikeTheArrayItReplaces() {
        var rng = SplitMix64(seed: 14)
        // Cards of 30 facts, two or three cards each.
        let cards = (0..<70).map { Self.card($0, fact: $0 % 30) }
        var queue = ReviewQueue(cards)
        var array = cards
        for _ in 0..<400 {
            #expect(queue.first?.id == array.first?.id)
            #expect(queue.count == array.count)
            let pick = cards[Int(rng.next() % UInt64(cards.count))]
            switch rng.next() % 5 {
            case 0:
                if !array.isEmpty {
                    queue.removeFirst()
                    array.removeFirst()
                }
            case 1:
                queue.remove(id: pick.id)
                array.removeAll { $0.id == pick.id }
            case 2:
                let removed = queue.removeSiblings(of: pick)
                let expected = array.filter { $0.siblingKey == pick.siblingKey && $0.id != pick.id }
                array.removeAll { $0.siblingKey == pick.siblingKey && $0.id != pick.id }
                #expect(removed.map(\.id) == expected.map(\.id))
            case 3:
                let front = [pick] + cards.filter { $0.siblingKey == pick.siblingKey && $0.id != pick.id }
                queue.prepend(front)
                array.removeAll { card in front.contains { $0.id == card.id } }
                array.insert(contentsOf: front, at: 0)
            default:
                queue.moveToEnd(id: pick.id)
                if let index = array.firstIndex(where: { $0.id == pick.id }) {
                    array.append(array.remove(at: index))
                }
            }
            #expect(queue.cards.map(\.id) == array.map(\.id))
        }
    }

    @Test func theLearningIndexGivesTheEarliestDueFirstAndTiesInInsertionOrder() {
        var rng = SplitMix64(seed: 7)
        var index = LearningIndex()
        var array: [(card: Card, due: Date)] = []
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        for step in 0..<600 {
            let card = Self.card(Int(rng.next() % 40))
            if rng.next() % 3 == 0 {
                index.remove(id: card.id)
                array.removeAll { $0.card.id == card.id }
            } else {
                // Few distinct times, so ties are common.
                let due = start + Double(rng.next() % 8) * 60
                index.insert(card, due: due)
                array.removeAll { $0.card.id == card.id }
                array.append((card, due))
            }
            // What the session did before: a stable sort by due time at every card shown.
            let expected = array.enumerated().min { a, b in
                a.element.due != b.element.due ? a.element.due < b.element.due : a.offset < b.offset
            }?.element
            let earliest = index.earliest()
            #expect(earliest?.card.id == expected?.card.id, "step \(step)")
            #expect(earliest?.due == expected?.due)
            #expect(index.count == array.count)
            #expect(index.contains(card.id) == array.contains { $0.card.id == card.id })
        }
    }
}
