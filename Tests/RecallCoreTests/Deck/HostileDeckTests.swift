import Foundation
import Testing

@testable import RecallCore

/// Decks built to exhaust recall: aliases that multiply a small file, passages with thousands
/// of gaps, byte-order marks. Each is refused (or read) at once with a clear error.
@Suite struct HostileDeckTests {
    let clock = ContinuousClock()

    func lint(_ text: String) -> DeckLinter.Report {
        DeckLinter().lint(data: Data(text.utf8), path: "hostile.yaml")
    }

    @Test func anAnchorUsedManyTimesIsRefusedAtItsPlace() {
        let blob = String(repeating: "x", count: 1000)
        var text = "deck: {id: h, name: H}\nfiller: &big \"\(blob)\"\ncards:\n"
        for index in 0..<999 { text += "  - {id: c\(index), question: \"Q\(index)?\", answer: *big}\n" }
        let started = clock.now
        let report = lint(text)
        #expect(clock.now - started < .seconds(2))
        let error = report.diagnostics.first { $0.severity == .error }
        #expect(error?.message.contains("anchors and aliases") == true, "\(report.diagnostics)")
        #expect(error?.location == SourceLocation(line: 2, column: 9))
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let plain = DeckScaffold.yaml(id: "bom")
        let report = DeckLinter().lint(data: Data([0xEF, 0xBB, 0xBF] + Array(plain.utf8)), path: "bom.yaml")
        #expect(!report.hasErrors, "\(report.diagnostics)")
        #expect(report.deck?.id == "bom")
    }

    func passage(gaps: Int, filler: String = "word ") -> String {
        (1...gaps).map { "\(filler){{c\($0)::g\($0)}}" }.joined()
    }

    @Test func thousandsOfGapsAreRefusedQuicklyWithAClearError() {
        for gaps in [4_000, 20_000] {
            let started = clock.now
            let result = Cloze.parse(passage(gaps: gaps))
            #expect(clock.now - started < .milliseconds(500), "\(gaps) gaps")
            guard case .failure(let problem) = result else {
                Issue.record("\(gaps) gaps were accepted")
                continue
            }
            #expect(problem.message.contains("more than \(Cloze.maximumGaps) gaps"))
        }
        let report = lint("deck: {id: h, name: H}\ncards:\n  - {id: c, cloze: \"\(passage(gaps: 4_000))\"}\n")
        #expect(report.diagnostics.contains { $0.severity == .error && $0.message.contains("gaps") })
    }

    @Test func aPassageAtTheLimitStillMakesItsCards() throws {
        let text = passage(gaps: Cloze.maximumGaps)
        let cloze = try Cloze.parse(text).get()
        #expect(cloze.numbers.count == Cloze.maximumGaps)
        #expect(cloze.prompt(hiding: 7).contains("[…]"))
        #expect(cloze.answers(for: 7) == ["g7"])
    }

    @Test func markdownWithThousandsOfGapsIsRefusedQuickly() {
        let line = (1...20_000).map { "w [g\($0)]" }.joined(separator: " ")
        let started = clock.now
        #expect(throws: InterchangeError.self) { try MarkdownReader.clozeText(line, path: "m.md", line: 1) }
        #expect(clock.now - started < .seconds(1))
    }
}

/// Seeded hostile decks, beyond mutation: anchors and aliases anywhere, and large cloze passages.
@Suite struct HostileDeckFuzzTests {
    @Test func anchorsAndAliasesAnywhereAreAlwaysRefused() {
        var random = SplitMix64(seed: 13, purpose: "anchors")
        let lines = DeckScaffold.yaml(id: "fuzz").split(separator: "\n", omittingEmptySubsequences: false)
        let clock = ContinuousClock()
        var refused = 0
        for round in 0..<300 {
            var edited = lines.map(String.init)
            // Anchor a value on one line, then alias it on some later lines.
            let candidates = edited.indices.filter { edited[$0].contains(": ") && !edited[$0].hasPrefix("#") }
            guard let first = candidates.randomElement(using: &random),
                let colon = edited[first].range(of: ": ")
            else { continue }
            edited[first].replaceSubrange(colon, with: ": &a\(round) ")
            let later = candidates.filter { $0 > first }
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                guard let line = later.randomElement(using: &random), let at = edited[line].range(of: ": ")
                else {
                    continue
                }
                edited[line] = String(edited[line][..<at.upperBound]) + "*a\(round)"
            }
            let started = clock.now
            let report = DeckLinter().lint(data: Data(edited.joined(separator: "\n").utf8), path: "fuzz.yaml")
            #expect(clock.now - started < .seconds(1), "round \(round)")
            #expect(report.hasErrors, "round \(round): an anchor was accepted")
            if report.diagnostics.contains(where: { $0.message.contains("anchors and aliases") }) {
                refused += 1
            }
        }
        #expect(refused > 200, "most rounds stay valid YAML and are refused for the anchor itself")
    }

    @Test func largeClozePassagesAreLinearAndBounded() {
        var random = SplitMix64(seed: 13, purpose: "cloze")
        let clock = ContinuousClock()
        for round in 0..<60 {
            let gaps = Int.random(in: 1...6_000, using: &random)
            let filler = String(repeating: "ab ", count: Int.random(in: 0...4, using: &random))
            var text = ""
            for gap in 0..<gaps {
                let number = Int.random(in: 1...max(1, gaps / 3), using: &random)
                text +=
                    filler
                    + (Bool.random(using: &random) ? "{{c\(number)::x\(gap)::h}}" : "{{c\(number)::x\(gap)}}")
            }
            if Int.random(in: 0..<10, using: &random) == 0 { text += "{{c1::unclosed" }
            let started = clock.now
            let result = Cloze.parse(text)
            #expect(clock.now - started < .milliseconds(500), "round \(round): \(gaps) gaps")
            switch result {
            case .success(let cloze):
                #expect(cloze.segments.count <= 2 * Cloze.maximumGaps + 1)
            case .failure(let problem):
                #expect(!problem.message.isEmpty)
            }
        }
    }
}
