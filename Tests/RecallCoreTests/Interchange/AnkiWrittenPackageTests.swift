import Foundation
import Testing

@testable import RecallCore

/// Packages written by the real `anki` library (`Tests/Fixtures/make_anki_collection.py`, committed
/// in `Fixtures/Anki/` with the collection's own figures in `expected.json`): both package
/// generations, every stock note type, a custom note type, media, tags, subdecks, a filtered deck
/// answered in preview, a Forget, a Set due date, a suspended card and a studied history.
@Suite struct AnkiWrittenPackageTests {
    struct Expected: Decodable {
        struct Card: Decodable {
            var id: Int64
            var guid: String
            var nid: Int64
            var ord: Int64
            var stability: Double?
            var difficulty: Double?
            var queue: Int
            var type: Int
            /// Review cards: Anki's day the card is due (a position near -100,000 in a filtered deck).
            var due: Int
            var reviews: Int
            var lapses: Int
        }
        var cards: [Card]
        var revlog: Int
        var notes: Int
        var parameters: [Double]
        /// The Anki card that was given a due date 30 days ahead ("Set due date").
        var moved: Int64
        /// New cards given a due date: in 10 days; today then answered Good; today then Again.
        var setDueNew: [Int64]
        /// The same with FSRS off (SM-2): in 10 days; today then answered Good with FSRS on.
        var setDueSM2: [Int64]

        enum CodingKeys: String, CodingKey {
            case cards, revlog, notes, parameters, moved, setDueNew = "set_due_new", setDueSM2 = "set_due_sm2"
        }
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: FixtureFile.data("Anki/expected.json"))
    }

    static func read(_ name: String) throws -> AnkiPackageReader.Result {
        try AnkiPackageReader(path: name).read(FixtureFile.url("Anki/\(name)"))
    }

    /// `current.apkg` imported as deck `d` of a new folder, its history recorded into profile
    /// `ana` there: what `recall import --with-progress` does.
    struct ImportedWithProgress {
        let folder: URL
        let store: ProgressStore
        let read: AnkiPackageReader.Result
        let ids: [AnkiPackageReader.CardKey: CardID]

        /// Closes the profile and removes the folder.
        func remove() {
            store.close()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static func importCurrentWithProgress() throws -> ImportedWithProgress {
        let folder = try InterchangeFixtures.temporaryFolder()
        let importer = DeckImporter()
        let plan = try importer.plan(
            FixtureFile.url("Anki/current.apkg"), displayPath: "current.apkg", deckID: "d", folder: folder,
            timeZone: try #require(TimeZone(identifier: "UTC")))
        try importer.apply(plan)
        let store = try ProgressStore.open(profile: "ana", in: folder.appendingPathComponent("Progress"))
        _ = try importer.recordReviews(of: plan, in: store)
        let read = try read("current.apkg")
        return ImportedWithProgress(
            folder: folder, store: store, read: read, ids: DeckImporter.cardIDs(of: read.cards, deckID: "d"))
    }

    @Test(arguments: ["current.apkg", "legacy.apkg"])
    func everyCardIsImportedOrCountedAndEveryAnswerKept(_ name: String) throws {
        let expected = try Self.expected()
        let result = try Self.read(name)
        #expect(result.report.notesRead == expected.notes)
        #expect(result.report.cardsRead == expected.cards.count)
        #expect(result.report.reviewsRead == expected.revlog)
        #expect(result.report.skippedCards == ["Image Occlusion (it needs its image)": 1])
        #expect(result.report.cardsImported == expected.cards.count - 1)
        #expect(result.report.media == 1)
        #expect(
            result.report.skippedReviews == [
                "a filtered-deck preview": 1, "a 'Forget' (reset to new)": 1, "answered before a 'Forget'": 2,
                "a reschedule": 15,
            ])
        #expect(
            result.report.dueDatesSet == 6,
            "the 'Set due date' rows are applied: on an answered card, on two new cards, and on three new cards then answered"
        )
        #expect(
            result.reviews.count + result.report.reviewsSkipped + result.report.dueDatesSet
                == expected.revlog,
            "every row accounted for")

        let ids = DeckImporter.cardIDs(of: result.cards, deckID: "d")
        #expect(ids.count == expected.cards.count - 1, "one recall card per Anki card but the IO one")
        let reviews = DeckImporter.reviews(result.reviews, cardIDs: ids)
        #expect(reviews.count == result.reviews.count, "every kept answer lands on its card")
        let fronts = Dictionary(result.cards.map { ($0.front, $0.back) }, uniquingKeysWith: { a, _ in a })
        #expect(fronts["perro"] == "dog")
        #expect(fronts["dog"] == "perro", "the reverse of 'Basic (and reversed card)'")
        #expect(fronts["cat"] == "gato", "the optional reverse, asked for")
        #expect(fronts["house"] == nil, "the optional reverse, not asked for, has no card")
        #expect(fronts["Capital of Peru?"] == "Lima", "type in the answer: the typed field")
        #expect(fronts["Flag of France [image: flag-fr.svg]"] == "Tricolour")
        #expect(fronts["libro\nLeo un libro."] == "book", "custom type, template 1, with its section")
        #expect(fronts["table (no example)"] == "mesa", "custom type, template 2, an inverted section")
        let clozes = result.cards.filter(\.isCloze).map(\.front).sorted()
        #expect(
            clozes == [
                "Area of a circle: {{c1::[math: \\pi r^2]}}",
                "The {{c1::Danube}} flows into the {{c2::Black Sea}}.",
            ])
        #expect(result.deckName == "Lang::Spanish::Vocab" || result.deckName == "Geography")
        #expect(result.flags.values.filter(\.isSuspended).count == 1)
        #expect(result.media.map(\.name) == ["flag-fr.svg"])
        #expect(result.media.first?.data == Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8))
        let decks = Set(result.cards.compactMap(\.source))
        #expect(
            decks == ["Geography", "Lang::Spanish::Vocab"], "each card's home deck, never the filtered 'Cram'"
        )
    }

    @Test func bothGenerationsReadTheSame() throws {
        let current = try Self.read("current.apkg")
        let legacy = try Self.read("legacy.apkg")
        #expect(current.cards.map(\.id) == legacy.cards.map(\.id))
        #expect(current.cards.map(\.front) == legacy.cards.map(\.front))
        #expect(current.reviews == legacy.reviews)
    }

    @Test func answersPerCardMatchAnki() throws {
        let expected = try Self.expected()
        let result = try Self.read("current.apkg")
        let ids = DeckImporter.cardIDs(of: result.cards, deckID: "d")
        let reviews = DeckImporter.reviews(result.reviews, cardIDs: ids)
        let byCard = Dictionary(grouping: reviews, by: \.cardID).mapValues(\.count)
        var compared = 0
        for card in result.cards where !card.isCloze {
            guard
                let anki = expected.cards.first(where: {
                    ImportedCard.ankiCardID(guid: $0.guid, noteID: 0, ord: $0.ord) == card.id
                })
            else { continue }
            compared += 1
            let recall = byCard["d:card:\(card.id)"] ?? 0
            // Anki's count includes the forgotten card's old answers and the preview answer.
            #expect(recall <= anki.reviews, "\(card.front)")
            if card.front != "Capital of France?" { #expect(recall >= anki.reviews - 1, "\(card.front)") }
        }
        #expect(compared == 17)
    }

    /// Replayed on Anki's calendar days (the package's rollover hour; the fixture was made in
    /// UTC) with the package's own FSRS parameters (an optimised preset, not the defaults), each
    /// card's stability is within 1% of the memory state Anki computed from the same log, and
    /// its difficulty within 1% too.
    @Test(arguments: ["current.apkg", "legacy.apkg"])
    func stabilityMatchesAnkisMemoryState(_ name: String) throws {
        let expected = try Self.expected()
        let result = try Self.read(name)
        let fsrs = try #require(result.fsrs, "the package's deck options have FSRS parameters")
        #expect(zip(fsrs.parameters, expected.parameters).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(fsrs.parameters.count == 21)
        #expect(fsrs.desiredRetention.map { abs($0 - 0.87) < 1e-6 } == true)
        let ids = DeckImporter.cardIDs(of: result.cards, deckID: "d")
        let reviews = DeckImporter.reviews(result.reviews, cardIDs: ids)
        var settings = try #require(fsrs.applied(to: SchedulerSettings()))
        settings.dayBoundary = .init(timeZone: "UTC", rolloverHour: result.rolloverHour ?? -1)
        let scheduler = try Scheduler(settings: settings)
        // With the package's due changes: a "Set due date" on a new card decides how its first
        // answer starts.
        let changes = DeckImporter.dueChanges(result.dueChanges, cardIDs: ids)
        let profile = Profile(name: "t", settings: settings, reviews: reviews, dueChanges: changes)
            .replayed(using: scheduler)
        let now = Date()
        var compared = 0
        for anki in expected.cards {
            guard let stability = anki.stability, let difficulty = anki.difficulty,
                let cardID = ids[.init(note: anki.nid, ord: anki.ord)]
            else { continue }
            // The forgotten card's memory state is Anki's from before the Forget (its card is new).
            guard anki.queue != 0 else { continue }
            let state = profile.state(of: cardID.rawValue, at: now)
            let recall = try #require(state.stability, "\(cardID) has no state")
            #expect(abs(recall - stability) / stability < 0.01, "\(cardID): \(recall) vs Anki's \(stability)")
            #expect(
                abs((state.difficulty ?? 0) - difficulty) / difficulty < 0.01,
                "\(cardID): D \(state.difficulty ?? 0) vs Anki's \(difficulty)")
            compared += 1
        }
        #expect(compared >= 12)

        // With the default parameters on 24-hour periods instead (py-fsrs), cards come out differently.
        let plain = Profile(name: "t", settings: SchedulerSettings(), reviews: reviews)
            .replayed(using: try Scheduler(settings: SchedulerSettings()))
        let differing = expected.cards.filter { anki in
            guard let stability = anki.stability, anki.queue != 0,
                let cardID = ids[.init(note: anki.nid, ord: anki.ord)],
                let recall = plain.state(of: cardID.rawValue, at: now).stability
            else { return false }
            return abs(recall - stability) / stability >= 0.01
        }
        #expect(!differing.isEmpty, "the fixture tells the two day counts apart")
    }

    /// `recall import --with-progress` into a profile without history: the profile takes the
    /// package's parameters and retention, and each card's stored state is Anki's within 1%.
    @Test func importWithProgressKeepsAnkisMemoryStatePerCard() throws {
        let expected = try Self.expected()
        let imported = try Self.importCurrentWithProgress()
        defer { imported.remove() }
        let (store, ids) = (imported.store, imported.ids)
        #expect(
            zip(store.profile.settings.parameters, expected.parameters).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(abs(store.profile.settings.desiredRetention - 0.87) < 1e-9)
        var compared = 0
        for anki in expected.cards {
            guard let stability = anki.stability, anki.queue != 0,
                let cardID = ids[.init(note: anki.nid, ord: anki.ord)]
            else { continue }
            let state = try #require(store.profile.states[cardID.rawValue], "\(cardID) has no state")
            let recall = try #require(state.stability)
            #expect(abs(recall - stability) / stability < 0.01, "\(cardID): \(recall) vs Anki's \(stability)")
            compared += 1
        }
        #expect(compared >= 12)
    }

    /// Imported with progress, each review card is due on Anki's own day for it (within one): the
    /// days Anki's FSRS scheduled (the fixture's reschedule; some overdue) and the card given
    /// "Set due date 30", and the stored states are the log's replay, so
    /// `progress check` agrees and the due dates survive a replay and a reopening of the profile.
    @Test func importWithProgressKeepsAnkisDueDatesAndTheSetDueDate() throws {
        let expected = try Self.expected()
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = DeckImporter()
        let plan = try importer.plan(
            FixtureFile.url("Anki/current.apkg"), displayPath: "current.apkg", deckID: "d", folder: folder,
            timeZone: try #require(TimeZone(identifier: "UTC")))
        try importer.apply(plan)
        let progress = folder.appendingPathComponent("Progress")
        let read = try Self.read("current.apkg")
        let ids = DeckImporter.cardIDs(of: read.cards, deckID: "d")
        let movedCard = try #require(
            read.dueChanges.first { change in
                expected.cards.contains { $0.nid == change.noteID && $0.ord == change.ord && $0.due == 30 }
            })
        #expect(plan.dueChanges.count == read.dueChanges.count)
        do {
            let store = try ProgressStore.open(profile: "ana", in: progress)
            defer { store.close() }
            _ = try importer.recordReviews(of: plan, in: store)
            #expect(store.profile.dueChanges.count == plan.dueChanges.count)
            #expect(
                try store.profile.cardsDifferingFromReplay(using: Scheduler(settings: store.profile.settings))
                    .isEmpty)
            // Importing again adds nothing.
            #expect(try importer.recordReviews(of: plan, in: store) == 0)
            #expect(store.profile.dueChanges.count == plan.dueChanges.count)
        }
        let store = try ProgressStore.open(profile: "ana", in: progress)
        defer { store.close() }
        let scheduler = try Scheduler(settings: store.profile.settings)
        #expect(
            store.profile.cardsDifferingFromReplay(using: scheduler).isEmpty, "the file holds the changes")
        var compared = 0
        for anki in expected.cards where anki.type == 2 && anki.due > -90_000 {
            guard let cardID = ids[.init(note: anki.nid, ord: anki.ord)] else { continue }
            let state = try #require(store.profile.states[cardID.rawValue], "\(cardID) has no state")
            let day = (state.due.timeIntervalSince1970 - Double(read.dayZero)) / 86_400
            #expect(abs(day - Double(anki.due)) <= 1, "\(cardID): due on day \(day), Anki's \(anki.due)")
            compared += 1
        }
        #expect(compared >= 10)
        let moved = try #require(ids[.init(note: movedCard.noteID, ord: movedCard.ord)])
        let state = try #require(store.profile.states[moved.rawValue])
        #expect(state.due.timeIntervalSince(movedCard.at) > 29 * 86_400, "due in 30 days, not overdue")
        // The move keeps the memory state: the last answer's stability, as Anki keeps it.
        let anki = try #require(
            expected.cards.first { $0.nid == movedCard.noteID && $0.ord == movedCard.ord })
        let stability = try #require(anki.stability)
        #expect(abs((state.stability ?? 0) - stability) / stability < 0.01)
    }

    /// New cards Anki was given a due date (FSRS on) come across as Anki has them: left so, a
    /// review card due on Anki's day with no memory state; answered after it, the memory state
    /// Anki started (the rating's initial one, within 1%), the phase (review for Good, relearning
    /// for Again) and the lapse count, as the package holds them.
    @Test func newCardsGivenADueDateAreReviewCardsAsInAnki() throws {
        let expected = try Self.expected()
        let imported = try Self.importCurrentWithProgress()
        defer { imported.remove() }
        let (store, read, ids) = (imported.store, imported.read, imported.ids)
        let cards = try expected.setDueNew.map { id in
            try #require(expected.cards.first { $0.id == id })
        }
        try #require(cards.count == 3)
        let phases: [CardState.Phase] = [.review, .review, .relearning]
        for (anki, phase) in zip(cards, phases) {
            let cardID = try #require(ids[.init(note: anki.nid, ord: anki.ord)])
            let state = try #require(store.profile.states[cardID.rawValue], "\(cardID) has no state")
            #expect(state.phase == phase, "\(cardID)")
            #expect(!state.isNew, "\(cardID)")
            #expect(store.profile.flags(of: cardID.rawValue).lapses == anki.lapses, "\(cardID)")
            if let stability = anki.stability, let difficulty = anki.difficulty {
                let recall = try #require(state.stability, "\(cardID)")
                #expect(
                    abs(recall - stability) / stability < 0.01, "\(cardID): \(recall) vs Anki's \(stability)")
                #expect(abs((state.difficulty ?? 0) - difficulty) / difficulty < 0.01, "\(cardID)")
            } else {
                #expect(state.stability == nil && state.difficulty == nil && state.lastReview == nil)
            }
            if anki.type == 2 {
                let day = (state.due.timeIntervalSince1970 - Double(read.dayZero)) / 86_400
                #expect(abs(day - Double(anki.due)) <= 1, "\(cardID): due on day \(day), Anki's \(anki.due)")
            }
        }
        #expect(cards[0].stability == nil && cards[0].due == 10, "the fixture: a card left without memory")
        #expect(
            try store.profile.cardsDifferingFromReplay(using: Scheduler(settings: store.profile.settings))
                .isEmpty)
    }

    /// New cards given a due date with FSRS off keep the SM-2 interval and ease in the row; Anki
    /// infers a memory state from them when it needs one (rslib `set_memory_state`: fsrs-rs
    /// `memory_state_from_sm2` at the historical retention, 0.9, so the stability is the
    /// interval) and answers from it with 0 days elapsed (no answer in the log to count from).
    /// The card answered after it has Anki's own state within 1%; the one left so has the
    /// inferred state (Anki's package has none yet) and is due on Anki's day.
    @Test func newCardsGivenADueDateUnderSM2TakeTheMemoryAnkiInfers() throws {
        let expected = try Self.expected()
        let imported = try Self.importCurrentWithProgress()
        defer { imported.remove() }
        let (store, read, ids) = (imported.store, imported.read, imported.ids)
        let cards = try expected.setDueSM2.map { id in try #require(expected.cards.first { $0.id == id }) }
        try #require(cards.count == 2)
        let state = { (anki: Expected.Card) throws -> CardState in
            let cardID = try #require(ids[.init(note: anki.nid, ord: anki.ord)])
            return try #require(store.profile.states[cardID.rawValue], "\(cardID) has no state")
        }
        let left = try state(cards[0])
        #expect(cards[0].stability == nil, "the fixture: Anki's package has no state for it yet")
        #expect(left.phase == .review && left.lastReview == nil)
        #expect(abs((left.stability ?? 0) - 10) < 1e-9, "the interval, at 0.9")
        #expect((1...10).contains(left.difficulty ?? 0))
        let day = (left.due.timeIntervalSince1970 - Double(read.dayZero)) / 86_400
        #expect(abs(day - Double(cards[0].due)) <= 1)

        let answered = try state(cards[1])
        let stability = try #require(cards[1].stability)
        let difficulty = try #require(cards[1].difficulty)
        #expect(answered.phase == .review)
        #expect(abs((answered.stability ?? 0) - stability) / stability < 0.01, "\(answered) vs \(stability)")
        #expect(
            abs((answered.difficulty ?? 0) - difficulty) / difficulty < 0.01, "\(answered) vs \(difficulty)")
        #expect(
            try store.profile.cardsDifferingFromReplay(using: Scheduler(settings: store.profile.settings))
                .isEmpty)
    }
}
