import Foundation
import Testing

@testable import RecallCore

/// Thousands of seeded mutations of real exports: the text importers never crash, answer
/// quickly, and every card they accept becomes a deck file that loads.
@Suite struct ImportFuzzTests {
    enum Reader: String, CaseIterable, Sendable {
        case tsv, csv, md
    }

    static func seed(_ reader: Reader) throws -> String {
        let deck = try DeckLoader().load(data: Data(DeckScaffold.yaml(id: "fuzz").utf8), path: "fuzz.yaml")
        let input = ExportInput(deck: deck, cards: QuestionGenerator().cards(for: deck))
        switch reader {
        case .tsv: return AnkiTextWriter().write(input)
        case .csv: return CSVWriter().write(input)
        case .md: return MarkdownWriter().write(input)
        }
    }

    static func read(_ text: String, with reader: Reader) throws(InterchangeError) -> [ImportedCard] {
        switch reader {
        case .tsv: try DelimitedTextReader(path: "f.tsv").read(text).cards
        case .csv: try DelimitedTextReader(path: "f.csv", separatorHint: ",").read(text).cards
        case .md: try MarkdownReader(path: "f.md").read(text).cards
        }
    }

    @Test(arguments: Reader.allCases)
    func mutatedExportsNeverCrashTheImporters(_ reader: Reader) throws {
        let original = Array(try Self.seed(reader).utf8)
        var mutator = Mutator(seed: 7, purpose: reader.rawValue)
        let clock = ContinuousClock()
        var accepted = 0
        for round in 0..<1500 {
            let text = String(decoding: mutator.mutate(original), as: UTF8.self)
            let started = clock.now
            let cards: [ImportedCard]
            do {
                cards = try Self.read(text, with: reader)
            } catch {
                #expect(error.errorDescription?.isEmpty == false)
                continue
            }
            #expect(clock.now - started < .seconds(1), "round \(round) was slow")
            accepted += 1
            // Whatever is accepted must make a deck that loads: the import never writes a broken file.
            // (Checked on every tenth round: loading YAML costs far more than reading.)
            guard round % 10 == 0 else { continue }
            var seen: Set<String> = []
            let free = cards.map(\.freeCard).filter { card in
                if case .question(_, let answer, _) = card.content, answer.isEmpty { return false }
                return seen.insert(card.id).inserted
            }
            guard !free.isEmpty else { continue }
            let yaml = DeckYAMLWriter.newDeck(id: "fuzz", name: "Fuzz", source: "f", cards: free)
            let parsed = DeckLoader().parse(data: Data(yaml.utf8), path: "fuzz.yaml")
            let errors = parsed.diagnostics.filter { $0.severity == .error }.map(\.message)
            #expect(errors.isEmpty, "round \(round): \(errors.prefix(3))")
        }
        #expect(accepted > 50)
    }

    /// SafeZip inflates each member itself, bounded by its declared sizes, so a truncated deflate
    /// stream is refused instead of waited on (ZIPFoundation's inflate loop used to spin on one).
    /// The time limit turns a hang into a failure.
    @Test(.timeLimit(.minutes(1)))
    func randomBytesAsAnAnkiPackageAreRefusedCleanly() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = folder.appendingPathComponent("seed.apkg")
        let deck = try CSTO.deck()
        try AnkiPackageWriter().write(
            ExportInput(deck: deck, cards: QuestionGenerator().cards(for: deck)), to: package)
        let original = [UInt8](try Data(contentsOf: package))
        var mutator = Mutator(seed: 11, purpose: "apkg")
        let file = folder.appendingPathComponent("mutated.apkg")
        let clock = ContinuousClock()
        var refused = 0
        for round in 0..<300 {
            try Data(mutator.mutate(original)).write(to: file)
            let started = clock.now
            do {
                _ = try AnkiPackageReader(path: "mutated.apkg").read(file)
            } catch {
                refused += 1
                #expect(error.errorDescription?.isEmpty == false)
            }
            #expect(clock.now - started < .seconds(2), "round \(round) was slow")
        }
        #expect(refused > 0, "mutations that break the zip are refused")
    }
}
