import ArgumentParser
import Foundation
import RecallCore

/// `recall deck new NAME`: start a deck from a commented example of every construct.
struct DeckNew: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write Decks/NAME.yaml: a small, commented, valid example of every construct.",
        discussion: """
            Writes into --decks-dir or $RECALL_DECKS when given, else the workspace's Decks/ (created \
            if needed). Never overwrites a file. With --from ID, writes out a built-in deck to start \
            from instead (`recall deck new csto --from csto` gives an editable copy that replaces the \
            built-in one); a built-in deck's id is refused otherwise.
            """
    )

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The new deck's id, also its file name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Start from this built-in deck instead of the example.", valueName: "id"))
    var from: String?

    func validate() throws {
        guard DeckIdentifier.isValid(name) else {
            throw ValidationError("'\(name)' is not a deck id: use letters, digits, '-', '_' and '.'.")
        }
    }

    /// The file's text: the example, or a built-in deck.
    func source() throws -> String {
        let builtIn = DeckLibrary.bundledIDs
        if let from {
            guard let text = DeckLibrary.bundledSource(id: from, renamedTo: name) else {
                throw DeckFileError.unknownBuiltIn(from, available: builtIn)
            }
            return text
        }
        if builtIn.contains(name) { throw DeckFileError.builtInID(name) }
        return DeckScaffold.yaml(id: name)
    }

    func execute() throws {
        let text = try source()
        let folder = decks.writableDirectory
        let file = folder.appendingPathComponent("\(name).yaml")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // `.withoutOverwriting` makes the refusal atomic: no check-then-write race.
            try Data(text.utf8).write(to: file, options: .withoutOverwriting)
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
    /// The name is a built-in deck's id, and no `--from` says to copy it.
    case builtInID(String)
    /// `--from` names no built-in deck.
    case unknownBuiltIn(String, available: [String])

    var errorDescription: String? {
        switch self {
        case .exists(let path): "'\(path)' already exists; choose another name or delete it first"
        case .unwritable(let path, let reason): "cannot write '\(path)': \(reason)"
        case .builtInID(let id):
            "'\(id)' is the id of a built-in deck; choose another name, or run 'recall deck new \(id) --from \(id)'"
                + " to write it out and edit it"
        case .unknownBuiltIn(let id, let available):
            "no built-in deck '\(id)'; built-in decks: \(available.joined(separator: ", "))"
        }
    }
}
