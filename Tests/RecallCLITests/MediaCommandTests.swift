import Foundation
import RecallTestSupport
import Testing

/// `recall media`: an imported Anki package's media land in the deck's media folder, are listed,
/// opened with the system viewer (`$RECALL_OPENER` stands in for it here) and exported back to
/// Anki with the deck.
@Suite struct MediaCommandTests {
    static let package = RecallProcess.repositoryRoot.appendingPathComponent(
        "Tests/RecallCoreTests/Fixtures/Anki/current.apkg")

    @Test func importedMediaAreListedOpenedAndExportedBack() throws {
        let scratch = try TemporaryFolder(prefix: "recall-media")
        let dir = scratch.url
        // A recall workspace: imported decks go to its Decks/ folder.
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.package, to: dir.appendingPathComponent("geo.apkg"))
        let imported = try RecallProcess.run(["import", "geo.apkg"], currentDirectory: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            FileManager.default.fileExists(
                atPath: dir.appendingPathComponent("Decks/geo.media/flag-fr.svg").path))

        let list = try RecallProcess.run(["media", "list", "geo"], currentDirectory: dir)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout == "flag-fr.svg\n1 file in Decks/geo.media\n")

        // The viewer is a script that writes down what it was asked to open.
        let opened = dir.appendingPathComponent("opened.txt")
        let viewer = dir.appendingPathComponent("viewer.sh")
        try "#!/bin/sh\nprintf '%s' \"$1\" > '\(opened.path)'\n".write(
            to: viewer, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: viewer.path)
        let open = try RecallProcess.run(
            ["media", "open", "geo", "flag-fr.svg"], environment: ["RECALL_OPENER": viewer.path],
            currentDirectory: dir)
        #expect(open.status == 0, "\(open.stderr)")
        #expect(
            try String(contentsOf: opened, encoding: .utf8).hasSuffix("/Decks/geo.media/flag-fr.svg"))

        let missing = try RecallProcess.run(
            ["media", "open", "geo", "../geo.yaml"], environment: ["RECALL_OPENER": viewer.path],
            currentDirectory: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: no media file '../geo.yaml' in "))

        let export = try RecallProcess.run(
            ["export", "geo", "--format", "apkg", "-o", "back.apkg"], currentDirectory: dir)
        #expect(export.status == 0, "\(export.stderr)")
        // Imported again into a new deck: the media come back with it.
        let again = try RecallProcess.run(
            ["import", "back.apkg", "--deck", "returned"], currentDirectory: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("and 1 media file"), "\(again.stdout)")
        #expect(
            try Data(contentsOf: dir.appendingPathComponent("Decks/returned.media/flag-fr.svg"))
                == Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8))
    }

    /// `:open` in a study session opens the image the question names.
    @Test func openInStudyOpensTheQuestionsImage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Decks/d.media"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        deck:
          id: d
          name: D
        cards:
          - id: flag
            question: "Which flag? [image: flag.svg]"
            answer: "France"

        """.write(to: dir.appendingPathComponent("Decks/d.yaml"), atomically: true, encoding: .utf8)
        try "<svg/>".write(
            to: dir.appendingPathComponent("Decks/d.media/flag.svg"), atomically: true, encoding: .utf8)
        let opened = dir.appendingPathComponent("opened.txt")
        let viewer = dir.appendingPathComponent("viewer.sh")
        try "#!/bin/sh\nprintf '%s' \"$1\" > '\(opened.path)'\n".write(
            to: viewer, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: viewer.path)
        let result = try RecallProcess.run(
            ["study", "--deck", "d"], input: ":open\nFrance\n:quit\n",
            environment: ["RECALL_OPENER": viewer.path, "NO_COLOR": "1"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("› :open\nopened flag.svg\n"), "\(result.stdout)")
        #expect(try String(contentsOf: opened, encoding: .utf8).hasSuffix("/Decks/d.media/flag.svg"))
    }
}
