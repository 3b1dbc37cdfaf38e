import Foundation
import Testing

@Suite struct QuizCommandTests {
    /// The quiz's first question, read from a run that answers nothing.
    func firstQuestion(seed: Int) throws -> String {
        let result = try RecallProcess.run(["quiz", "--seed", "\(seed)", "-n", "1"], input: "")
        return result.stdout
    }

    @Test func answersAreGradedAndScored() throws {
        // Ask only typed year questions, so the right answers can be looked up from `recall cards`.
        let listing = try RecallProcess.run(["cards", "--json"])
        let cards = try #require(
            try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        let answers = Dictionary(
            cards.compactMap { card -> (String, String)? in
                guard card["kind"] as? String == "typed", let prompt = card["prompt"] as? String,
                    let answer = card["answer"] as? String
                else { return nil }
                return (prompt, answer)
            }, uniquingKeysWith: { first, _ in first })
        let dry = try RecallProcess.run(
            ["quiz", "--seed", "42", "-n", "3", "--kind", "typed"], input: "", environment: ["COLUMNS": "500"]
        )
        let prompts = dry.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "/3  ") else { return nil }
            return String(line[range.upperBound...])
        }
        #expect(prompts.count == 1, "with no input the quiz stops after showing the first question")
        // Answer the first right, in capitals; the rest of the run is a fresh draw of the same seed.
        let first = try #require(prompts.first)
        let right = try #require(answers[first])
        let result = try RecallProcess.run(
            ["quiz", "--seed", "42", "-n", "3", "--kind", "typed"],
            input: right.uppercased() + "\nnot this\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("✓ correct"), "\(result.stdout)")
        #expect(result.stdout.contains("✗ wrong — the answer is"))
        #expect(result.stdout.contains("  why: "))
        #expect(result.stdout.hasSuffix("Score: 1/2 (50%)\n"), "\(result.stdout)")
    }

    /// `kind:choice` in the query asks the choice presentations it selected, never another
    /// presentation of the same card (the true/false one came back before).
    @Test(arguments: 0..<8)
    func aKindQueryAsksOnlyThatKind(seed: Int) throws {
        let result = try RecallProcess.run(
            ["quiz", "kind:choice", "--seed", "\(seed)", "-n", "1"], input: "",
            environment: ["COLUMNS": "500"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  a) "), "\(result.stdout)")
        #expect(!result.stdout.contains("True or false?"), "\(result.stdout)")
    }

    @Test func sameSeedSameQuiz() throws {
        #expect(try firstQuestion(seed: 9) == firstQuestion(seed: 9))
        let draws = try Set((1...6).map { try firstQuestion(seed: $0) })
        #expect(draws.count > 1)
    }

    @Test func hostileInputDoesNotCrashTheQuiz() throws {
        var garbage = Data([0x00, 0xFF, 0xFE, 0x1B, 0x5B, 0x32, 0x4A, 0x0A])
        garbage.append(Data(String(repeating: "🇦🇲", count: 20_000).utf8))
        garbage.append(Data("\n\n\n\n\n".utf8))  // an empty answer counts once confirmed
        let process = try RecallProcess.run(
            ["quiz", "--seed", "1", "-n", "4"], input: String(decoding: garbage, as: UTF8.self))
        #expect(process.status == 0)
        #expect(process.stdout.contains("Score: 0/4 (0%)"), "\(process.stdout.suffix(300))")
        #expect(!process.stdout.contains("\u{1B}[2J"), "escape sequences from input are not echoed")
    }

    @Test func badOptionsAreUsageErrors() throws {
        let zero = try RecallProcess.run(["quiz", "-n", "0"])
        #expect(zero.status == 64)
        let kind = try RecallProcess.run(["quiz", "--kind", "essay"])
        #expect(kind.status == 64)
        #expect(kind.stderr.contains("Unknown kind 'essay'"))
    }
}
