import ArgumentParser
import Foundation
import RecallCore

/// `recall media …`: the images and sounds of a deck (`[image: x]`, `[sound: y]` on its cards).
struct MediaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media", abstract: "List a deck's media files, or open one with the system viewer.",
        subcommands: [MediaList.self, MediaOpen.self])
}

/// `recall media list DECK`: the files of the deck's media folder, and the ones its cards name
/// that the folder lacks.
struct MediaList: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the media files of a deck and the cards' missing ones.")

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The deck's id.", valueName: "deck"))
    var deck: String

    func execute() throws {
        let loaded = try decks.loadDeck(id: deck)
        guard let folder = DeckMedia.folder(of: loaded) else {
            Console.write("deck '\(Style.safe(loaded.id, oneLine: true))' has no media folder\n")
            return
        }
        let file = URL(fileURLWithPath: loaded.path)
        let present = DeckMedia.files(forDeckFile: file)
        let named = Set(
            decks.cards(for: [loaded]).flatMap {
                DeckMedia.references(in: $0.prompt + "\n" + $0.answer)
            }
            .map(\.name))
        var lines = present.map { Style.safe($0, oneLine: true) }
        lines += named.subtracting(present).sorted().map { "missing: \(Style.safe($0, oneLine: true))" }
        lines.append(
            "\(Format.count(present.count, "file")) in \(Style.safe(DeckOptions.display(folder), oneLine: true))"
        )
        Console.write(lines.joined(separator: "\n") + "\n")
    }
}

/// `recall media open DECK NAME`: opens the file with the system viewer (`xdg-open`, or `open`
/// on macOS; `$RECALL_OPENER` replaces it).
struct MediaOpen: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open a deck's media file (e.g. flag-fr.svg) with the system viewer.")

    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("The deck's id.", valueName: "deck"))
    var deck: String

    @Argument(help: ArgumentHelp("The file's name, as the card shows it.", valueName: "name"))
    var name: String

    func execute() throws {
        let loaded = try decks.loadDeck(id: deck)
        let url = try DeckMedia.file(named: name, forDeckFile: URL(fileURLWithPath: loaded.path))
        try SystemViewer.open(url)
    }
}

extension MediaOpen {
    /// `:open` in study: opens the first image or sound the card's question names, from its
    /// deck's media folder; returns the line to show.
    static func first(in card: Card, decks: DeckOptions) -> String {
        guard let reference = DeckMedia.references(in: card.prompt).first else {
            return "this card names no image or sound"
        }
        do {
            let deck = try decks.loadDeck(id: card.deck)
            try SystemViewer.open(
                try DeckMedia.file(named: reference.name, forDeckFile: URL(fileURLWithPath: deck.path)))
            return "opened \(Style.safe(reference.name, oneLine: true))"
        } catch {
            return
                "cannot open \(Style.safe(reference.name, oneLine: true)): \(Style.safe(error.localizedDescription, oneLine: true))"
        }
    }
}

/// Opens a file with the desktop's viewer for its type.
enum SystemViewer {
    enum Failure: LocalizedError {
        case cannotRun(String, reason: String)
        case failed(String, status: Int32)

        var errorDescription: String? {
            switch self {
            case .cannotRun(let opener, let reason):
                "cannot run '\(opener)' to open the file: \(reason) (set RECALL_OPENER to a viewer)"
            case .failed(let opener, let status): "'\(opener)' could not open the file (exit \(status))"
            }
        }
    }

    static func open(_ url: URL) throws {
        #if os(macOS)
            let fallback = "open"
        #else
            let fallback = "xdg-open"
        #endif
        let opener =
            ProcessInfo.processInfo.environment["RECALL_OPENER"].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [opener, url.path]
        do {
            try process.run()
        } catch {
            throw Failure.cannotRun(opener, reason: error.localizedDescription)
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.failed(opener, status: process.terminationStatus)
        }
    }
}
