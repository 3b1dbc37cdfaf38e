import Foundation
import Testing

/// `recall grade` and `recall deck preview --answers`, run as an instructor would, against the
/// grading fixture deck (so the card ids do not depend on the bundled deck).
@Suite struct GradeCommandTests {
    /// A decks folder holding the grading fixture.
    func decksFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-grade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fixture = RecallProcess.repositoryRoot.appendingPathComponent(
            "Tests/RecallCoreTests/Fixtures/Grading/grading.yaml")
        try FileManager.default.copyItem(at: fixture, to: folder.appendingPathComponent("grading.yaml"))
        return folder
    }

    @Test func gradeSaysTheVerdictTheSpellingAndWhyAndExitsByIt() throws {
        let decks = try decksFolder()
        defer { try? FileManager.default.removeItem(at: decks) }
        let accepted = try RecallProcess.run(
            ["grade", "grading:csto-summit:forward", "Kishinev, Moldova", "--decks-dir", decks.path])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.hasPrefix("correct — expected: Chișinău\n"), "\(accepted.stdout)")
        #expect(accepted.stdout.contains("matched: Kishinev\n"))
        #expect(accepted.stdout.contains("reason: accepted: 'Kishinev, Moldova' names Kishinev\n"))

        let wrong = try RecallProcess.run(
            ["grade", "grading:mission-troops:forward", "less than 2,000", "--decks-dir", decks.path])
        #expect(wrong.status == 1)
        #expect(
            wrong.stdout.contains("reason: wrong: 'less than 2,000' contradicts 'more than 2,000 troops'"))

        let json = try RecallProcess.run(
            ["grade", "grading:mission-troops:forward", "2000", "--json", "--decks-dir", decks.path])
        #expect(json.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "close")
        #expect(object["accepted"] as? Bool == true)
        #expect(object["card"] as? String == "grading:mission-troops:forward")
        #expect((object["reason"] as? String)?.hasPrefix("close: ") == true)
    }

    @Test func gradeAsAnotherPresentationAndBadInput() throws {
        let decks = try decksFolder()
        defer { try? FileManager.default.removeItem(at: decks) }
        let asChoice = try RecallProcess.run(
            ["grade", "grading:sg-term:forward", "3", "--as", "choice", "--json", "--decks-dir", decks.path])
        #expect(asChoice.status == 0, "\(asChoice.stderr)")
        #expect(asChoice.stdout.contains("\"kind\" : \"choice\""))
        #expect(asChoice.stdout.contains("is the value of option"))

        let noSuch = try RecallProcess.run([
            "grade", "grading:csto-hq:forwad", "Moscow", "--decks-dir", decks.path,
        ])
        #expect(noSuch.status == 1)
        #expect(
            noSuch.stderr.contains(
                "error: no card 'grading:csto-hq:forwad'; did you mean 'grading:csto-hq:forward'?"))

        let notAsked = try RecallProcess.run(
            ["grade", "grading:csto-purpose:forward", "x", "--as", "order", "--decks-dir", decks.path])
        #expect(notAsked.status == 1)
        #expect(notAsked.stderr.contains("is not asked as order"))

        let badKind = try RecallProcess.run(
            ["grade", "grading:csto-hq:forward", "Moscow", "--as", "essay", "--decks-dir", decks.path])
        #expect(badKind.status == 64)
    }

    @Test func previewAnswersReportsDisagreements() throws {
        let decks = try decksFolder()
        defer { try? FileManager.default.removeItem(at: decks) }
        let file = decks.appendingPathComponent("answers.tsv")
        let lines = [
            "# card\tanswer\texpected",
            "grading:csto-hq:forward\tMoscow, Russia\tcorrect",
            "grading:csto-hq:forward\tMinsk\twrong",
            "grading:mission-troops:forward\t2000\taccepted",
            "grading:mission-troops:forward\tunder 2000\tcorrect",
            "",
        ]
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try RecallProcess.run(
            ["deck", "preview", "grading", "--answers", file.path, "--decks-dir", decks.path])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                ":5: grading:mission-troops:forward: 'under 2000' expected correct, graded wrong"))
        #expect(result.stdout.hasSuffix("4 answers checked, 1 disagreement\n"), "\(result.stdout)")

        try "grading:csto-hq:forward\tMoscow\n".write(to: file, atomically: true, encoding: .utf8)
        let malformed = try RecallProcess.run(
            ["deck", "preview", "grading", "--answers", file.path, "--decks-dir", decks.path])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("answers.tsv:1: expected 3 tab-separated fields, found 2"))
    }

    @Test func quizFeedbackShowsTheReason() throws {
        let decks = try decksFolder()
        defer { try? FileManager.default.removeItem(at: decks) }
        let tiny = """
            deck: {id: tiny, name: Tiny}
            entities:
              csto: {type: organization, name: CSTO}
              moscow: {type: city, name: Moscow}
              russia: {type: country, name: Russia}
            attributes:
              hq: {type: entity, of: city, choice: false, ask: "Where is {subject} headquartered?"}
              in: {type: entity, of: country, choice: false, ask: "In which country is {subject}?"}
            facts:
              - {id: hq, subject: csto, attribute: hq, entity: moscow, source: s}
              - {id: in, subject: moscow, attribute: in, entity: russia, source: s}
            """
        try tiny.write(to: decks.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        let result = try RecallProcess.run(
            ["quiz", "--deck", "tiny", "-n", "1", "--seed", "3", "--decks-dir", decks.path],
            input: "Moscow, Russia\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("✓ correct"), "\(result.stdout)")
        #expect(result.stdout.contains("accepted: 'Moscow, Russia' names "), "\(result.stdout)")
    }
}
