import Foundation
import Testing

@Suite struct ExportCommandTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-export-\(UUID().uuidString)")
        // A project folder: a recall workspace (deck files and progress go under it).
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: ["apkg", "tsv", "csv", "md", "quiz", "json"])
    func exportsTheCSTODeckInEveryFormat(_ format: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try RecallProcess.run(
            ["export", "csto", "--format", format, "-o", "csto.\(format)"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("exported 101 cards of 'csto' as \(format) to csto.\(format)"))
        let data = try Data(contentsOf: dir.appendingPathComponent("csto.\(format)"))
        #expect(data.count > 1000)
        let text = String(decoding: data, as: UTF8.self)
        switch format {
        case "apkg": #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        case "tsv": #expect(text.hasPrefix("#separator:tab\n#html:false\n"))
        case "csv": #expect(text.hasPrefix("front,back,kind,source,tags\r\n"))
        case "md": #expect(text.hasPrefix("Q: "))
        case "quiz": #expect(text.contains("\n20. ") && text.contains("## Answer key"))
        default: #expect(text.hasPrefix("{\n  \"attributes\""))
        }
    }

    @Test func textFormatsGoToStandardOutputAndApkgDoesNot() throws {
        let markdown = try RecallProcess.run([
            "export", "csto", "--format", "md", "-o", "-", "--kind", "cloze",
        ])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("\nC: "))
        #expect(!markdown.stdout.contains("\nQ: "))
        // Standard output is a pipe here, so the package goes to it (a terminal is refused).
        let apkg = try RecallProcess.run(["export", "csto", "--format", "apkg", "-o", "-"])
        #expect(apkg.status == 0, "\(apkg.stderr)")
        #expect(apkg.stdout.hasPrefix("PK"))
        let unknown = try RecallProcess.run(["export", "csto", "--format", "pdf", "-o", "x"])
        #expect(unknown.status == 64)
        let quiz = try RecallProcess.run([
            "export", "csto", "--format", "quiz", "-o", "-", "-n", "5", "--seed", "9",
        ])
        let again = try RecallProcess.run([
            "export", "csto", "--format", "quiz", "-o", "-", "-n", "5", "--seed", "9",
        ])
        #expect(quiz.stdout == again.stdout)
        #expect(quiz.stdout.contains("\n5. ") && !quiz.stdout.contains("\n6. "))
    }

    @Test func exportRecordsIdsThatLintThenChecks() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try RecallProcess.run(["deck", "new", "space"], currentDirectory: dir)
        let export = try RecallProcess.run(
            ["export", "space", "--format", "tsv", "-o", "space.tsv"], currentDirectory: dir)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Decks/.space.ids").path))
        let file = dir.appendingPathComponent("Decks/space.yaml")
        let yaml = try String(contentsOf: file, encoding: .utf8)
        try Data(yaml.replacingOccurrences(of: "id: largest-planet\n", with: "id: biggest-planet\n").utf8)
            .write(to: file)
        let lint = try RecallProcess.run(["deck", "lint", "Decks/space.yaml"], currentDirectory: dir)
        #expect(lint.status == 0)
        #expect(
            lint.stderr.contains(
                "warning: card 'space:largest-planet:forward' was exported but the deck no longer has it"))
        let strict = try RecallProcess.run(
            ["deck", "lint", "--strict", "Decks/space.yaml"], currentDirectory: dir)
        #expect(strict.status == 1)
    }

    @Test func withProgressNeedsApkgAndAnExistingProfile() throws {
        let tsv = try RecallProcess.run([
            "export", "csto", "--format", "tsv", "-o", "x", "--with-progress", "ana",
        ])
        #expect(tsv.status == 64)
        #expect(
            tsv.stderr.contains("--with-progress carries a schedule into Anki; use it with --format apkg."))
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try RecallProcess.run(
            ["export", "csto", "--format", "apkg", "-o", "x.apkg", "--with-progress", "nobody"],
            currentDirectory: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: "), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.apkg").path))
    }

    @Test func unwritableOutputIsAnError() throws {
        let result = try RecallProcess.run([
            "export", "csto", "--format", "csv", "-o", "/nonexistent/dir/x.csv",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: cannot access '/nonexistent/dir/x.csv'"))
    }
}

/// The real Anki importer (the `anki` wheel's Rust backend) imports what `recall export` writes.
@Suite(.enabled(if: AnkiPython.executable != nil, Comment(rawValue: AnkiPython.missing)))
struct AnkiImporterTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-anki-\(UUID().uuidString)")
        // A project folder: a recall workspace (deck files and progress go under it).
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        return url
    }

    @Test func ankiImportsThePackageAndAReimportUpdatesInsteadOfDuplicating() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try RecallProcess.run(
            ["export", "csto", "--format", "apkg", "-o", "first.apkg"], currentDirectory: dir)
        #expect(first.status == 0, "\(first.stderr)")
        // An edited deck exported later: every note's Source field changes, the GUIDs do not.
        let decks = dir.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: decks, withIntermediateDirectories: true)
        let original = try String(
            contentsOf: RecallProcess.repositoryRoot.appendingPathComponent("Decks/csto.yaml"),
            encoding: .utf8)
        try Data(
            original.replacingOccurrences(
                of: "source: Collective Security Treaty Organization (article)",
                with: "source: The CSTO (article, revised)"
            ).utf8
        )
        .write(to: decks.appendingPathComponent("csto.yaml"))
        Thread.sleep(forTimeInterval: 1.1)  // Anki compares modification times in seconds.
        let second = try RecallProcess.run(
            ["export", "csto", "--format", "apkg", "-o", "second.apkg"], currentDirectory: dir)
        #expect(second.status == 0, "\(second.stderr)")

        let files = ["first.apkg", "first.apkg", "second.apkg"].map { dir.appendingPathComponent($0) }
        let results = try AnkiPython.importFiles(files)
        try #require(results.count == 3, "the importer failed: \(results)")
        let log = results.map { $0["log"] as? [String: Int] ?? [:] }
        #expect(log[0]["new"] == 101)
        #expect(results[0]["notes"] as? Int == 101)
        #expect(results[0]["cards"] as? Int == 101)
        #expect(results[0]["notes_with_cards"] as? Int == 101)
        #expect(results[0]["field_counts"] as? [Int] == [4])
        #expect(log[1]["new"] == 0 && log[1]["duplicate"] == 101, "importing again adds nothing")
        #expect(log[2]["updated"] == 101, "a newer export updates the notes")
        #expect(results[2]["notes"] as? Int == 101)
    }

    @Test func ankiKeepsTheLearnersScheduleAndHistory() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let progress = dir.appendingPathComponent("Progress")
        let counts = try ClassFixture.write(learners: [("ana", 0.8)], cards: 25, in: progress)
        let export = try RecallProcess.run(
            ["export", "csto", "--format", "apkg", "-o", "ana.apkg", "--with-progress", "ana"],
            currentDirectory: dir)
        #expect(export.status == 0, "\(export.stderr)")
        let results = try AnkiPython.importFiles([dir.appendingPathComponent("ana.apkg")])
        try #require(results.count == 1, "the importer failed: \(results)")
        let result = results[0]
        #expect(result["notes"] as? Int == 101)
        #expect(result["revlog"] as? Int == counts["ana"], "every review becomes a revlog entry")
        #expect(result["memory_states"] as? Int == 25, "FSRS memory state for every studied card")
        let review = result["review_cards"] as? Int ?? 0
        let learning = result["learning_cards"] as? Int ?? 0
        #expect(review + learning == 25)
        #expect(review > 0)
    }

    @Test func ankiImportsTheTextExportWithoutChoices() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let export = try RecallProcess.run(
            ["export", "csto", "--format", "tsv", "-o", "csto.tsv"], currentDirectory: dir)
        #expect(export.status == 0, "\(export.stderr)")
        let file = dir.appendingPathComponent("csto.tsv")
        let results = try AnkiPython.importFiles([file, file])
        try #require(results.count == 2, "the importer failed: \(results)")
        let first = results[0]["log"] as? [String: Int] ?? [:]
        #expect(first["new"] == 101)
        #expect(results[0]["notes"] as? Int == 101)
        #expect(results[0]["cards"] as? Int == 101)
        #expect(
            (results[0]["decks"] as? [String])?.contains("Collective Security Treaty Organization") == true)
        let sample = results[0]["sample"] as? [String: Any]
        // The first note is the deck's first card: its GUID is the card id, its kind a tag.
        let cards = try RecallProcess.run(["cards", "--json"])
        let firstCard = try #require(
            (try JSONSerialization.jsonObject(with: Data(cards.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(sample?["guid"] as? String == firstCard["id"] as? String)
        #expect(
            (sample?["tags"] as? [String])?.contains("kind::\(firstCard["kind"] as? String ?? "?")") == true)
        #expect(
            (results[1]["log"] as? [String: Int])?["new"] == 0,
            "the GUID column makes a re-import update, not duplicate")
        #expect(results[1]["notes"] as? Int == 101)
    }
}

/// The JSON export validates against `Decks/deck.schema.json` (checked with Python's jsonschema).
@Suite(
    .enabled(
        if: JSONSchemaPython.isAvailable, "no python3 with the 'jsonschema' module (pip install jsonschema)"))
struct JSONSchemaTests {
    @Test(arguments: ["csto", "space"])
    func jsonExportMatchesTheSchema(_ deck: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-schema-\(UUID().uuidString)")
        // A project folder: a recall workspace (deck files and progress go under it).
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        if deck == "space" { _ = try RecallProcess.run(["deck", "new", "space"], currentDirectory: dir) }
        let export = try RecallProcess.run(
            ["export", deck, "--format", "json", "-o", "deck.json"], currentDirectory: dir)
        #expect(export.status == 0, "\(export.stderr)")
        let schema = RecallProcess.repositoryRoot.appendingPathComponent("Decks/deck.schema.json")
        let result = try AnkiPython.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", "-c", JSONSchemaPython.validate, dir.appendingPathComponent("deck.json").path,
                schema.path,
            ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output == "valid\n")
    }
}

enum JSONSchemaPython {
    static let validate = """
        import json, sys, jsonschema
        try:
            jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
            print("valid")
        except jsonschema.ValidationError as error:
            print(error.message, list(error.absolute_path))
            sys.exit(1)
        """

    static let isAvailable: Bool = {
        (try? AnkiPython.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import jsonschema"])
            .status) == 0
    }()
}
