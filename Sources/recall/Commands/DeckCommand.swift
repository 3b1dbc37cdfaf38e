import ArgumentParser

/// `recall deck …`: write, check and inspect deck files.
struct DeckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deck", abstract: "Write, check and inspect deck files.",
        subcommands: [DeckNew.self, DeckLint.self, DeckPreview.self, DeckStats.self])
}
