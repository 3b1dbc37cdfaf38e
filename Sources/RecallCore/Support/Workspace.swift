public import Foundation

/// Where a learner's progress and added decks live.
///
/// Inside a recall workspace — a folder holding `Progress/` or `Decks/` (the repository is one), or
/// any folder below it — that workspace is used, as a project tool would. Anywhere else the
/// learner's own data folder is: `$XDG_DATA_HOME/recall`, by default `~/.local/share/recall`, so
/// starting `recall` from `~` one day and from another folder the next finds the same progress.
public struct Workspace: Sendable, Hashable {
    /// The folder holding `Progress/` and `Decks/`.
    public var root: URL
    /// True for the per-user data folder, false for a workspace found from the current folder.
    public var isDataHome: Bool

    public init(root: URL, isDataHome: Bool) {
        self.root = root
        self.isDataHome = isDataHome
    }

    /// The names of the two folders a workspace holds.
    public static let progressFolder = "Progress"
    public static let decksFolder = "Decks"

    /// `root/Progress`.
    public var progress: URL { root.appendingPathComponent(Self.progressFolder, isDirectory: true) }
    /// `root/Decks`.
    public var decks: URL { root.appendingPathComponent(Self.decksFolder, isDirectory: true) }

    /// The workspace containing `currentDirectory` (it or its nearest parent with `Progress/` or
    /// `Decks/`), else the data folder named by the environment.
    public static func locate(environment: [String: String], currentDirectory: URL) -> Workspace {
        var folder = currentDirectory.standardizedFileURL
        while true {
            for name in [progressFolder, decksFolder]
            where isDirectory(folder.appendingPathComponent(name)) {
                return Workspace(root: folder, isDataHome: false)
            }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { break }
            folder = parent
        }
        return Workspace(root: dataHome(environment: environment), isDataHome: true)
    }

    /// `$XDG_DATA_HOME/recall` when the variable holds an absolute path (as the XDG specification
    /// requires), else `$HOME/.local/share/recall`.
    public static func dataHome(environment: [String: String]) -> URL {
        if let base = environment["XDG_DATA_HOME"], base.hasPrefix("/") {
            return URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent(
                "recall", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/recall", isDirectory: true)
    }

    /// The environment variable naming the cache folder (`off` turns the cache off).
    public static let cacheVariable = "RECALL_CACHE"
    /// The cache folder of a workspace found from the current folder (the data folder's cache is
    /// the XDG one instead, `cacheHome`).
    public static let cacheFolder = ".recall-cache"

    /// Where recall keeps what it can rebuild (parsed decks and their cards, `DeckCache`):
    /// `RECALL_CACHE` when it names a folder (relative to `currentDirectory`), else a workspace's
    /// own `.recall-cache/`, else, for the data folder, `cacheHome`.
    public func cache(environment: [String: String], currentDirectory: URL) -> URL {
        if let chosen = environment[Self.cacheVariable], !chosen.isEmpty, chosen != "off" {
            return URL(fileURLWithPath: chosen, isDirectory: true, relativeTo: currentDirectory)
                .standardizedFileURL
        }
        guard isDataHome else { return root.appendingPathComponent(Self.cacheFolder, isDirectory: true) }
        return Self.cacheHome(environment: environment)
    }

    /// `$XDG_CACHE_HOME/recall` when the variable holds an absolute path, else
    /// `$HOME/.cache/recall`.
    public static func cacheHome(environment: [String: String]) -> URL {
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent(
                "recall", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".cache/recall", isDirectory: true)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
