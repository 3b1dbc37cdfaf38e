import Foundation
import Testing

@testable import RecallCore

/// Export then import is the identity on cards (front and back), and importing twice adds nothing.
@Suite struct ImportRoundTripTests {
    static let formats: [ExportFormat] = [.apkg, .tsv, .csv, .md]

    static func decks() throws -> [Deck] {
        [
            try CSTO.deck(),
            try DeckLoader().load(data: Data(DeckScaffold.yaml(id: "space").utf8), path: "space.yaml"),
        ]
    }

    @Test(arguments: formats)
    func exportThenImportGivesTheSameCards(_ format: ExportFormat) throws {
        for deck in try Self.decks() {
            let folder = try InterchangeFixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let input = ExportInput(deck: deck, cards: QuestionGenerator().cards(for: deck))
            let file = folder.appendingPathComponent("export.\(format.rawValue)")
            try Exporter().write(input, format: format, to: file)

            let importer = DeckImporter()
            let plan = try importer.plan(
                file, displayPath: file.lastPathComponent, deckID: "back", folder: folder)
            #expect(plan.added.count == input.cards.count)
            #expect(!FileManager.default.fileExists(atPath: plan.file.path), "planning writes nothing")
            try importer.apply(plan)

            let imported = try DeckLoader().load(contentsOf: plan.file)
            let output = QuestionGenerator().generate(imported)
            #expect(output.warnings.map(\.formatted) == [])
            let back = output.cards.map(ExportNote.init(card:))
            #expect(
                InterchangeFixtures.pairs(back) == InterchangeFixtures.pairs(input.notes),
                "\(deck.id) via \(format)")
            if format == .md {
                #expect(
                    Set(output.cards.map(\.kind))
                        == Set(
                            input.cards.map {
                                $0.kind == .cloze ? .cloze : $0.kind == .choice ? .choice : .free
                            }))
            }

            let before = try Data(contentsOf: plan.file)
            let again = try importer.plan(
                file, displayPath: file.lastPathComponent, deckID: "back", folder: folder)
            #expect(again.added.isEmpty)
            #expect(again.alreadyPresent == input.cards.count)
            try importer.apply(again)
            #expect(try Data(contentsOf: plan.file) == before, "importing twice adds nothing")
        }
    }

    @Test func importAppendsNewCardsToAnExistingDeck() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deckFile = folder.appendingPathComponent("space.yaml")
        try Data(DeckScaffold.yaml(id: "space").utf8).write(to: deckFile)
        let tsv = folder.appendingPathComponent("extra.tsv")
        try Data("Front\tBack\nWhat is the hottest planet?\tVenus\nWhat colour is Mars?\tRed\n".utf8).write(
            to: tsv)
        let importer = DeckImporter()
        let plan = try importer.plan(tsv, displayPath: "extra.tsv", deckID: "space", folder: folder)
        #expect(plan.added.count == 2)
        #expect(!plan.isNewFile)
        try importer.apply(plan)
        let text = try String(contentsOf: deckFile, encoding: .utf8)
        #expect(text.hasPrefix(DeckScaffold.yaml(id: "space")), "the hand-written part is kept as it was")
        let deck = try DeckLoader().load(contentsOf: deckFile)
        #expect(deck.facts.count == 7)
        #expect(deck.freeCards.count == 4)
    }

    @Test func importRefusesToAppendWhenCardsIsNotTheLastSection() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = "deck: {id: d, name: D}\ncards:\n  - {id: a, question: Q?, answer: A}\nentities: {}\n"
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("d.yaml"))
        let csv = folder.appendingPathComponent("x.csv")
        try Data("front,back\nOne?,1\n".utf8).write(to: csv)
        #expect(throws: InterchangeError.self) {
            try DeckImporter().plan(csv, displayPath: "x.csv", deckID: "d", folder: folder)
        }
    }
}

@Suite struct ImportNotesTests {
    @Test func importSaysWhichCardsWillNotBeAskedAndWhy() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("leaky.tsv")
        try Data(
            "Front\tBack\nIs Paris the capital of France?\tParis\nCapital of Spain?\tMadrid\nCapital of Peru?\t\n"
                .utf8
        ).write(to: file)
        let plan = try DeckImporter().plan(file, displayPath: "leaky.tsv", deckID: nil, folder: folder)
        #expect(plan.added.count == 2)
        #expect(plan.notes.count == 2)
        #expect(plan.notes[0] == "skipped 1 card without a back")
        #expect(plan.notes[1].contains("its prompt gives the answer 'Paris' away"))
    }
}

@Suite struct ImportBuiltInDeckTests {
    @Test func importingIntoABuiltInDeckIdNeedsItsFileFirst() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("extra.csv")
        try Data("front,back\nWho chairs the CSTO?,The council\n".utf8).write(to: csv)
        #expect(throws: InterchangeError.replacesBuiltInDeck("csto")) {
            try DeckImporter().plan(csv, displayPath: "extra.csv", deckID: "csto", folder: folder)
        }
        try Data(BundledDecks.csto.utf8).write(to: folder.appendingPathComponent("csto.yaml"))
        let plan = try DeckImporter().plan(csv, displayPath: "extra.csv", deckID: "csto", folder: folder)
        #expect(plan.added.count == 1)
        #expect(!plan.isNewFile)
    }
}
