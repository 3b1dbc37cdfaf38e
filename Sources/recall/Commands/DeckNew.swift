import ArgumentParser
import Foundation
import RecallCore

/// `recall deck new NAME`: start a deck from a commented example of every construct.
struct DeckNew: RecallCommand {
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

    func execute() throws {
        let folder = decks.writableDirectory
        let file = folder.appendingPathComponent("\(name).yaml")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // `.withoutOverwriting` makes the refusal atomic: no check-then-write race.
            try Data(DeckScaffold.yaml(id: name).utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            if FileManager.default.fileExists(atPath: file.path) {
                throw DeckFileError.exists(DeckOptions.display(file))
            }
            throw DeckFileError.unwritable(DeckOptions.display(file), reason: error.localizedDescription)
        }
        Console.write(
            """
            wrote \(DeckOptions.display(file))
            next: edit it, then run 'recall deck lint \(DeckOptions.display(file))' and 'recall deck preview \(name)'

            """)
    }
}

/// Why `recall deck new` wrote no file.
enum DeckFileError: LocalizedError, Equatable {
    /// A file of that name is already in the decks folder; it is never overwritten.
    case exists(String)
    /// The folder or the file could not be written.
    case unwritable(String, reason: String)

    var errorDescription: String? {
        switch self {
        case .exists(let path): "'\(path)' already exists; choose another name or delete it first"
        case .unwritable(let path, let reason): "cannot write '\(path)': \(reason)"
        }
    }
}
