public import Foundation

/// The formats `recall export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// An Anki package (zip + SQLite), imported with File › Import.
    case apkg
    /// Anki's text import format with header lines.
    case tsv
    /// Plain CSV for spreadsheets.
    case csv
    /// Markdown `Q:`/`A:` blocks (the hashcards convention).
    case md
    /// A printable quiz sheet with an answer key.
    case quiz
    /// The full deck, fact model and cards, as JSON (`Decks/deck.schema.json`).
    case json

    /// Whether the format is text that can go to standard output.
    public var isText: Bool { self != .apkg }
}

/// Writes a deck in one of the export formats.
public struct Exporter: Sendable {
    public var quiz: QuizSheetWriter.Options
    public var now: Date
    /// A learner's progress, carried by the apkg format.
    public var progress: Profile?

    public init(quiz: QuizSheetWriter.Options = .init(), now: Date = Date(), progress: Profile? = nil) {
        self.quiz = quiz
        self.now = now
        self.progress = progress
    }

    /// The bytes of a text format.
    public func text(_ input: ExportInput, format: ExportFormat) throws(InterchangeError) -> Data {
        switch format {
        case .tsv: return Data(AnkiTextWriter().write(input).utf8)
        case .csv: return Data(CSVWriter().write(input).utf8)
        case .md: return Data(MarkdownWriter().write(input).utf8)
        case .quiz: return Data(QuizSheetWriter(options: quiz).write(input).utf8)
        case .json:
            do {
                return try DeckJSONWriter().write(input)
            } catch {
                throw .invalidResult("cannot encode the deck as JSON: \(error.localizedDescription)")
            }
        case .apkg: throw .notText(format.rawValue)
        }
    }

    /// Writes the export to `url` through `OutputFile`: a regular file (also one a symbolic
    /// link leads to) is replaced atomically; a device, FIFO or terminal is written through.
    public func write(_ input: ExportInput, format: ExportFormat, to url: URL) throws(InterchangeError) {
        guard format == .apkg else {
            try OutputFile.write(try text(input, format: format), to: url)
            return
        }
        let target = OutputFile.resolve(url.path)
        guard OutputFile.isSpecial(target) else {
            try AnkiPackageWriter(now: now, progress: progress).write(input, to: URL(fileURLWithPath: target))
            return
        }
        try OutputFile.write(try package(input), to: URL(fileURLWithPath: target))
    }

    /// The bytes of an apkg package (built in a temporary folder), for a device or standard output.
    public func package(_ input: ExportInput) throws(InterchangeError) -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .io(path: folder.path, reason: DeckLoader.reason(error))
        }
        let file = folder.appendingPathComponent("export.apkg")
        try AnkiPackageWriter(now: now, progress: progress).write(input, to: file)
        do {
            return try Data(contentsOf: file)
        } catch {
            throw .io(path: file.path, reason: DeckLoader.reason(error))
        }
    }

    /// Updates the id manifest after an export: the exported ids, plus earlier ones the deck
    /// still has (an export of some kinds only keeps the others' record).
    public static func recordExport(of cards: [Card], deck: Deck, in folder: URL) throws(InterchangeError) {
        let url = CardIDManifest.url(deckID: deck.id, in: folder)
        let current = Set(QuestionGenerator().cards(for: deck).map(\.id))
        let earlier = (CardIDManifest.read(url) ?? []).intersection(current)
        do {
            try CardIDManifest.write(Array(earlier.union(cards.map(\.id))), to: url)
        } catch {
            throw .io(path: url.path, reason: DeckLoader.reason(error))
        }
    }
}
