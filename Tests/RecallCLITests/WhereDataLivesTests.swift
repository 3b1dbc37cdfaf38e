import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// Where a learner's data lives, profiles and lock files, through the real binary.
@Suite struct WhereDataLivesTests {
    let scratch: TemporaryFolder
    var root: URL { scratch.url }
    /// A folder that is no recall workspace.
    var plain: URL { root.appendingPathComponent("plain", isDirectory: true) }
    /// The learner's data folder, as `XDG_DATA_HOME` names it.
    var dataHome: URL { root.appendingPathComponent("xdg", isDirectory: true) }
    var dataProgress: URL { dataHome.appendingPathComponent("recall/Progress", isDirectory: true) }

    init() throws {
        scratch = try TemporaryFolder(prefix: "recall-home")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
    }

    func recall(_ arguments: [String], in folder: URL? = nil, input: String = "") throws
        -> RecallProcess.Result
    {
        try RecallProcess.run(
            arguments, input: input,
            environment: ["XDG_DATA_HOME": dataHome.path, "HOME": root.path],
            currentDirectory: folder ?? plain)
    }

    func files(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func outsideAWorkspaceProgressGoesToTheDataFolderFromAnyFolder() throws {
        let created = try recall(["profile", "ana", "--create"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(files(in: dataProgress) == ["ana.json"])
        // Another folder, the same progress.
        let elsewhere = root.appendingPathComponent("elsewhere", isDirectory: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let listed = try recall(["profile"], in: elsewhere)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.hasPrefix("progress: \(dataProgress.path) (your data folder"))
        #expect(listed.stdout.contains("\n    ana\n"))
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("Progress").path))
    }

    @Test func insideAWorkspaceItsFoldersAreUsedFromASubfolder() throws {
        let workspace = root.appendingPathComponent("course", isDirectory: true)
        let notes = workspace.appendingPathComponent("notes", isDirectory: true)
        try FileManager.default.createDirectory(
            at: workspace.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let result = try recall(["profile"], in: notes)
        #expect(result.status == 0, "\(result.stderr)")
        let progress = workspace.appendingPathComponent("Progress").path
        #expect(result.stdout.hasPrefix("progress: \(progress) (the recall workspace \(workspace.path))"))
        #expect(result.stdout.contains("decks:    \(workspace.appendingPathComponent("Decks").path)\n"))
        #expect(!FileManager.default.fileExists(atPath: dataHome.path))
    }

    @Test func theRepositoryIsAWorkspace() throws {
        let result = try recall(
            ["profile"], in: RecallProcess.repositoryRoot.appendingPathComponent("Sources"))
        #expect(result.status == 0, "\(result.stderr)")
        let progress = RecallProcess.repositoryRoot.appendingPathComponent("Progress").standardizedFileURL
            .path
        #expect(result.stdout.hasPrefix("progress: \(progress) (the recall workspace"))
    }

    @Test func aProfileThatDoesNotExistIsNotCreatedWithoutBeingAsked() throws {
        let typo = try recall(["profile", "anna"])
        #expect(typo.status == 1)
        #expect(typo.stderr.hasPrefix("error: no profile 'anna' in '\(dataProgress.path)'"))
        #expect(typo.stderr.contains("'recall profile anna --create' makes it"))
        #expect(files(in: dataProgress).isEmpty)
        _ = try recall(["profile", "ana", "--create"])
        let suggested = try recall(["profile", "anx"])
        #expect(suggested.stderr.contains("profiles: ana (did you mean 'ana'?)"))
        let shown = try recall(["profile", "ana"])
        #expect(shown.stdout.hasPrefix("Profile 'ana': 0 answers, 0 cards seen; study days begin at 4:00;"))
        #expect(files(in: dataProgress) == ["ana.json"])
    }

    @Test func theReplAsksBeforeCreatingAProfileAndAnsweringNoCreatesNothing() throws {
        _ = try recall(["profile", "ana", "--create"])
        let result = try recall([], input: "profile anx\nn\nprofile bob\ny\nprofile\nquit\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Still studying as 'default'. Did you mean 'ana'?"))
        #expect(result.stdout.contains("Now studying as 'bob'."))
        #expect(result.stdout.contains("Profile 'bob': 0 answers"))
        // bob was opened but has nothing to save yet; no lock is left behind, anx was never made.
        #expect(files(in: dataProgress) == ["ana.json"])
    }

    @Test func thePromptNamesAProfileOtherThanDefault() throws {
        let progress = root.appendingPathComponent("p").path
        let repl = try InteractiveProcess(
            ["--progress-dir", progress, "--profile", "ana"], terminal: true,
            environment: ["XDG_DATA_HOME": dataHome.path], currentDirectory: plain)
        _ = try repl.waitFor("recall ana · csto · 0 due · 20 new › ")
        repl.send("quit\r")
        _ = try repl.waitForExit()
        let plainRepl = try InteractiveProcess(
            ["--progress-dir", progress], terminal: true, environment: ["XDG_DATA_HOME": dataHome.path],
            currentDirectory: plain)
        _ = try plainRepl.waitFor("recall csto · 0 due · 20 new › ")
        plainRepl.send("quit\r")
        _ = try plainRepl.waitForExit()
    }

    @Test func readOnlyCommandsCreateNoLockAndWritersRemoveTheirs() throws {
        let progress = root.appendingPathComponent("p", isDirectory: true)
        let simulated = try recall([
            "simulate", "--days", "3", "--new-per-day", "5", "--seed", "1", "-o",
            progress.appendingPathComponent("me.json").path,
        ])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let before = files(in: progress)
        let exam = String(UTCTimestamp.string(from: Date().addingTimeInterval(30 * 86_400)).prefix(10))
        let common = ["--progress-dir", progress.path, "--profile", "me"]
        for arguments in [
            ["stats"], ["plan", "--exam", exam], ["optimize"], ["optimize", "--retention", "--json"],
        ] {
            let result = try recall(arguments + common)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(files(in: progress) == before, "\(arguments) left \(files(in: progress))")
        }
        let shown = try recall(["profile", "me", "--progress-dir", progress.path])
        #expect(shown.status == 0, "\(shown.stderr)")
        let typo = try recall(["profile", "mee", "--progress-dir", progress.path])
        #expect(typo.status == 1)
        #expect(files(in: progress) == before)
        // A writer (a study session that quits at once) takes the lock and removes it at the end.
        let study = try recall(["study"] + common, input: "")
        #expect(study.status == 0, "\(study.stderr)")
        #expect(!files(in: progress).contains { $0.hasSuffix(".lock") })
    }

    @Test func parsedDecksAreCachedInTheWorkspaceElseInTheCacheFolder() throws {
        let xdgCache = root.appendingPathComponent("xdg-cache", isDirectory: true)
        let cacheHome = xdgCache.appendingPathComponent("recall", isDirectory: true)
        let environment = [
            "XDG_DATA_HOME": dataHome.path, "HOME": root.path, "XDG_CACHE_HOME": xdgCache.path,
        ]
        // Outside a workspace: $XDG_CACHE_HOME/recall, as `recall profile` says.
        let outside = try RecallProcess.run(
            ["cards", "--json"], environment: environment, currentDirectory: plain)
        #expect(outside.status == 0, "\(outside.stderr)")
        #expect(files(in: cacheHome.appendingPathComponent("decks")).count == 2, "the deck and its cards")
        let listed = try RecallProcess.run(["profile"], environment: environment, currentDirectory: plain)
        #expect(listed.stdout.contains("\ncache:    \(cacheHome.path) ("), "\(listed.stdout)")
        // Inside one: its own .recall-cache, and nothing more in the XDG folder.
        let workspace = root.appendingPathComponent("course", isDirectory: true)
        try FileManager.default.createDirectory(
            at: workspace.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        let inside = try RecallProcess.run(
            ["cards", "--json"], environment: environment, currentDirectory: workspace)
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stdout == outside.stdout)
        #expect(files(in: workspace.appendingPathComponent(".recall-cache/decks")).count == 2)
        #expect(files(in: cacheHome.appendingPathComponent("decks")).count == 2)
        // Turned off: nothing written anywhere.
        let other = root.appendingPathComponent("other", isDirectory: true)
        try FileManager.default.createDirectory(
            at: other.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        var off = environment
        off["RECALL_CACHE"] = "off"
        let uncached = try RecallProcess.run(["cards", "--json"], environment: off, currentDirectory: other)
        #expect(uncached.stdout == outside.stdout)
        #expect(files(in: other) == ["Decks"])
        let listedOff = try RecallProcess.run(["profile"], environment: off, currentDirectory: other)
        #expect(listedOff.stdout.contains("\ncache:    off (RECALL_CACHE=off)"), "\(listedOff.stdout)")
    }
}
