public import Foundation

/// Everything `recall deck lint` says about a deck file: loader errors, validation warnings,
/// and the generator's warnings about cards it had to leave out.
public struct DeckLinter: Sendable {
    /// The outcome of linting one file.
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var deck: Deck?
        public var cards: [Card]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

        /// `62 facts, 45 entities, 180 cards, 3 warnings`.
        public var summary: String {
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            let counts = [
                "\(deck?.facts.count ?? 0) facts", "\(deck?.entities.count ?? 0) entities",
                "\(cards.count) cards",
            ]
            return (counts + (warnings > 0 ? ["\(warnings) warning\(warnings == 1 ? "" : "s")"] : []))
                .joined(separator: ", ")
        }
    }

    public init() {}

    public func lint(contentsOf url: URL, displayPath: String) -> Report {
        let data: Data
        do {
            data = try DeckLoader.readDeckFile(url, displayPath: displayPath)
        } catch {
            let diagnostics: [Diagnostic]
            switch error {
            case .invalid(let found): diagnostics = found
            default:
                diagnostics = [
                    Diagnostic(
                        .error, file: displayPath, at: SourceLocation(line: 1, column: 1),
                        error.errorDescription.map(Self.stripPrefix) ?? "cannot read the file")
                ]
            }
            return Report(diagnostics: diagnostics, deck: nil, cards: [])
        }
        var report = lint(data: data, path: displayPath)
        if let deck = report.deck, !report.hasErrors,
            let manifest = CardIDManifest.read(
                CardIDManifest.url(deckID: deck.id, in: url.deletingLastPathComponent()))
        {
            report.diagnostics += CardIDManifest.vanished(
                manifest: manifest, cards: report.cards, file: displayPath)
        }
        return report
    }

    public func lint(data: Data, path: String) -> Report {
        let parsed = DeckLoader().parse(data: data, path: path)
        guard let deck = parsed.deck, !parsed.diagnostics.contains(where: { $0.severity == .error }) else {
            return Report(diagnostics: parsed.diagnostics, deck: parsed.deck, cards: [])
        }
        let output = QuestionGenerator().generate(deck)
        let all = (parsed.diagnostics + output.warnings + CardLint.warnings(deck: deck, cards: output.cards))
            .sorted { $0.location < $1.location }
        return Report(diagnostics: all, deck: deck, cards: output.cards)
    }

    /// `path:1:1: error: cannot read …` → `cannot read …`.
    private static func stripPrefix(_ text: String) -> String {
        guard let range = text.range(of: ": error: ") else { return text }
        return String(text[range.upperBound...])
    }
}
