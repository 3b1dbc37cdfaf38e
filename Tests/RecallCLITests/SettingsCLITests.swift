import Foundation
import RecallCore
import RecallTestSupport
import Testing

/// `recall settings --recall-only on|off`: saved in the profile, used by every later session.
@Suite struct SettingsCLITests {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }

    init() throws { scratch = try TemporaryFolder(prefix: "recall-settings") }

    /// How the second new card is asked (the first, a bounded answer, has no multiple choice).
    func firstCardLabel() throws -> String {
        let result = try RecallProcess.run(["study", "--progress-dir", folder.path], input: "x\n\n:quit\n")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.contains("[new · choose]") ? "choose" : "recall"
    }

    @Test func recallOnlyIsSavedInTheProfileAndUsedByTheNextSessions() throws {
        #expect(try firstCardLabel() == "choose")
        let on = try RecallProcess.run(["settings", "--recall-only", "on", "--progress-dir", folder.path])
        #expect(on.status == 0, "\(on.stderr)")
        #expect(on.stdout.contains("recall-only on"))
        let profile = try ProgressStore.readProfile(at: folder.appendingPathComponent("default.json"))
        #expect(profile.settings.recallOnly == true)
        #expect(try firstCardLabel() == "recall")
        let shown = try RecallProcess.run(["settings", "--progress-dir", folder.path])
        #expect(shown.stdout.contains("recall-only on"))
        _ = try RecallProcess.run(["settings", "--recall-only", "off", "--progress-dir", folder.path])
        #expect(try firstCardLabel() == "choose")
        let wrong = try RecallProcess.run([
            "settings", "--recall-only", "maybe", "--progress-dir", folder.path,
        ])
        #expect(wrong.status == 64)
    }
}
