import Foundation
import Testing

@testable import RecallCore

@Suite struct ExportWriterTests {
    struct CellCase: Sendable, CustomTestStringConvertible {
        var cell: String
        var written: String
        var testDescription: String { cell.debugDescription }
    }

    static let cells: [CellCase] = [
        .init(cell: "plain", written: "plain"),
        .init(cell: "a, b", written: "\"a, b\""),
        .init(cell: "say \"hi\"", written: "\"say \"\"hi\"\"\""),
        .init(cell: "two\nlines", written: "\"two\nlines\""),
        .init(cell: "=HYPERLINK(\"x\")", written: "\"'=HYPERLINK(\"\"x\"\")\""),
        .init(cell: "+7", written: "'+7"),
        .init(cell: "-5", written: "'-5"),
        .init(cell: "@SUM(A1)", written: "'@SUM(A1)"),
        .init(cell: "\tTAB", written: "'\tTAB"),
        .init(cell: "a-b = c", written: "a-b = c"),
    ]

    @Test(arguments: cells)
    func csvCellsAreQuotedAndNeutralised(_ test: CellCase) {
        #expect(CSVField.encoded(test.cell) == test.written)
    }

    @Test func csvHasAHeaderRow() throws {
        let input = try InterchangeFixtures.csto()
        let csv = CSVWriter().write(input)
        #expect(csv.hasPrefix("front,back,kind,source,tags\r\n"))
    }

    @Test func tsvHasAnkisHeaderLines() throws {
        let input = try InterchangeFixtures.csto()
        let tsv = AnkiTextWriter().write(input)
        let head = tsv.split(separator: "\n").prefix(7).map(String.init)
        #expect(
            head == [
                "#separator:tab", "#html:false", "#columns:Front\tBack\tTags\tGUID\tSource\tKind",
                "#notetype:Basic",
                "#deck:Collective Security Treaty Organization", "#tags column:3", "#guid column:4",
            ])
        for card in input.cards {
            #expect(tsv.contains("\t\(card.id)\t"), "the GUID column carries the card id")
        }
    }

    @Test(arguments: [("#hashtag", "\"#hashtag\""), ("tab\there", "\"tab\there\""), ("plain", "plain")])
    func tsvQuotesWhatAnkiWouldMisread(_ cell: String, _ written: String) {
        #expect(AnkiTextWriter.cell(cell) == written)
    }

    @Test func markdownHoldsOnlyCardBlocksAsHashcardsRequires() throws {
        let input = try InterchangeFixtures.csto()
        let markdown = MarkdownWriter().write(input)
        #expect(markdown.hasPrefix("Q: What kind of organization is the CSTO?\nA: "))
        let blocks = markdown.components(separatedBy: "\n\n")
        #expect(blocks.count == input.cards.count)
        #expect(blocks.allSatisfy { $0.hasPrefix("Q: ") || $0.hasPrefix("C: ") })
        let clozes = blocks.filter { $0.hasPrefix("C: ") }.count
        #expect(clozes == input.cards.filter { $0.kind == .cloze }.count)
    }

    @Test(arguments: [
        ("Fill the gap: Founded in […].", "2002", "C: Founded in [2002]."),
        ("Fill the gap: A […] is a […].", "rose", "C: A [rose] is a [rose]."),
        (
            "Fill the gap: Founded in […] by […].", "2002 … Moscow",
            "Q: Fill the gap: Founded in […] by […].\nA: 2002 … Moscow"
        ),
        ("Fill the gap: A [note] and […].", "x", "Q: Fill the gap: A [note] and […].\nA: x"),
    ])
    func clozeCardsBecomeCLinesWhenHashcardsReadsThemTheSameWay(
        _ front: String, _ back: String, _ block: String
    ) {
        let note = ExportNote(guid: "g", kind: .cloze, front: front, back: back, source: "", tags: [])
        #expect(MarkdownWriter.block(note) == block)
    }

    @Test func quizSheetIsSeededNumberedAndHasAKey() throws {
        let input = try InterchangeFixtures.csto()
        let writer = QuizSheetWriter(options: .init(count: 12, kinds: [.typed, .choice], seed: 42))
        let sheet = writer.write(input)
        #expect(sheet == writer.write(input), "the same seed draws the same quiz")
        #expect(
            sheet
                != QuizSheetWriter(options: .init(count: 12, kinds: [.typed, .choice], seed: 43)).write(input)
        )
        let questions = writer.questions(from: input.cards)
        #expect(questions.count == 12)
        #expect(questions.allSatisfy { [.typed, .choice].contains($0.kind) })
        let parts = sheet.components(separatedBy: "## Answer key")
        #expect(parts.count == 2)
        for number in 1...12 {
            #expect(parts[0].contains("\n\(number). "))
            #expect(parts[1].contains("\n\(number). "))
        }
        #expect(
            !parts[0].contains(questions[0].answer) || questions[0].kind == .choice,
            "answers are only in the key")
        let topical = QuizSheetWriter(options: .init(count: 50, topics: ["established"], seed: 1)).questions(
            from: input.cards)
        #expect(!topical.isEmpty && topical.allSatisfy { $0.topic == "established" })
    }

    @Test func jsonHoldsTheFactModelAndCardsAsTheSchemaSays() throws {
        let input = try InterchangeFixtures.csto()
        let data = try DeckJSONWriter().write(input)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let schemaURL = InterchangeFixtures.repositoryRoot.appendingPathComponent("Decks/deck.schema.json")
        let schema = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
        let required = try #require(schema["required"] as? [String])
        #expect(Set(object.keys) == Set(required))
        #expect(object["format"] as? String == "recall-deck")
        #expect((object["facts"] as? [Any])?.count == input.deck.facts.count)
        let cards = try #require(object["cards"] as? [[String: Any]])
        #expect(cards.count == input.cards.count)
        let defs = try #require(schema["$defs"] as? [String: Any])
        let cardSchema = try #require(defs["card"] as? [String: Any])
        let cardProperties = Set(try #require(cardSchema["properties"] as? [String: Any]).keys)
        let cardRequired = Set(try #require(cardSchema["required"] as? [String]))
        for card in cards {
            #expect(Set(card.keys).isSubset(of: cardProperties))
            #expect(cardRequired.isSubset(of: Set(card.keys)))
        }
        let decoded = try JSONDecoder().decode(JSONCards.self, from: data)
        #expect(decoded.cards == input.cards, "cards decode back to the same values")
    }

    struct JSONCards: Decodable {
        var cards: [Card]
    }
}
