import ArgumentParser

/// `recall cards`: list every card the generator derives from the decks.
struct Cards: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the cards derived from the decks.")
    func run() throws {}
}
