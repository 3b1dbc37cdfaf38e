import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// `ReviewLogReader` against the store's own reading (`peekProfile`, `readProfile`): the same
/// states, flags, due changes and log, on histories written by a store with every kind of line
/// and then damaged the ways files get damaged.
@Suite struct ReviewLogReaderTests {
    /// What a log holds for the reports, review by review.
    struct Row: Equatable, CustomStringConvertible {
        var id: String
        var card: String
        var at: Date
        var rating: Rating
        var verdict: Grade.Verdict
        var duration: Double

        var description: String {
            "\(id) \(card) \(at.timeIntervalSince1970) \(rating) \(verdict) \(duration)"
        }
    }

    static func rows(_ reviews: [Review]) -> [Row] {
        reviews.map {
            Row(
                id: $0.id, card: $0.cardID, at: $0.reviewedAt, rating: $0.rating, verdict: $0.verdict,
                duration: $0.duration)
        }
    }

    static func rows(_ log: ReviewLog) -> [Row] {
        log.entries.indices.filter { !log.entries[$0].isRemoved }.map { index in
            let entry = log.entries[index]
            return Row(
                id: log.id(at: index), card: log.cardID(of: entry), at: entry.reviewedAt,
                rating: entry.rating,
                verdict: entry.verdict, duration: entry.duration)
        }
    }

    /// Writes a random history through a store: answers, undos, rerates, flags, due changes,
    /// compactions every few lines; returns a copy of an early snapshot (to restore beside the later log).
    static func writeHistory(in folder: URL, seed: UInt64) throws -> Data? {
        var random = SplitMix64(seed: seed)
        let store = try ProgressStore.open(in: folder)
        defer { store.close() }
        store.compactionThreshold = 5
        let scheduler = FakeScheduler()
        var time = Date(timeIntervalSince1970: 1_780_000_000.125)
        var earlySnapshot: Data?
        let cards =
            (0..<9).map { "deck:fact-\($0):forward" } + [
                "deck:café:forward", "deck:\u{212A}:reverse", "deck:K:reverse",
            ]
        for step in 0..<160 {
            time += Double.random(in: 1...90_000, using: &random)
            let card = cards[Int.random(in: 0..<cards.count, using: &random)]
            switch Int.random(in: 0..<20, using: &random) {
            case 0..<12:
                let rating = Rating(rawValue: Int.random(in: 1...4, using: &random)) ?? .good
                try store.record(
                    Review(
                        id: reviewID(step: step, card: card, at: time), cardID: card, reviewedAt: time,
                        rating: rating, answer: "answer \(step % 4) \u{1F600}",
                        verdict: rating == .again ? .wrong : .correct, duration: Double(step % 13) / 4),
                    using: scheduler)
            case 12..<14:
                if let last = store.profile.lastReview(of: card) {
                    let previous =
                        Bool.random(using: &random)
                        ? nil
                        : CardState(phase: .review, step: nil, due: time, lastReview: last.reviewedAt - 10)
                    try store.undo(last.id, restoring: previous)
                }
            case 14..<16:
                if var last = store.profile.lastReview(of: card) {
                    last.rating = last.rating == .again ? .good : .again
                    last.verdict = last.rating == .again ? .wrong : .close
                    let state = scheduler.review(
                        .new(at: last.reviewedAt), rating: last.rating, at: last.reviewedAt, cardID: card)
                    var flags = store.profile.flags(of: card)
                    flags.lapses += 1
                    try store.replaceLastReview(with: last, newState: state, flags: flags)
                }
            case 16:
                try store.setFlags(
                    CardFlags(isSuspended: Bool.random(using: &random), isLeech: Bool.random(using: &random)),
                    for: card)
            case 17:
                try store.record(
                    [DueChange(id: "c\(step % 5)", cardID: card, changedAt: time, due: time + 86_400)],
                    using: scheduler)
            default:
                try store.compact()
                store.waitForSnapshot()
                if earlySnapshot == nil, step > 40 {
                    earlySnapshot = try Data(contentsOf: folder.appendingPathComponent("default.json"))
                }
            }
        }
        store.waitForSnapshot()
        return earlySnapshot
    }

    /// Ids of every form: escaped, the session's `<card>@<ms>` (kept as milliseconds), forms
    /// close to it that are not (a leading zero, "-0"), negative milliseconds, and plain.
    static func reviewID(step: Int, card: String, at time: Date) -> String {
        switch step % 7 {
        case 0: "r\"\(step)\\é"
        case 1, 2: "\(card)@\(Int64((time.timeIntervalSince1970 * 1000).rounded(.down)))"
        case 3: "\(card)@0\(step)"
        case 4: step % 2 == 0 ? "\(card)@-\(step)" : "\(card)@-0"
        default: "r\(step)"
        }
    }

    /// The two readers agree, or both fail with the same error.
    static func expectSameReading(in folder: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let old = Result { try ProgressStore.peekProfile(named: "default", in: folder) }
        let new = Result { try ReviewLogReader.peek(named: "default", in: folder, keepsWrongAnswers: true) }
        switch (old, new) {
        case (.success(let old?), .success(let new?)):
            #expect(new.profile.states == old.states, sourceLocation: sourceLocation)
            #expect(new.profile.flags == old.flags, sourceLocation: sourceLocation)
            #expect(new.profile.dueChanges == old.dueChanges, sourceLocation: sourceLocation)
            #expect(new.profile.settings == old.settings, sourceLocation: sourceLocation)
            #expect(rows(new.log) == rows(old.reviews), sourceLocation: sourceLocation)
            let wrong = old.reviews.filter { $0.verdict == .wrong }.map(\.answer)
            #expect(
                new.log.reviews.compactMap { new.log.answer(of: $0) } == wrong, sourceLocation: sourceLocation
            )
        case (.failure(let old), .failure(let new)):
            #expect(new.localizedDescription == old.localizedDescription, sourceLocation: sourceLocation)
        default:
            Issue.record("the readers disagree: \(old) against \(new)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func aWrittenHistoryReadsTheSame(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        _ = try Self.writeHistory(in: folder.url, seed: seed)
        Self.expectSameReading(in: folder.url)
    }

    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func anOlderSnapshotBesideTheLaterLogReadsTheSame(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        let early = try #require(try Self.writeHistory(in: folder.url, seed: seed))
        try early.write(to: folder.file("default.json"))
        Self.expectSameReading(in: folder.url)
    }

    /// A damage to one file, and whether it makes reading fail.
    struct Damage: Sendable, CustomTestStringConvertible {
        var name: String
        var change: @Sendable (_ folder: URL) throws -> Void
        var testDescription: String { name }
    }

    static func segments(in folder: URL) -> [String] {
        let files = ProgressLocation.files(profile: "default", in: folder)
        return ProgressLog.segments(of: files, generation: 0)
    }

    static func editFirstSegment(in folder: URL, _ edit: (inout [String]) -> Void) throws {
        let path = try #require(segments(in: folder).first)
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        edit(&lines)
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    static let damages: [Damage] = [
        Damage(name: "a torn journal line") { folder in
            let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("default.journal.jsonl"))
            handle.seekToEndOfFile()
            handle.write(Data("{\"seq\":99999,\"review\":{\"id\":\"x\",".utf8))
            try handle.close()
        },
        Damage(name: "a repeated journal line") { folder in
            let path = folder.appendingPathComponent("default.journal.jsonl")
            let text = try String(contentsOf: path, encoding: .utf8)
            guard let line = text.split(separator: "\n").first(where: { $0.contains("\"review\"") }) else {
                return
            }
            try (text + line.replacingOccurrences(of: "{\"seq\":", with: "{\"seq\":9") + "\n")
                .write(to: path, atomically: false, encoding: .utf8)
        },
        Damage(name: "answer lines in another key order and spacing") { folder in
            try editFirstSegment(in: folder) { lines in
                for index in lines.indices where lines[index].hasPrefix("{\"seq\":") && index % 2 == 0 {
                    lines[index] = lines[index].replacingOccurrences(of: "{\"seq\":", with: "{ \"seq\" : ")
                        .replacingOccurrences(of: ",\"verdict\":", with: " ,\"hints\":0, \"verdict\":")
                }
            }
        },
        Damage(name: "a segment's last line without its newline") { folder in
            try editFirstSegment(in: folder) { lines in
                if lines.last == "" { lines.removeLast() }
            }
        },
        Damage(name: "a segment ending in a torn line") { folder in
            try editFirstSegment(in: folder) { lines in
                if lines.last == "" { lines.removeLast() }
                lines[lines.count - 1] = String(lines[lines.count - 1].prefix(30))
            }
        },
        Damage(name: "a rating out of range") { folder in
            try editFirstSegment(in: folder) { lines in
                lines[0] = lines[0].replacingOccurrences(of: "\"rating\":", with: "\"rating\":7")
            }
        },
        Damage(name: "a rating with a fraction") { folder in
            try editFirstSegment(in: folder) { lines in
                if let index = lines.firstIndex(where: { $0.contains("\"rating\":3") }) {
                    lines[index] = lines[index].replacingOccurrences(
                        of: "\"rating\":3", with: "\"rating\":3.0")
                }
            }
        },
        Damage(name: "integers written as other numbers") { folder in
            try editFirstSegment(in: folder) { lines in
                let spellings = ["03", "3e0", "3E0", "-3", "30000000000000000"]
                let rated = lines.indices.filter { lines[$0].contains("\"rating\":3") }
                for (spelling, index) in zip(spellings, rated) {
                    lines[index] = lines[index].replacingOccurrences(
                        of: "\"rating\":3", with: "\"rating\":\(spelling)")
                }
            }
        },
        Damage(name: "an unknown phase") { folder in
            try editFirstSegment(in: folder) { lines in
                lines[0] = lines[0].replacingOccurrences(of: "\"phase\":\"", with: "\"phase\":\"X")
            }
        },
        Damage(name: "a line that is not JSON") { folder in
            try editFirstSegment(in: folder) { lines in lines.insert("{\"seq\":1,", at: 1) }
        },
        Damage(name: "a blank line") { folder in
            try editFirstSegment(in: folder) { lines in lines.insert("  \r", at: 1) }
        },
        Damage(name: "a null where a number belongs") { folder in
            try editFirstSegment(in: folder) { lines in
                lines[0] = lines[0].replacingOccurrences(of: "\"seconds\":", with: "\"seconds\":null,\"x\":")
            }
        },
        Damage(name: "escaped keys and values") { folder in
            try editFirstSegment(in: folder) { lines in
                for index in lines.indices where index % 3 == 1 {
                    lines[index] = lines[index].replacingOccurrences(
                        of: "\"card\":\"deck", with: "\"c\\u0061rd\":\"d\\u0065ck")
                }
            }
        },
        Damage(name: "no snapshot") { folder in
            try FileManager.default.removeItem(at: folder.appendingPathComponent("default.json"))
        },
    ]

    @Test(arguments: damages)
    func aDamagedLogReadsTheSameOrFailsTheSame(damage: Damage) throws {
        for seed: UInt64 in [3, 8] {
            let folder = try TemporaryFolder()
            _ = try Self.writeHistory(in: folder.url, seed: seed)
            try damage.change(folder.url)
            Self.expectSameReading(in: folder.url)
        }
    }

    @Test(arguments: [false, true])
    func aWholeProfileOfSchemaVersion1ReadsTheSame(withJournal: Bool) throws {
        // The log inside the snapshot (migrated in memory), and a journal beside it.
        let folder = try TemporaryFolder()
        var random = SplitMix64(seed: 9)
        let profile = try RandomHistory.profile(
            reviews: RandomHistory.reviews(count: 400, cards: 30, using: &random))
        try Data(try ProfileSnapshot.encodeWhole(profile, journalSequence: 3)).write(
            to: folder.file("default.json"))
        if withJournal {
            let review = Review.sample("late", card: "deck/fact-1/typed", at: 1.9e9, rating: .again)
            let state = CardState(phase: .relearning, step: 0, due: Date(timeIntervalSince1970: 1.9e9 + 600))
            try Data(Journal.line(sequence: 4, review: review, state: state)).write(
                to: folder.file("default.journal.jsonl"))
        }
        Self.expectSameReading(in: folder.url)
        let streamed = try #require(try ReviewLogReader.peek(named: "default", in: folder.url))
        #expect(streamed.log.count == 400 + (withJournal ? 1 : 0))
    }

    @Test func aSnapshotFileReadsAsTheClassReportReadsIt() throws {
        let folder = try TemporaryFolder()
        _ = try Self.writeHistory(in: folder.url, seed: 5)
        let url = folder.file("default.json")
        let old = try ProgressStore.readProfile(at: url)
        let new = try ReviewLogReader.read(at: url, keepsWrongAnswers: true)
        #expect(new.profile.states == old.states)
        #expect(new.profile.flags == old.flags)
        #expect(Self.rows(new.log) == Self.rows(old.reviews))
        let tally = ClassTally(cards: nil)
        #expect(
            ClassReport(learners: [tally.part(name: "a", profile: new).learner], hardest: [])
                == ClassReport(learners: [tally.part(name: "a", profile: old).learner], hardest: []))
    }

    @Test func aLogOfManySegmentsIsMergedInOrder() throws {
        // More segments than cores, read in parallel: the order of the log is the files' order.
        let folder = try TemporaryFolder()
        var random = SplitMix64(seed: 42)
        let reviews = RandomHistory.reviews(count: 3_000, cards: 200, using: &random)
        let store = try ProgressStore.open(in: folder.url)
        store.compactionThreshold = 1_000
        for review in reviews { try store.record(review, using: FakeScheduler()) }
        store.waitForSnapshot()
        store.close()
        #expect(Self.segments(in: folder.url).count == 3)
        Self.expectSameReading(in: folder.url)
    }
}
