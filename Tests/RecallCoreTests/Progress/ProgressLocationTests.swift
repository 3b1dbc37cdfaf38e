import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

@Suite struct ProgressLocationTests {
    let here = URL(fileURLWithPath: "/home/ana/study", isDirectory: true)

    @Test func theOptionWinsOverTheEnvironment() {
        let url = ProgressLocation.directory(
            option: "mine", environment: ["RECALL_PROGRESS": "/srv/progress"], currentDirectory: here)
        #expect(url.path == "/home/ana/study/mine")
    }

    @Test func theEnvironmentWinsOverTheDefault() {
        let url = ProgressLocation.directory(
            option: nil, environment: ["RECALL_PROGRESS": "/srv/progress"], currentDirectory: here)
        #expect(url.path == "/srv/progress")
    }

    @Test func insideAWorkspaceItsProgressFolderIsUsedFromAnySubfolder() throws {
        let scratch = try TemporaryFolder(prefix: "recall-workspace")
        let root = scratch.url
        for marker in ["Progress", "Decks"] {
            let workspace = root.appendingPathComponent(marker == "Progress" ? "a" : "b")
            try FileManager.default.createDirectory(
                at: workspace.appendingPathComponent(marker), withIntermediateDirectories: true)
            let deep = workspace.appendingPathComponent("notes/week1", isDirectory: true)
            try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
            let environment = ["XDG_DATA_HOME": root.appendingPathComponent("data").path]
            for folder in [workspace, deep] {
                #expect(
                    ProgressLocation.directory(
                        option: nil, environment: environment, currentDirectory: folder
                    ).path
                        == workspace.appendingPathComponent("Progress").standardizedFileURL.path)
            }
        }
    }

    @Test func elsewhereTheLearnersDataFolderIsUsed() throws {
        let scratch = try TemporaryFolder(prefix: "recall-no-workspace")
        let plain = scratch.url.appendingPathComponent("plain", isDirectory: true)
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        #expect(
            ProgressLocation.directory(
                option: nil, environment: ["XDG_DATA_HOME": "/xdg", "RECALL_PROGRESS": ""],
                currentDirectory: plain
            ).path == "/xdg/recall/Progress")
        // A relative XDG_DATA_HOME is ignored, as the specification says.
        #expect(
            Workspace.dataHome(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/ana"]).path
                == "/home/ana/.local/share/recall")
        #expect(
            Workspace.dataHome(environment: ["HOME": "/home/ana"]).path == "/home/ana/.local/share/recall")
    }

    @Test(arguments: ["default", "ana", "Ana-2", "class_7b", "v1.2", "Zoë"])
    func validProfileNames(_ name: String) throws {
        try ProgressLocation.validate(profile: name)
    }

    @Test(arguments: ["", ".hidden", "a/b", "a b", "..", "x\u{0}", "semi;colon"])
    func invalidProfileNames(_ name: String) {
        #expect(throws: ProgressError.invalidProfileName(name)) {
            try ProgressLocation.validate(profile: name)
        }
    }

    @Test func theFilesSitSideBySide() {
        let files = ProgressLocation.files(profile: "ana", in: URL(fileURLWithPath: "/p", isDirectory: true))
        #expect(
            files
                == ProgressFiles(
                    snapshot: "/p/ana.json", journal: "/p/ana.journal.jsonl", lock: "/p/ana.lock",
                    log: "/p/ana.log"))
    }
}
