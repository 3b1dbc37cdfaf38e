import Foundation
import RecallCore
import Testing

@Suite struct ClassReportCommandTests {
    func classFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-class-\(UUID().uuidString)")
        try ClassFixture.write(
            learners: [("ana", 0.9), ("ben", 0.6), ("chen", 0.75)], cards: 12,
            in: dir.appendingPathComponent("Progress"))
        return dir
    }

    @Test func reportShowsLearnersAndHardestCards() throws {
        let dir = try classFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = ["Progress/ana.json", "Progress/ben.json", "Progress/chen.json"]
        let result = try RecallProcess.run(
            ["class", "report"] + files + ["--deck", "csto", "--top", "5"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix("Learners\n  learner  reviews  cards  pass rate  mature  lapses\n  ana "),
            "\(result.stdout)")
        #expect(result.stdout.contains("\nHardest cards\n  #  card"))
        #expect(result.stdout.contains("\n  5  "), "five hardest cards")
        #expect(!result.stdout.contains("\n  6  "))
        #expect(result.stdout.contains("×"), "common wrong answers with their counts")

        let json = try RecallProcess.run(["class", "report", "--json"] + files, currentDirectory: dir)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(
            (object["learners"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
                "ana", "ben", "chen",
            ])
        let csv = try RecallProcess.run(["class", "report", "--csv"] + files, currentDirectory: dir)
        #expect(csv.stdout.hasPrefix("learner,reviews,cards,pass_rate,mature,lapses\r\nana,"))
    }

    @Test func unreadableFilesAreNamedAndTheRestIsReported() throws {
        let dir = try classFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("{ not json".utf8).write(to: dir.appendingPathComponent("Progress/broken.json"))
        let result = try RecallProcess.run(
            ["class", "report", "Progress/ana.json", "Progress/broken.json", "Progress/missing.json"],
            currentDirectory: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: 'Progress/broken.json' was left out: "))
        #expect(result.stderr.contains("error: 'Progress/missing.json' was left out: "))
        #expect(result.stdout.contains("\n  ana "))
        let both = try RecallProcess.run(
            ["class", "report", "--json", "--csv", "Progress/ana.json"], currentDirectory: dir)
        #expect(both.status == 64)
    }
}

@Suite struct ClassReportWidthTests {
    /// Terminal columns up to the end of the `index`th space-separated cell of `line`.
    static func end(ofCell index: Int, in line: String) -> Int? {
        var position = line.startIndex
        for cell in 0...index {
            guard let start = line[position...].firstIndex(where: { $0 != " " }) else { return nil }
            position = line[start...].firstIndex(of: " ") ?? line.endIndex
            if cell == index { return DisplayWidth.of(line[..<position]) }
        }
        return nil
    }

    @Test func wideNamesKeepTheColumnsAligned() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-class-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ClassFixture.write(
            learners: [("王小明", 0.9), ("ben", 0.6)], cards: 6, in: dir.appendingPathComponent("Progress"))
        let result = try RecallProcess.run(
            ["class", "report", "Progress/王小明.json", "Progress/ben.json"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").dropFirst().prefix(3).map(String.init)
        #expect(lines.count == 3)
        // "reviews" (right-aligned numbers) ends in the same terminal column on every line.
        let ends = lines.map { Self.end(ofCell: 1, in: $0) }
        #expect(Set(ends).count == 1, "\(lines)")
        #expect(lines[0].contains("pass rate"))
    }
}
