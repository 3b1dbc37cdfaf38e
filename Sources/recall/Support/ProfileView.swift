import Foundation
import RecallCore

/// What `recall profile` and the REPL's `profile` print: the folders in use and the profiles.
enum ProfileView {
    /// The folders in use, where they come from, and the profiles in the progress folder.
    static func folders(progress: ProgressOptions, decks: DeckOptions, current: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let workspace = Workspace.locate(environment: environment, currentDirectory: here)
        let progressFolder = progress.directory
        let origin: String
        if progress.folder.progressDirectory?.isEmpty == false {
            origin = "--progress-dir"
        } else if environment[ProgressLocation.environmentVariable]?.isEmpty == false {
            origin = "$\(ProgressLocation.environmentVariable)"
        } else if workspace.isDataHome {
            origin = "your data folder: not inside a recall workspace"
        } else {
            origin = "the recall workspace \(workspace.root.path)"
        }
        let deckFolder = decks.library.directory
        var lines = [
            "progress: \(Style.safe(progressFolder.path)) (\(origin))",
            "decks:    "
                + (deckFolder.map { Style.safe($0.path) }
                    ?? "built-in only ('recall deck new' writes to \(Style.safe(decks.writableDirectory.path)))"),
            "cache:    "
                + (DeckCache.located(environment: environment, currentDirectory: here).map {
                    Style.safe($0.directory.deletingLastPathComponent().path)
                } ?? "off (\(Workspace.cacheVariable)=off)")
                + " (parsed decks and their cards; safe to delete)",
        ]
        let names = ProgressLocation.profiles(in: progressFolder)
        let listed = (names.contains(current) ? names : names + [current]).sorted().map { name in
            (name == current ? "* " : "  ") + Style.safe(name, oneLine: true)
                + (names.contains(name) ? "" : " (no answers yet)")
        }
        lines.append("profiles:")
        lines += listed.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// One line about a profile.
    static func summary(_ profile: Profile, folder: URL) -> String {
        let calendar = profile.settings.studyCalendar()
        return
            "Profile '\(Style.safe(profile.name, oneLine: true))': \(Format.count(profile.reviews.count, "answer")),"
            + " \(Format.count(profile.states.count, "card")) seen; study days begin at \(calendar.rolloverHour):00;"
            + " in \(Style.safe(folder.path))."
    }
}
