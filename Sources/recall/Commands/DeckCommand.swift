import ArgumentParser

/// `recall deck …`: work with deck files.
struct DeckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deck", abstract: "Work with deck files.")
}
