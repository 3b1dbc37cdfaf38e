import ArgumentParser
import Foundation
import RecallCore

/// `recall deck new NAME`: start a deck from a commented example of every construct.
struct DeckNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write Decks/NAME.yaml: a small, commented, valid example of every construct.",
        discussion:
            "Writes into --decks-dir or $RECALL_DECKS when given, else ./Decks (created if needed). Never overwrites a file."
    )

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The new deck's id, also its file name.", valueName: "name"))
    var name: String

    func validate() throws {
        guard DeckIdentifier.isValid(name) else {
            throw ValidationError("'\(name)' is not a deck id: use letters, digits, '-', '_' and '.'.")
        }
    }

    func run() throws {
        let folder = decks.writableDirectory
        let file = folder.appendingPathComponent("\(name).yaml")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // `.withoutOverwriting` makes the refusal atomic: no check-then-write race.
            try Data(DeckScaffold.yaml(id: name).utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            if FileManager.default.fileExists(atPath: file.path) {
                Console.error(
                    "'\(DeckOptions.display(file))' already exists; choose another name or delete it first")
            } else {
                Console.error("cannot write '\(DeckOptions.display(file))': \(error.localizedDescription)")
            }
            throw ExitCode(1)
        }
        Console.write(
            """
            wrote \(DeckOptions.display(file))
            next: edit it, then run 'recall deck lint \(DeckOptions.display(file))' and 'recall deck preview \(name)'

            """)
    }
}
