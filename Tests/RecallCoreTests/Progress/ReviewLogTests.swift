import Foundation
import Testing

@testable import RecallCore

/// The compact log's card numbers and review ids: whatever their spelling, they are found as
/// `String` equality finds them, whether an id is kept as bytes or as `<card id>@<ms>`.
@Suite struct ReviewLogTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var card: String
        var milliseconds: Int64?
        var testDescription: String { "'\(id)' of '\(card)'" }
    }

    static let forms: [Case] = [
        Case(id: "deck:a:forward@1780000000125", card: "deck:a:forward", milliseconds: 1_780_000_000_125),
        Case(id: "deck:a:forward@0", card: "deck:a:forward", milliseconds: 0),
        Case(id: "deck:a:forward@-5", card: "deck:a:forward", milliseconds: -5),
        Case(id: "deck:a:forward@-9223372036854775808", card: "deck:a:forward", milliseconds: .min),
        Case(id: "deck:a:forward@9223372036854775807", card: "deck:a:forward", milliseconds: .max),
        Case(id: "deck:a:forward@9223372036854775808", card: "deck:a:forward", milliseconds: nil),
        Case(id: "deck:a:forward@-0", card: "deck:a:forward", milliseconds: nil),
        Case(id: "deck:a:forward@-", card: "deck:a:forward", milliseconds: nil),
        Case(id: "deck:a:forward@-05", card: "deck:a:forward", milliseconds: nil),
        Case(
            id: "deck:a:forward@123456789012345678", card: "deck:a:forward",
            milliseconds: 123_456_789_012_345_678),
        Case(id: "deck:a:forward@05", card: "deck:a:forward", milliseconds: nil),
        Case(id: "deck:a:forward@+5", card: "deck:a:forward", milliseconds: nil),
        Case(id: "deck:a:forward@", card: "deck:a:forward", milliseconds: nil),
        Case(id: "deck:a:forward@5x", card: "deck:a:forward", milliseconds: nil),
        Case(id: "deck:a:forward5", card: "deck:a:forward", milliseconds: nil),
        Case(id: "deck:b:forward@5", card: "deck:a:forward", milliseconds: nil),
        Case(id: "@7", card: "", milliseconds: 7),
        Case(id: "a@b@7", card: "a@b", milliseconds: 7),
        Case(id: "r12", card: "deck:a:forward", milliseconds: nil),
    ]

    @Test(arguments: forms)
    func anIdIsKeptAsMillisecondsOnlyInTheSessionsExactForm(form: Case) {
        var id = form.id
        var card = form.card
        let milliseconds = id.withUTF8 { id in
            card.withUTF8 { card in
                ReviewLog.milliseconds(id: UnsafeRawBufferPointer(id), card: UnsafeRawBufferPointer(card))
            }
        }
        #expect(milliseconds == form.milliseconds)
    }

    /// Each id of `forms` (and spellings `String` equates with them) is found at its own place,
    /// and its id reads back equal.
    @Test func everyFormIsFoundAndReadBack() {
        let reviews = Self.forms.enumerated().map { index, form in
            Review(
                id: form.id, cardID: form.card, reviewedAt: Date(timeIntervalSince1970: Double(index)),
                rating: .good, answer: "", verdict: .correct, duration: 1)
        }
        let log = ReviewLog(reviews)
        for (index, review) in reviews.enumerated() {
            #expect(log.id(at: index) == review.id)
            // The last review with that id: forms that repeat an id are found at their last place.
            #expect(log.lastIndex(ofID: review.id) == reviews.lastIndex { $0.id == review.id })
        }
        #expect(log.lastIndex(ofID: "deck:a:forward@00") == nil)
        #expect(log.lastIndex(ofID: "deck:a:forward@1780000000126") == nil)
        #expect(log.lastIndex(ofID: "deck:c:forward@0") == nil)
    }

    /// A card id spelt two ways that `String` equates (K and the Kelvin sign): one card number,
    /// and an id of either spelling finds the review whichever spelling it was written with.
    @Test func canonicallyEqualSpellingsAreOneCardAndOneId() {
        let kelvin = "deck:\u{212A}:reverse"
        let plain = "deck:K:reverse"
        let reviews = [
            Review(
                id: "\(plain)@5", cardID: plain, reviewedAt: Date(timeIntervalSince1970: 1), rating: .good,
                answer: "", verdict: .correct, duration: 1),
            Review(
                id: "\(kelvin)@6", cardID: kelvin, reviewedAt: Date(timeIntervalSince1970: 2), rating: .good,
                answer: "", verdict: .correct, duration: 1),
            Review(
                id: "x", cardID: "deck:café:forward", reviewedAt: Date(timeIntervalSince1970: 3),
                rating: .good,
                answer: "", verdict: .correct, duration: 1),
            Review(
                id: "y", cardID: "deck:cafe\u{301}:forward", reviewedAt: Date(timeIntervalSince1970: 4),
                rating: .good, answer: "", verdict: .correct, duration: 1),
        ]
        let log = ReviewLog(reviews)
        #expect(log.cardIDs.count == 2)
        #expect(log.entries[0].card == log.entries[1].card)
        #expect(log.entries[2].card == log.entries[3].card)
        #expect(log.lastIndex(ofID: "\(kelvin)@5") == 0)
        #expect(log.lastIndex(ofID: "\(plain)@6") == 1)
    }

    /// A table of ASCII ids numbers them as a dictionary would, and an id beyond ASCII that
    /// `String` equates with a stored ASCII one gets its number.
    @Test func theCardTableNumbersAsADictionaryWould() {
        var table = CardTable()
        var reference: [String: Int32] = [:]
        var random = SplitMix64(seed: 7)
        let ids = (0..<2_000).map { _ in "deck:fact-\(Int.random(in: 0..<700, using: &random)):forward" }
        for id in ids {
            let expected = reference[id] ?? Int32(reference.count)
            reference[id] = expected
            #expect(table.number(id) == expected)
        }
        // Found without being added: by bytes, and by `String` equality (the Kelvin sign is K).
        let count = table.ids.count
        #expect(table.find(ids[0]) == reference[ids[0]])
        #expect(table.find("deck:fact-700:forward") == nil)
        #expect(table.find("deck:K:reverse") == nil)
        #expect(table.ids.count == count)
        let plain = table.number("deck:K:reverse")
        #expect(table.find("deck:\u{212A}:reverse") == plain)
        #expect(table.ids.count == count + 1)
        #expect(table.number("deck:\u{212A}:reverse") == plain)
        #expect(table.number("deck:K:reverse") == plain)
        #expect(table.ids.count == reference.count + 1)
    }
}
