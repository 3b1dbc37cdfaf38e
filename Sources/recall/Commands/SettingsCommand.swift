import ArgumentParser
import Foundation
import RecallCore

/// `recall settings`: a learner's saved study settings; shown, or changed and saved.
struct SettingsCommand: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show or change a learner's saved study settings.",
        discussion: """
            --recall-only on asks every card as typed recall in every session of this profile (as \
            Anki does), instead of new and weak cards as multiple choice first; off goes back to \
            asking by memory strength. The --recall-only flag of study and the REPL does the same \
            for one session.
            """)

    @OptionGroup var progress: ProgressOptions

    @Option(
        name: .customLong("recall-only"),
        help: ArgumentHelp("Ask every card as typed recall: on or off.", valueName: "on|off"))
    var recallOnly: Switch?

    enum Switch: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    func execute() throws {
        let store = try progress.openStore(decks: [])
        defer { store.close() }
        if let recallOnly {
            var settings = store.profile.settings
            settings.recallOnly = recallOnly == .on
            try store.updateSettings(settings)
        }
        let on = store.profile.settings.recallOnly == true
        Console.write(
            "Profile '\(progress.profile)': recall-only \(on ? "on" : "off")"
                + (on
                    ? " (every card asked as typed recall)"
                    : " (new and weak cards asked as multiple choice first)")
                + "\n")
    }
}
