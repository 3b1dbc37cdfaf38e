import Foundation
import Testing

@testable import RecallCore

/// A cloze note's Back Extra: never markup in the question, kept as what the card says beside
/// its answer (its why, shown when the card is introduced and after a wrong answer).
@Suite struct AnkiClozeExtraTests {
    @Test func backExtraIsTheClozesWhyAndNeverPartOfTheQuestion() throws {
        let result = try AnkiPackageReader(path: "current.apkg").read(FixtureFile.url("Anki/current.apkg"))
        let danube = try #require(result.cards.first { $0.isCloze && $0.front.contains("Danube") })
        #expect(danube.front == "The {{c1::Danube}} flows into the {{c2::Black Sea}}.")
        #expect(danube.extra == "It passes through ten countries.")
        let circle = try #require(result.cards.first { $0.isCloze && $0.front.contains("circle") })
        #expect(circle.extra == nil, "an empty Back Extra says nothing")

        let yaml = DeckYAMLWriter.newDeck(
            id: "geo", name: "Geo", source: "current.apkg", cards: [danube.freeCard, circle.freeCard])
        let deck = try DeckLoader().load(data: Data(yaml.utf8), path: "geo.yaml")
        let cards = QuestionGenerator().cards(for: deck).filter { $0.id.hasPrefix("geo:card:\(danube.id).") }
        #expect(cards.count == 2, "one card per gap")
        for card in cards {
            #expect(card.why == "It passes through ten countries.")
            #expect(!card.prompt.contains("{{"), "no cloze markup in '\(card.prompt)'")
        }
    }

    @Test func imageOcclusionIsCountedAsSkippedNeverAskedAsText() throws {
        let result = try AnkiPackageReader(path: "current.apkg").read(FixtureFile.url("Anki/current.apkg"))
        #expect(result.report.skippedCards["Image Occlusion (it needs its image)"] == 1)
        #expect(
            !result.cards.contains {
                $0.front.contains("image-occlusion") || $0.back.contains("image-occlusion")
            })
    }
}
