import Foundation
import Testing

@testable import RecallCore

/// The class report's counting, against the report's definition computed the plain way (a set of
/// names and a dictionary of folded answers per card), on random classes: duplicate names, logs out
/// of time order with ties, reviews taken back, cards outside the deck, lapses of unreviewed cards,
/// wrong answers in several spellings (case, spaces, accents, blank, punctuation only).
@Suite struct ClassTallyTests {
    struct Learner {
        var name: String
        var profile: Profile
        /// Positions in `profile.reviews` taken back (marked removed in the log).
        var removed: Set<Int>

        var streamed: StreamedProfile {
            var streamed = StreamedProfile(profile, keepsWrongAnswers: true)
            for index in removed.sorted() { streamed.log.remove(at: index) }
            return streamed
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var seed: UInt64
        var learners: Int
        var withDeck: Bool
        var testDescription: String { "seed \(seed), \(learners) learners\(withDeck ? ", a deck" : "")" }
    }

    static let cases: [Case] = [
        Case(seed: 1, learners: 1, withDeck: false), Case(seed: 2, learners: 6, withDeck: false),
        Case(seed: 3, learners: 6, withDeck: true), Case(seed: 4, learners: 17, withDeck: false),
        Case(seed: 5, learners: 17, withDeck: true), Case(seed: 6, learners: 40, withDeck: false),
    ]

    static let names = ["ana", "ben", "ana", "chen", "dev", "ben"]
    static let spellings = [
        "Minsk", "minsk", " Minsk ", "MINSK\n", "Kyïv", "kyiv", "Kyiv", " ", "", "?!", "Riga", "ríga",
        "Caf\u{E9}", "Cafe\u{301}",
    ]
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func deck() -> [Card] {
        (0..<6).map { index in
            Card(
                id: CardID(stored: "d:\(index)"), deck: "d", kind: .typed, prompt: "Q\(index)?", answer: "A",
                facts: [], source: "", why: "", topic: "t", siblingKey: "d:\(index)")
        }
    }

    static func learners(_ count: Int, seed: UInt64) -> [Learner] {
        var rng = SplitMix64(seed: seed)
        func pick(_ bound: Int) -> Int { Int(rng.next() % UInt64(bound)) }
        return (0..<count).map { index in
            let cards = (0..<8).map { "d:\($0)" } + ["x:1", "x:2"]
            var reviews = (0..<pick(40)).map { _ -> Review in
                let verdict: Grade.Verdict = [.wrong, .wrong, .correct, .close][pick(4)]
                return Review(
                    cardID: cards[pick(cards.count)],
                    reviewedAt: start.addingTimeInterval(Double(pick(12)) * 600),
                    rating: verdict == .wrong
                        ? (pick(3) == 0 ? .hard : .again) : [.good, .easy, .again][pick(3)],
                    answer: spellings[pick(spellings.count)], verdict: verdict, duration: 3)
            }
            if pick(3) == 0 { reviews.sort { $0.reviewedAt < $1.reviewedAt } }
            var flags: [String: CardFlags] = [:]
            var states: [String: CardState] = [:]
            for _ in 0..<pick(4) { flags[cards[pick(cards.count)]] = CardFlags(lapses: pick(3)) }
            for _ in 0..<pick(4) {
                states[cards[pick(cards.count)]] = CardState(
                    phase: .review, step: nil, stability: 30, difficulty: 5,
                    due: start.addingTimeInterval(Double(10 + pick(30)) * 86_400), lastReview: start)
            }
            let removed = Set((0..<pick(3)).compactMap { _ in reviews.isEmpty ? nil : pick(reviews.count) })
            let name = names[index % names.count]
            return Learner(
                name: name, profile: Profile(name: name, states: states, flags: flags, reviews: reviews),
                removed: removed)
        }
    }

    /// The report by its definition, learner by learner.
    static func expected(_ learners: [Learner], cards: [Card]?, top: Int) -> ClassReport {
        struct PerCard {
            var reviews = 0, repeated = 0, remembered = 0, lapses = 0
            var names: Set<String> = []
            var wrong: [String: (spelling: String, count: Int)] = [:]
        }
        let deck = cards.map { Dictionary($0.map { ($0.id, $0.prompt) }, uniquingKeysWith: { a, _ in a }) }
        let included = { (id: String) in deck.map { $0[id] != nil } ?? true }
        var rows: [ClassReport.Learner] = []
        var perCard: [String: PerCard] = [:]
        for learner in learners {
            let reviews = learner.profile.reviews.enumerated()
                .filter { !learner.removed.contains($0.offset) && included($0.element.cardID) }
                .sorted { ($0.element.reviewedAt, $0.offset) < ($1.element.reviewedAt, $1.offset) }
                .map(\.element)
            var seen: Set<String> = []
            var repeated = 0
            var remembered = 0
            for review in reviews {
                let isFirst = seen.insert(review.cardID).inserted
                perCard[review.cardID, default: PerCard()].reviews += 1
                perCard[review.cardID]?.names.insert(learner.name)
                if !isFirst {
                    repeated += 1
                    perCard[review.cardID]?.repeated += 1
                    if review.rating != .again {
                        remembered += 1
                        perCard[review.cardID]?.remembered += 1
                    }
                }
                let spelling = review.answer.trimmingWhitespace
                if review.verdict == .wrong, !spelling.isEmpty {
                    let key = TextFold.fold(spelling)
                    let known = perCard[review.cardID]?.wrong[key]
                    perCard[review.cardID]?.wrong[key] = (
                        known?.spelling ?? spelling, (known?.count ?? 0) + 1
                    )
                }
            }
            let flags = learner.profile.flags.filter { included($0.key) }
            for (id, flag) in flags where flag.lapses > 0 {
                perCard[id, default: PerCard()].lapses += flag.lapses
            }
            let mature = learner.profile.states.filter {
                included($0.key) && $0.value.phase == .review
                    && $0.value.due.timeIntervalSince($0.value.lastReview ?? .distantFuture) >= 21 * 86_400
            }
            rows.append(
                ClassReport.Learner(
                    name: learner.name, reviews: reviews.count, cards: seen.count,
                    passRate: repeated == 0 ? nil : Double(remembered) / Double(repeated),
                    mature: mature.count,
                    lapses: flags.values.map(\.lapses).reduce(0, +)))
        }
        let hardest = perCard.map { id, card in
            ClassReport.CardSummary(
                cardID: id, prompt: deck?[id], reviews: card.reviews, learners: card.names.count,
                passRate: card.repeated == 0 ? nil : Double(card.remembered) / Double(card.repeated),
                lapses: card.lapses,
                wrongAnswers: card.wrong.values.sorted { ($1.count, $0.spelling) < ($0.count, $1.spelling) }
                    .prefix(3).map { ClassReport.WrongAnswer(answer: $0.spelling, count: $0.count) })
        }
        .filter { $0.passRate != nil || $0.lapses > 0 || !$0.wrongAnswers.isEmpty }
        .sorted(by: ClassReport.harder)
        return ClassReport(learners: rows, hardest: Array(hardest.prefix(top)))
    }

    @Test(arguments: cases)
    func theTallyGivesTheReportByItsDefinition(_ test: Case) throws {
        let learners = Self.learners(test.learners, seed: test.seed)
        let cards = test.withDeck ? Self.deck() : nil
        var tally = ClassTally(cards: cards)
        for learner in learners { tally.add(tally.part(name: learner.name, profile: learner.streamed)) }
        let expected = Self.expected(learners, cards: cards, top: 12)
        #expect(tally.report(top: 12) == expected)
        // Byte for byte: `String` equality would equate canonically equivalent spellings.
        #expect(try tally.report(top: 12).json() == expected.json())
        #expect(expected.hardest.contains { $0.wrongAnswers.count > 1 }, "a case that can tell")
    }

    @Test(arguments: cases)
    func streamingOnSeveralWorkersGivesTheSameReport(_ test: Case) throws {
        let learners = Self.learners(test.learners, seed: test.seed)
        let cards = test.withDeck ? Self.deck() : nil
        for workers in [1, 2, 3] {
            let (report, failures) = ClassReport.streaming(
                learners: learners.count, cards: cards, top: 12, workers: workers
            ) { (learners[$0].name, learners[$0].streamed) }
            #expect(failures.isEmpty)
            #expect(try report.json() == Self.expected(learners, cards: cards, top: 12).json())
        }
    }

    /// Parts delivered out of order (learners finishing in any order) are merged in learner order:
    /// a wrong answer keeps the spelling of the first learner who gave it, not of the first to finish.
    @Test(arguments: [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]])
    func partsFinishingInAnyOrderAreMergedInLearnerOrder(_ order: [Int]) throws {
        let answers: [[(String, Rating, String)]] = [
            [("d:a", .good, "Paris"), ("d:a", .again, "MINSK")],
            [("d:a", .again, "minsk"), ("d:a", .again, "Minsk"), ("d:b", .again, "Riga")],
            [],
            [("d:a", .again, " Minsk"), ("d:b", .again, "RIGA"), ("d:b", .good, "Vilnius")],
        ]
        let names = ["ana", "ben", "gone", "ana"]
        let tally = ClassTally(cards: nil)
        let merger = OrderedMerger(tally: tally, count: names.count)
        for index in order {
            if index == 2 {
                merger.deliver(.failure(ClassReportStreamingTests.Unreadable()), at: index)
            } else {
                let profile = try ClassReportTests.profile(names[index], answers[index])
                merger.deliver(.success(tally.part(name: names[index], profile: profile)), at: index)
            }
        }
        let report = merger.finished().report(top: 5)
        #expect(merger.failures.map(\.index) == [2])
        #expect(report.learners.map(\.name) == ["ana", "ben", "ana"])
        let a = try #require(report.hardest.first { $0.cardID == "d:a" })
        #expect(a.wrongAnswers == [ClassReport.WrongAnswer(answer: "MINSK", count: 4)])
        #expect(a.learners == 2, "two learners called 'ana' count once")
        #expect(a.reviews == 5)
        let b = try #require(report.hardest.first { $0.cardID == "d:b" })
        #expect(b.wrongAnswers == [ClassReport.WrongAnswer(answer: "Riga", count: 2)])
        #expect(b.learners == 2)
    }
}

@Suite struct ClassTallyPairIndexTests {
    /// Thousands of pairs (the table grows several times), looked up again and again, number as a
    /// dictionary would.
    @Test func pairsAreNumberedAsADictionaryWould() {
        var rng = SplitMix64(seed: 7)
        var index = ClassTally.PairIndex()
        var expected: [[Int32]: Int32] = [:]
        for _ in 0..<20_000 {
            let pair = [Int32(rng.next() % 3_000), Int32(rng.next() % 5)]
            let new = Int32(expected.count)
            let found = index.number(pair[0], pair[1], orInsert: new)
            #expect(found == expected[pair])
            if found == nil { expected[pair] = new }
        }
        #expect(index.count == expected.count)
        #expect(expected.count > 5_000, "enough pairs to grow the table")
    }
}
