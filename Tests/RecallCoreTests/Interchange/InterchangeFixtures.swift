import Foundation
import Testing

@testable import RecallCore

/// The CSTO deck and its cards, and temporary folders, for the interchange tests.
enum InterchangeFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func csto() throws -> ExportInput {
        let deck = try CSTO.deck()
        return ExportInput(deck: deck, cards: QuestionGenerator().cards(for: deck))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-interchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Front and back of every note, sorted: what a round trip must preserve.
    static func pairs(_ notes: [ExportNote]) -> [String] {
        notes.map { $0.front + "\u{1F}" + $0.back }.sorted()
    }
}
