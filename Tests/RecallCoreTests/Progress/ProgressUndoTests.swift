import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

@Suite struct ProgressUndoTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    @Test func undoRestoresStateAndLogExactlyAndSurvivesReopening() throws {
        let store = try ProgressStore.open(profile: "default", in: folder.url)
        let card = "deck/fact-1/typed"
        try store.record(.sample("r1", card: card, at: 1_780_000_000, rating: .good), using: FakeScheduler())
        let afterFirst = store.profile
        try store.record(.sample("r2", card: card, at: 1_780_100_000, rating: .again), using: FakeScheduler())
        try store.undo("r2", restoring: afterFirst.states[card])
        #expect(store.profile == afterFirst)
        store.close()

        let reopened = try ProgressStore.open(profile: "default", in: folder.url)
        #expect(reopened.profile == afterFirst, "the undo line is folded in on load")
        #expect(reopened.issues.isEmpty)
        try reopened.save()
        reopened.close()
        let compacted = try ProgressStore.open(profile: "default", in: folder.url)
        #expect(compacted.profile == afterFirst, "and survives compaction")
        #expect(compacted.profile.cardsDifferingFromReplay(using: FakeScheduler()).isEmpty)
    }

    @Test func undoIsRepeatableBackToANewCard() throws {
        let store = try ProgressStore.open(profile: "default", in: folder.url)
        let card = "deck/fact-2/typed"
        try store.record(.sample("a", card: card, at: 1_780_000_000), using: FakeScheduler())
        let afterA = store.profile.states[card]
        try store.record(.sample("b", card: card, at: 1_780_000_600), using: FakeScheduler())
        try store.undo("b", restoring: afterA)
        try store.undo("a", restoring: nil)
        #expect(store.profile.reviews.isEmpty)
        #expect(store.profile.states[card] == nil)
        #expect(store.profile.state(of: card, at: Date(timeIntervalSince1970: 5)).isNew)
    }

    @Test func undoOfALapseUncountsIt() throws {
        let store = try ProgressStore.open(profile: "default", in: folder.url)
        let card = "deck/fact-3/typed"
        try store.record(.sample("g", card: card, at: 1_780_000_000, rating: .good), using: FakeScheduler())
        let before = store.profile.states[card]
        try store.record(.sample("x", card: card, at: 1_780_900_000, rating: .again), using: FakeScheduler())
        #expect(store.profile.flags(of: card).lapses == 1)
        try store.undo("x", restoring: before)
        #expect(store.profile.flags(of: card).lapses == 0)
    }

    @Test func onlyTheLastAnswerOfACardCanBeTakenBack() throws {
        let store = try ProgressStore.open(profile: "default", in: folder.url)
        try store.record(.sample("1", card: "c", at: 1_780_000_000), using: FakeScheduler())
        try store.record(.sample("2", card: "c", at: 1_780_000_100), using: FakeScheduler())
        #expect(throws: ProgressError.cannotUndo(reviewID: "1")) { try store.undo("1", restoring: nil) }
        #expect(throws: ProgressError.cannotUndo(reviewID: "nope")) { try store.undo("nope", restoring: nil) }
        #expect(store.profile.reviews.map(\.id) == ["1", "2"])
    }

    /// Undo keeps the store's time index (first reviews, last wrong answers) itself instead of
    /// rebuilding it from the whole log at the next question; it must still equal a rebuilt one.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func undoKeepsTheTimeIndexEqualToARebuiltOne(seed: UInt64) throws {
        let store = try ProgressStore.open(profile: "default", in: folder.url.appending(path: "\(seed)"))
        var generator = SplitMix64(seed: seed)
        var time = 1_780_000_000.0
        var history: [String: [(id: String, before: CardState?)]] = [:]
        let cards = ["c1", "c2", "c3"]
        var undos = 0
        for step in 0..<120 {
            let card = cards[Int(generator.next() % 3)]
            if generator.next() % 3 == 0, let last = history[card]?.popLast() {
                try store.undo(last.id, restoring: last.before)
                undos += 1
            } else {
                time += 600
                let wrong = generator.next() % 2 == 0
                let review = Review(
                    id: "r\(step)", cardID: card, reviewedAt: Date(timeIntervalSince1970: time),
                    rating: wrong ? .again : .good, answer: "x", verdict: wrong ? .wrong : .correct,
                    duration: 2)
                let before = store.profile.states[card]
                try store.record(review, using: FakeScheduler())
                history[card, default: []].append((review.id, before))
            }
            let rebuilt = ReviewTimeIndex(store.profile.reviews)
            #expect(store.lastWrongAnswerTimes() == rebuilt.lastWrongAt, "step \(step)")
            for card in cards {
                #expect(
                    store.firstReviewDate(of: card) == rebuilt.firstReviewedAt[card], "step \(step), \(card)")
            }
        }
        #expect(undos > 20)
    }
}
