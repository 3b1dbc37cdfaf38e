import Foundation
import Testing

@testable import RecallCore

/// The bundled CSTO deck, loaded once per use.
enum CSTO {
    static func deck() throws -> Deck {
        try #require(try DeckLibrary.bundledDecks().first { $0.id == "csto" })
    }

    static func cards(seed: UInt64 = 0) throws -> [Card] {
        QuestionGenerator(seed: seed).cards(for: try deck())
    }
}

@Suite struct QuestionGeneratorTests {
    @Test func cstoDeckYieldsAtLeastEightyDistinctCards() throws {
        let cards = try CSTO.cards()
        #expect(cards.count >= 80)
        #expect(Set(cards.map(\.id)).count == cards.count, "card ids are unique")
        let questions = cards.map { "\($0.kind)|\($0.prompt)|\($0.choices.sorted())" }
        #expect(Set(questions).count == cards.count, "no two cards ask the same")
    }

    @Test(arguments: Card.Kind.allCases)
    func cstoDeckAsksEveryKind(_ kind: Card.Kind) throws {
        let asked = try CSTO.cards().flatMap { card in card.styles.compactMap { card.presented(as: $0) } }
        #expect(asked.contains { $0.kind == kind })
    }

    @Test func generationIsDeterministicForASeed() throws {
        #expect(try CSTO.cards(seed: 7) == CSTO.cards(seed: 7))
        let a = try CSTO.cards(seed: 1).filter { $0.kind == .choice }.map(\.choices)
        let b = try CSTO.cards(seed: 2).filter { $0.kind == .choice }.map(\.choices)
        #expect(a != b, "another seed draws other distractors or order")
        #expect(
            try CSTO.cards(seed: 1).map(\.id) == CSTO.cards(seed: 2).map(\.id),
            "ids do not depend on the seed")
    }

    @Test func noPromptGivesItsAnswerAway() throws {
        for card in try CSTO.cards() where [.typed, .reverse, .cloze, .set].contains(card.kind) {
            let answers = card.kind == .set ? card.items.flatMap { $0 } : card.accepted
            for answer in answers where TextFold.fold(answer).count >= 2 {
                #expect(!TextFold.containsWords(card.prompt, answer), "\(card.id) reveals '\(answer)'")
            }
        }
    }

    @Test func everyCardKnowsItsSource() throws {
        for card in try CSTO.cards() {
            #expect(
                card.source.hasPrefix("Collective Security Treaty Organization (article) § "), "\(card.id)")
            #expect(!card.why.isEmpty, "\(card.id)")
            #expect(!card.facts.isEmpty || card.kind == .free, "\(card.id)")
        }
    }

    @Test func choiceCardsHaveOneRightOptionAndNoTrueDistractor() throws {
        let deck = try CSTO.deck()
        let index = DeckIndex(deck)
        for base in try CSTO.cards() {
            guard let card = base.presented(as: .choose) else { continue }
            let answerIndex = try #require(card.answerIndex, "\(card.id)")
            #expect(card.choices.count == 4, "\(card.id)")
            #expect(card.choices[answerIndex] == card.answer, "\(card.id)")
            #expect(Set(card.choices.map(TextFold.fold)).count == 4, "\(card.id) options are distinct")
            let fact = try #require(deck.facts.first { $0.id == card.facts.first }, "\(card.id)")
            let wrong = card.choices.enumerated().filter { $0.offset != answerIndex }.map(\.element)
            if case .set(let ids, let complete) = fact.value {
                #expect(complete)
                let members = Set(ids.compactMap { index.entities[$0]?.name })
                let isChooseNot = !members.contains(card.answer)
                #expect(members.contains(card.answer) != isChooseNot, "\(card.id)")
                for option in wrong {
                    #expect(members.contains(option) == isChooseNot, "\(card.id): \(option)")
                }
            } else if card.direction == .reverse, case .date(let date) = fact.value {
                let sameDate = deck.facts.filter {
                    if case .date(let other) = $0.value { return !other.isDistinguishable(from: date) }
                    return false
                }
                let builder = CardBuilder(index: index, seed: 0)
                let phrases = Set(
                    builder.events.filter { e in sameDate.contains { $0.id == e.fact.id } }.map(\.phrase))
                for option in wrong {
                    #expect(!phrases.contains(option), "\(card.id): '\(option)' also happened then")
                }
            } else if card.direction == .reverse {
                let subject = try #require(index.entities[fact.subject])
                #expect(card.answer == subject.name)
                for option in wrong {
                    #expect(!subject.names.contains(option), "\(card.id): '\(option)' is true")
                }
            } else {
                let truths = Set(index.trueValues(of: fact).flatMap(index.accepted).map(TextFold.fold))
                for option in wrong {
                    #expect(!truths.contains(TextFold.fold(option)), "\(card.id): '\(option)' is true")
                }
            }
        }
    }

    @Test func trueFalseStatementsSayWhatTheFactsSay() throws {
        let deck = try CSTO.deck()
        let index = DeckIndex(deck)
        var falseCount = 0
        for base in try CSTO.cards() {
            guard let card = base.presented(as: .trueFalse) else { continue }
            let fact = try #require(deck.facts.first { $0.id == card.facts.first })
            #expect(["true", "false"].contains(card.answer))
            if card.answer == "false" { falseCount += 1 }
            if case .set(let ids, _) = fact.value {
                let element = try #require(
                    deck.entities.first { card.prompt.hasPrefix($0.inSentence + " ") }, "\(card.id)")
                #expect(ids.contains(element.id) == (card.answer == "true"), "\(card.id)")
            } else if card.answer == "true" {
                #expect(card.prompt == card.why, "\(card.id): a true statement is the fact itself")
            } else {
                #expect(card.prompt != card.why, "\(card.id)")
                let shown = index.inSentence(fact.value)
                #expect(
                    !card.prompt.contains(shown), "\(card.id): a false statement must not hold the true value"
                )
            }
        }
        #expect(falseCount >= 10, "true/false statements are not all true")
    }

    @Test func orderingCardsHaveDistinctDatesInOrder() throws {
        let deck = try CSTO.deck()
        let orderCards = try CSTO.cards().filter { $0.kind == .order }
        #expect(!orderCards.isEmpty)
        for card in orderCards {
            #expect((3...5).contains(card.choices.count), "\(card.id)")
            #expect(card.order.sorted() == Array(card.choices.indices), "\(card.id) order is a permutation")
            let dates: [DeckDate] = card.facts.compactMap { id in
                guard let fact = deck.facts.first(where: { $0.id == id }), case .date(let date) = fact.value
                else { return nil }
                return date
            }
            #expect(dates.count == card.facts.count)
            for (earlier, later) in zip(dates, dates.dropFirst()) {
                #expect(earlier < later && earlier.isDistinguishable(from: later), "\(card.id)")
            }
        }
    }

    @Test func setRecallListsEveryMember() throws {
        let card = try #require(try CSTO.cards().first { $0.id == "csto:csto-members:forward" })
        #expect(
            card.items.map(\.first) == [
                "Russia", "Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Belarus",
            ])
        #expect(card.prompt == "Name the six member states of the CSTO.")
    }

    @Test func clozeHidesEveryOccurrenceOfItsGap() throws {
        let deck = try DeckLoader().load(
            data: Data(
                """
                deck: {id: t, name: T}
                entities: {a: {type: thing, name: A}}
                attributes: {text: {type: passage}}
                facts:
                  - {id: p, subject: a, attribute: text, source: S, passage: "{{c1::x}} then {{c2::y}} then {{c1::x}}"}
                """.utf8), path: "t.yaml")
        let card = try #require(QuestionGenerator().cards(for: deck).first { $0.id == "t:p:cloze.c1" })
        #expect(card.answer == "x")
        #expect(card.prompt == "Fill the gap: […] then y then […]")
    }
}
