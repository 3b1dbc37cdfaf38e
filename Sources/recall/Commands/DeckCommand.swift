import ArgumentParser

/// `recall deck …`: work with deck files.
struct DeckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deck", abstract: "Check and inspect deck files.", subcommands: [DeckLint.self])
}
