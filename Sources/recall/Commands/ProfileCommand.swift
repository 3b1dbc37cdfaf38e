import ArgumentParser
import Foundation
import RecallCore

/// `recall profile [NAME] [--create]`: the folders in use and the profiles, one profile, or a new one.
struct ProfileCommand: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Show where progress and decks live and list the profiles; show or create one profile.",
        discussion: """
            Inside a recall workspace (a folder with Progress/ or Decks/, or one below it) its folders \
            are used; elsewhere your data folder, $XDG_DATA_HOME/recall (default \
            ~/.local/share/recall). A profile that does not exist is created only with --create, or \
            when you answer yes at a terminal; nothing is written otherwise.
            """)

    @OptionGroup var folder: ProgressFolderOption
    @OptionGroup var decks: DeckOptions

    @Argument(help: ArgumentHelp("A profile to show (or create with --create).", valueName: "name"))
    var name: String?

    @Flag(help: "Create the profile if it does not exist.")
    var create = false

    func execute() throws {
        var progress = ProgressOptions()
        progress.folder = folder
        guard let name else {
            Console.write(ProfileView.folders(progress: progress, decks: decks, current: "default") + "\n")
            return
        }
        progress.profile = name
        if let profile = try ProgressStore.peekProfile(named: name, in: progress.directory) {
            Console.write(ProfileView.summary(profile, folder: progress.directory) + "\n")
            return
        }
        let question =
            "No profile '\(Style.safe(name, oneLine: true))' in \(Style.safe(progress.directory.path)). Create it? [y/N] "
        guard create || (isatty(STDIN_FILENO) != 0 && OptimizerRun.confirm(question)) else {
            throw ProfileError.unknown(
                name, folder: progress.directory.path,
                available: ProgressLocation.profiles(in: progress.directory))
        }
        let store = try ProgressStore.open(profile: name, in: progress.directory)
        defer { store.close() }
        try store.save()
        Console.write(
            "Created profile '\(Style.safe(name, oneLine: true))' in \(Style.safe(progress.directory.path)).\n"
        )
    }
}
