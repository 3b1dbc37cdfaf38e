import Foundation
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

    @Test func theDefaultIsProgressInTheCurrentFolder() {
        #expect(
            ProgressLocation.directory(option: nil, environment: [:], currentDirectory: here).path
                == "/home/ana/study/Progress")
        #expect(
            ProgressLocation.directory(
                option: nil, environment: ["RECALL_PROGRESS": ""], currentDirectory: here
            ).path
                == "/home/ana/study/Progress")
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
                    snapshot: "/p/ana.json", journal: "/p/ana.journal.jsonl", lock: "/p/ana.lock"))
    }
}
