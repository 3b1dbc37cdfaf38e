import Foundation
import Testing

@Suite struct ImportCommandTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-import-\(UUID().uuidString)")
        // A project folder: a recall workspace (deck files and progress go under it).
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        return url
    }

    /// The deck files in the folder's Decks/ (not the card-id records export keeps there).
    static func deckFiles(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Decks").path))
            ?? [])
            .filter { !$0.hasPrefix(".") }
    }

    @Test(arguments: ["apkg", "tsv", "csv", "md"])
    func exportThenImportThroughTheBinary(_ format: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let export = try RecallProcess.run(
            ["export", "csto", "--format", format, "-o", "csto.\(format)"], currentDirectory: dir)
        #expect(export.status == 0, "\(export.stderr)")

        // An Anki package's summary says what it held.
        let read = format == "apkg" ? "read 101 notes, 101 cards, 0 reviews and 0 media files\n" : ""
        if format == "apkg" {
            // The round trip: recall's own cards come back to the original cards (GUID = card id),
            // not as a duplicate deck.
            let back = try RecallProcess.run(
                ["import", "csto.apkg", "--deck", "class"], currentDirectory: dir)
            #expect(back.status == 0, "\(back.stderr)")
            #expect(
                back.stdout
                    == "added 0 cards from csto.apkg (apkg) to new deck 'class' in Decks/class.yaml\n\(read)")
            #expect(
                back.stderr.contains(
                    "note: 101 cards are recall's own (its export): not added again; their history joins the original cards"
                ))
            #expect(Self.deckFiles(in: dir).isEmpty)
            return
        }
        let dry = try RecallProcess.run(
            ["import", "csto.\(format)", "--deck", "class", "--dry-run"], currentDirectory: dir)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(
            dry.stdout.hasSuffix(
                "would add 101 cards from csto.\(format) (\(format)) to new deck 'class' in Decks/class.yaml\n\(read)nothing written (--dry-run)\n"
            ))
        #expect(dry.stdout.hasPrefix("+ "))
        #expect(Self.deckFiles(in: dir).isEmpty)

        let real = try RecallProcess.run(
            ["import", "csto.\(format)", "--deck", "class"], currentDirectory: dir)
        #expect(real.status == 0, "\(real.stderr)")
        #expect(
            real.stdout
                == "added 101 cards from csto.\(format) (\(format)) to new deck 'class' in Decks/class.yaml\n\(read)"
        )
        let lint = try RecallProcess.run(
            ["deck", "lint", "--strict", "Decks/class.yaml"], currentDirectory: dir)
        #expect(lint.status == 0, "\(lint.stderr)")

        let again = try RecallProcess.run(
            ["import", "csto.\(format)", "--deck", "class"], currentDirectory: dir)
        #expect(
            again.stdout
                == "added 0 cards from csto.\(format) (\(format)) to deck 'class' in Decks/class.yaml; 101 already in the deck\n\(read)"
        )
    }

    @Test func deckIsNamedAfterTheFileByDefault() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("# Capitals\n\nQ: Capital of France?\nA: Paris\n\nC: The capital of Italy is [Rome].\n".utf8)
            .write(to: dir.appendingPathComponent("My Capitals.md"))
        let result = try RecallProcess.run(["import", "My Capitals.md"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "added 2 cards from My Capitals.md (md) to new deck 'my-capitals' in Decks/my-capitals.yaml\n"
        )
        let preview = try RecallProcess.run(["deck", "preview", "my-capitals"], currentDirectory: dir)
        #expect(preview.stdout.contains("[free] Capital of France?\n   answer: Paris"))
        #expect(
            preview.stdout.contains("[cloze] Fill the gap: The capital of Italy is […].\n   answer: Rome"))
        #expect(preview.stdout.hasSuffix("2 cards in Capitals\n"))
    }

    @Test func badInputIsAnErrorAndWritesNothing() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("PK\u{3}\u{4} not really a zip".utf8).write(to: dir.appendingPathComponent("x.apkg"))
        try Data([0x51, 0x3A, 0x20, 0xFF, 0x0A]).write(to: dir.appendingPathComponent("bad.md"))
        for (file, message) in [
            ("x.apkg", "error: 'x.apkg' is not an Anki package: it is not a readable zip file\n"),
            (
                "bad.md",
                "error: 'bad.md' is not UTF-8 text (an invalid byte on line 1); save it as UTF-8 and try again\n"
            ),
            ("missing.tsv", "error: cannot access 'missing.tsv': no such file\n"),
        ] {
            let result = try RecallProcess.run(["import", file], currentDirectory: dir)
            #expect(result.status == 1, "\(file)")
            #expect(result.stderr == message)
        }
        let badName = try RecallProcess.run(["import", "x.apkg", "--deck", "../up"], currentDirectory: dir)
        #expect(badName.status == 64)
        #expect(Self.deckFiles(in: dir).isEmpty)
    }
}

@Suite struct ImportWithProgressCommandTests {
    @Test func reviewHistoryFromAnAnkiPackageJoinsAProfileOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-import-progress-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let counts = try ClassFixture.write(
            learners: [("ana", 0.8)], cards: 10, in: dir.appendingPathComponent("Progress"))
        let total = try #require(counts["ana"])
        let export = try RecallProcess.run(
            ["export", "csto", "--format", "apkg", "-o", "ana.apkg", "--with-progress", "ana"],
            currentDirectory: dir)
        #expect(export.status == 0, "\(export.stderr)")

        let dry = try RecallProcess.run(
            ["import", "ana.apkg", "--deck", "moved", "--with-progress", "bob", "--dry-run"],
            currentDirectory: dir)
        #expect(
            dry.stdout.contains(
                "would merge \(total) reviews into profile 'bob'\nnothing written (--dry-run)\n"))
        for name in ["bob.json", "bob.lock", "bob.journal.jsonl"] {
            #expect(
                !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Progress/\(name)").path))
        }

        let first = try RecallProcess.run(
            ["import", "ana.apkg", "--deck", "moved", "--with-progress", "bob"], currentDirectory: dir)
        #expect(first.status == 0, "\(first.stderr)")
        // The round trip lands on the original cards: bob's history is of csto's cards, not copies.
        let snapshot = try String(
            contentsOf: dir.appendingPathComponent("Progress/bob.json"), encoding: .utf8)
        #expect(snapshot.contains("\"csto:") && !snapshot.contains("moved:card:"))
        #expect(
            first.stdout.hasSuffix(
                "added \(total) of \(total) reviews to profile 'bob'; its cards are rescheduled\n"))
        let again = try RecallProcess.run(
            ["import", "ana.apkg", "--deck", "moved", "--with-progress", "bob"], currentDirectory: dir)
        #expect(
            again.stdout.hasSuffix(
                "profile 'bob' already has all \(total) reviews\n"))
        let check = try RecallProcess.run(["progress", "check", "--profile", "bob"], currentDirectory: dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        try Data("front,back\nQ?,A\n".utf8).write(to: dir.appendingPathComponent("x.csv"))
        let csv = try RecallProcess.run(["import", "x.csv", "--with-progress", "bob"], currentDirectory: dir)
        #expect(csv.status == 64)
        #expect(csv.stderr.contains("--with-progress reads the review history of .apkg files only."))
    }
}

/// Packages written by Anki itself (its legacy export: collection.anki21 beside a dummy
/// collection.anki2), made by `Tests/Fixtures/make_anki_package.py`.
@Suite(.enabled(if: AnkiPython.executable != nil, Comment(rawValue: AnkiPython.missing)))
struct ImportAnkiWrittenPackageTests {
    @Test func cardsHTMLClozeAndReviewHistoryComeAcross() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-real-apkg-\(UUID().uuidString)")
        // A project folder: a recall workspace (deck files and progress go under it).
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let python = try #require(AnkiPython.executable)
        let maker = RecallProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/make_anki_package.py")
        let made = try AnkiPython.run(python, [maker.path, dir.appendingPathComponent("geo.apkg").path])
        try #require(made.status == 0, "make_anki_package.py failed: \(made.output)")

        let result = try RecallProcess.run(
            ["import", "geo.apkg", "--with-progress", "ana"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "added 6 cards from geo.apkg (apkg) to new deck 'geo' in Decks/geo.yaml\nread 5 notes, 7 cards, 8 reviews and 0 media files\nadded "
            ), "\(result.stdout)")
        let preview = try RecallProcess.run(["deck", "preview", "geo"], currentDirectory: dir)
        #expect(
            preview.stdout.contains("[free] Capital of Japan?\n   answer: Tokyo (東京)\n"), "\(preview.stdout)")
        #expect(!preview.stdout.contains("alert") && !preview.stdout.contains("<"))
        #expect(preview.stdout.contains("[cloze] Fill the gap: The […] flows into the Black Sea."))
        #expect(!preview.stdout.contains("§ Geography"), "the Anki deck's name is not repeated as a source")
        #expect(
            preview.stdout.hasSuffix("7 cards in Geography\n"),
            "3 questions, both cards of the reversed note, a cloze of two gaps")
        #expect(preview.stdout.contains("[free] Nile\n   answer: Longest river of Africa?\n"), "the reverse")

        let again = try RecallProcess.run(
            ["import", "geo.apkg", "--with-progress", "ana"], currentDirectory: dir)
        #expect(
            again.stdout.hasPrefix(
                "added 0 cards from geo.apkg (apkg) to deck 'geo' in Decks/geo.yaml; 6 already in the deck\nread 5 notes, 7 cards, 8 reviews and 0 media files\nprofile 'ana' already has all "
            ))
    }

    /// A collection built and studied by the real `anki` library now (not the committed fixture),
    /// in Anki's default package format, imported through the binary.
    @Test func aStudiedCollectionInTheCurrentFormatComesAcrossWithItsHistory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-real-anki21b-\(UUID().uuidString)")
        // A project folder: a recall workspace (deck files and progress go under it).
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Decks"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let python = try #require(AnkiPython.executable)
        let maker = RecallProcess.repositoryRoot.appendingPathComponent(
            "Tests/Fixtures/make_anki_collection.py")
        let made = try AnkiPython.run(python, [maker.path, dir.path])
        try #require(made.status == 0, "make_anki_collection.py failed: \(made.output)")

        let result = try RecallProcess.run(
            ["import", "current.apkg", "--with-progress", "ana", "--verbose"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == """
                added 19 cards from current.apkg (apkg) to new deck 'current' in Decks/current.yaml
                read 16 notes, 21 cards, 77 reviews and 1 media file
                applied 6 'Set due date' rows: their cards are due when Anki has them
                skipped 1 card: 1 Image Occlusion (it needs its image)
                skipped 19 review-log rows: 15 a reschedule, 2 answered before a 'Forget', 1 a 'Forget' (reset to new), 1 a filtered-deck preview
                added 52 of 52 reviews to profile 'ana'; its cards are rescheduled with the package's FSRS parameters

                """)
        #expect(result.stderr.contains("skipped: current.apkg: note "))
        #expect(result.stderr.contains(": Image Occlusion (it needs its image)\n"))

        // The card Anki was told to show in 30 days is not due before then, and the stored states
        // are the log's replay (its due changes included), so `progress check` finds nothing.
        let check = try RecallProcess.run(["progress", "check", "--profile", "ana"], currentDirectory: dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let due = try RecallProcess.run(["cards", "--profile", "ana", "state:due"], currentDirectory: dir)
        #expect(due.status == 0, "\(due.stderr)")
        #expect(due.stdout.split(separator: "\n").count > 1, "Anki has overdue cards: \(due.stdout)")
        #expect(!due.stdout.contains("Capital of Peru?"), "\(due.stdout)")
        let peru = try RecallProcess.run(["cards", "--profile", "ana", "Peru"], currentDirectory: dir)
        let day = try #require(peru.stdout.split(separator: " ").first { $0.count == 10 && $0.contains("-") })
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let date = try #require(formatter.date(from: String(day)), "\(peru.stdout)")
        #expect(date.timeIntervalSinceNow > 28 * 86_400, "due in 30 days: \(peru.stdout)")

        // A card never answered that Anki was given a due date ("10!") is a review card due then,
        // not a new card; one given a due date then answered Good is a review card in days.
        let hablar = try RecallProcess.run(["cards", "--profile", "ana", "hablar"], currentDirectory: dir)
        #expect(hablar.stdout.contains("  review "), "\(hablar.stdout)")
        let hablarDay = try #require(
            hablar.stdout.split(separator: " ").first { $0.count == 10 && $0.contains("-") })
        let hablarDate = try #require(formatter.date(from: String(hablarDay)), "\(hablar.stdout)")
        #expect(hablarDate.timeIntervalSinceNow > 8 * 86_400, "due in 10 days: \(hablar.stdout)")
        let new = try RecallProcess.run(["cards", "--profile", "ana", "state:new"], currentDirectory: dir)
        #expect(!new.stdout.contains("hablar") && !new.stdout.contains("comer"), "\(new.stdout)")

        // The stub collection.anki2 beside collection.anki21b is never what is read.
        let legacy = try RecallProcess.run(["import", "legacy.apkg", "--dry-run"], currentDirectory: dir)
        #expect(legacy.stdout.contains("would add 19 cards from legacy.apkg"), "\(legacy.stdout)")
    }
}
