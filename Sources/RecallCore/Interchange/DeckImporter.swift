public import Foundation

/// Imports cards from Anki packages, Anki text exports, CSV and Markdown into a deck file of
/// free-form cards.
///
/// `plan` reads and validates everything and returns the complete new deck file without writing
/// anything; `apply` writes it atomically. Cards whose id the deck already has are skipped, so
/// importing the same file twice adds nothing.
public struct DeckImporter: Sendable {
    /// Files larger than this are refused before reading.
    public static let maximumFileSize = 32 * 1024 * 1024

    /// The formats import reads.
    public enum Format: String, Sendable, CaseIterable {
        case apkg, tsv, csv, md
    }

    /// What an import would do.
    public struct Plan: Sendable {
        public var format: Format
        public var deckID: String
        public var deckName: String
        /// The deck file written by `apply`.
        public var file: URL
        public var isNewFile: Bool
        /// The cards to add, in input order.
        public var added: [FreeCard]
        /// Cards of the input the deck already has (by id), unchanged.
        public var alreadyPresent: Int
        /// Cards the deck has whose note changed in the input (a newer version of an Anki deck, by
        /// the note's modification time when both have one): rewritten in place, so their ids, and
        /// the learner's progress on them, stay.
        public var updated: [FreeCard] = []
        /// What was skipped or changed and why, for the user.
        public var notes: [String]
        /// The whole deck file after the import.
        public var yaml: String
        /// The Anki review history of the imported cards (apkg only), by their ids in the deck,
        /// each with a stable id so that importing it twice records it once.
        public var reviews: [Review]
        /// The due dates Anki set on those cards ("Set due date", and its schedule after the last
        /// answer), replayed with the reviews (apkg only).
        public var dueChanges: [DueChange] = []
        /// Suspension and burying of the imported cards (apkg), by card id in the deck.
        public var flags: [String: CardFlags] = [:]
        /// What an Anki package, or an Anki text export with a note-type column, held and what was
        /// skipped.
        public var report: ImportReport?
        /// Anki's days (the package's rollover hour in the learner's time zone): the history is
        /// replayed on them, as Anki schedules it (apkg only).
        public var dayBoundary: SchedulerSettings.DayBoundary?
        /// The package's FSRS parameters and desired retention (apkg, when it has them): a profile
        /// without history of its own takes them, so the history replays as Anki scheduled it.
        var fsrs: AnkiFSRSConfig?
        /// Media files copied into `mediaFolder` by `apply` (apkg only).
        public var media: [(name: String, data: Data)] = []
        /// The deck's media folder: `DECK.media` beside the deck file.
        public var mediaFolder: URL
    }

    public init() {}

    /// Reads `url` and works out the import into `folder`; writes nothing.
    /// - Parameters:
    ///   - deckID: the deck to import into; by default, one named after the file.
    ///   - knownCardIDs: the card ids of the learner's decks: an Anki card whose GUID is one of them
    ///     is recall's own card coming back (an export round trip) and lands on that card.
    public func plan(
        _ url: URL, displayPath: String, deckID: String?, folder: URL, timeZone: TimeZone = .current,
        knownCardIDs: Set<String> = [], now: Date = Date()
    ) throws(InterchangeError) -> Plan {
        let format = try Self.format(of: url, displayPath: displayPath)
        let read = try Self.read(url, format: format, displayPath: displayPath)
        let id = deckID ?? Self.deckID(fromFileName: url.deletingPathExtension().lastPathComponent)
        guard DeckIdentifier.isValid(id) else {
            throw .invalidResult("'\(id)' is not a deck id: use letters, digits, '-', '_' and '.'")
        }
        let returning = read.cards.filter { $0.guid.map(knownCardIDs.contains) ?? false }
        let fresh = read.cards.filter { !($0.guid.map(knownCardIDs.contains) ?? false) }
        var (cards, notes) = Self.freeCards(from: fresh, deckName: read.deckName)
        if !returning.isEmpty {
            notes.append(
                "\(returning.count) card\(returning.count == 1 ? " is" : "s are") recall's own (its export): not added again; \(returning.count == 1 ? "its" : "their") history joins the original card\(returning.count == 1 ? "" : "s")"
            )
        }
        if !read.skippedLines.isEmpty {
            let count = read.skippedLines.count
            let lines = read.skippedLines.prefix(20).map(String.init).joined(separator: ", ")
            notes.append(
                "skipped \(count) row\(count == 1 ? "" : "s") without both a front and a back: line\(count == 1 ? "" : "s") \(lines)\(count > 20 ? ", …" : "")"
            )
        }
        if format == .apkg, cards.isEmpty, returning.isEmpty, let report = read.report {
            throw .notAnkiPackage(
                path: displayPath,
                reason: "it holds no card recall can import (" + report.lines.joined(separator: "; ") + ")")
        }
        guard !cards.isEmpty || !read.cards.isEmpty else { throw .noCards(path: displayPath) }

        let file = folder.appendingPathComponent("\(id).yaml")
        let existing = try Self.existingDeck(file)
        // A new file named after a built-in deck would replace that deck with the imported cards only.
        if existing == nil, BundledDecks.files.contains(where: { $0.name == "\(id).yaml" }) {
            throw .replacesBuiltInDeck(id)
        }
        let present = Dictionary(
            (existing?.deck.freeCards ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let added = cards.filter { present[$0.id] == nil }
        let differing = cards.filter { card in present[card.id].map { Self.differs($0, card) } ?? false }
        // As Anki updates a note "if newer": a card whose deck version is as new as the input's
        // (or newer, e.g. edited here after an import) is left as it is.
        let changed = differing.filter { card in
            guard let new = card.modified, let had = present[card.id]?.modified else { return true }
            return new > had
        }
        if differing.count > changed.count {
            let kept = differing.count - changed.count
            notes.append(
                "kept \(kept) card\(kept == 1 ? "" : "s") as the deck has \(kept == 1 ? "it" : "them"): the input's version is not newer"
            )
        }
        let deckName = existing?.deck.name ?? read.deckName ?? id
        var yaml: String
        var updated: [FreeCard] = []
        if let existing {
            (yaml, updated) = DeckYAMLWriter.replacing(changed, in: existing.text)
            yaml = try DeckYAMLWriter.appending(added, to: yaml, path: displayPath)
        } else {
            yaml = DeckYAMLWriter.newDeck(id: id, name: deckName, source: displayPath, cards: added)
        }
        // Nothing is written unless the result loads: the importer must never produce a broken deck.
        if !added.isEmpty || !updated.isEmpty {
            var deck = existing?.deck ?? Deck(id: id, name: deckName, path: file.path)
            let replacements = Dictionary(
                updated.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            deck.freeCards = deck.freeCards.map { replacements[$0.id] ?? $0 } + added
            notes += try Self.validate(deck, adding: added + updated)
        }
        var ids = Self.cardIDs(of: fresh, deckID: id)
        for card in returning {
            if let note = card.noteID, let guid = card.guid {
                ids[.init(note: note, ord: card.ankiOrd ?? 0)] = CardID(stored: guid)
            }
        }
        var flags: [String: CardFlags] = [:]
        for (key, value) in read.flags {
            if let card = ids[key] { flags[card.rawValue] = value }
        }
        // A card buried in Anki stays out of study until the learner's next day, as in Anki.
        let endOfDay = StudyCalendar(
            timeZone: timeZone, rolloverHour: read.rolloverHour ?? StudyCalendar.defaultRolloverHour
        ).endOfDay(
            containing: now)
        for key in read.buried {
            if let card = ids[key] { flags[card.rawValue, default: CardFlags()].buriedUntil = endOfDay }
        }
        return Plan(
            format: format, deckID: id, deckName: deckName, file: file, isNewFile: existing == nil,
            added: added, alreadyPresent: cards.count - added.count - updated.count, updated: updated,
            notes: notes, yaml: yaml,
            reviews: Self.reviews(read.reviews, cardIDs: ids),
            dueChanges: Self.dueChanges(read.dueChanges, cardIDs: ids), flags: flags, report: read.report,
            dayBoundary: read.rolloverHour.map {
                SchedulerSettings.DayBoundary(timeZone: timeZone.identifier, rolloverHour: $0)
            }, fsrs: read.fsrs, media: read.media, mediaFolder: DeckMedia.folder(forDeckFile: file))
    }

    /// Whether an imported card says something other than the deck's card of the same id.
    static func differs(_ old: FreeCard, _ new: FreeCard) -> Bool {
        old.content != new.content || old.choices != new.choices || old.tags != new.tags
            || old.extra != new.extra
    }

    /// The free-form cards of what was read: without cards that have no back, or repeat an id.
    static func freeCards(from read: [ImportedCard], deckName: String?) -> (
        cards: [FreeCard], notes: [String]
    ) {
        var notes: [String] = []
        var seen: Set<String> = []
        var cards: [FreeCard] = []
        var withoutBack = 0
        var duplicates = 0
        for var imported in read {
            // A source that only repeats the deck's name (an Anki deck) says nothing.
            if imported.source == deckName { imported.source = nil }
            let card = imported.freeCard
            if case .question(_, let answer, _) = card.content, answer.isEmpty {
                withoutBack += 1
                continue
            }
            guard seen.insert(card.id).inserted else {
                duplicates += 1
                continue
            }
            cards.append(card)
        }
        if withoutBack > 0 {
            notes.append("skipped \(withoutBack) card\(withoutBack == 1 ? "" : "s") without a back")
        }
        if duplicates > 0 {
            notes.append(
                "skipped \(duplicates) repeated card\(duplicates == 1 ? "" : "s") (same id twice in the file)"
            )
        }
        return (cards, notes)
    }

    /// Checks the deck as the file will hold it with the loader's own rules (`DeckValidator`),
    /// built in memory: the file is what `DeckYAMLWriter` writes of these cards, every text
    /// double-quoted and escaped, and its round trip through the loader is tested (the import
    /// fuzz tests load what they write), so parsing 20,000 cards back is not repeated on each
    /// import. Returns a note for each added card the generator will not ask (e.g. a front that
    /// gives its answer away).
    /// - Throws: `InterchangeError.invalidResult` if the deck would not load.
    static func validate(_ deck: Deck, adding added: [FreeCard]) throws(InterchangeError) -> [String] {
        let errors = DeckValidator(deck: deck).diagnostics().filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw .invalidResult(DeckError.invalid(errors).errorDescription ?? "the deck does not load")
        }
        let deckID = deck.id
        let addedIDs = Set(added.map { CardID.free(deck: deckID, card: $0.id).rawValue })
        return QuestionGenerator().generate(deck).warnings.map(\.message).filter {
            names(addedIDs, in: $0)
        }
    }

    /// Whether `message` quotes one of `ids` (`'id'`, or `'id.…` for one of its presentations).
    /// Each quoted span is looked up, so the cost is the message's length, not the number of ids
    /// (searching every warning for every added id took minutes for 10,000 repeated questions).
    static func names(_ ids: Set<String>, in message: String) -> Bool {
        let pieces = message.split(separator: "'", omittingEmptySubsequences: false)
        for (position, piece) in pieces.enumerated().dropFirst() {
            if position < pieces.count - 1, ids.contains(String(piece)) { return true }
            for dot in piece.indices where piece[dot] == "." {
                if ids.contains(String(piece[..<dot])) { return true }
            }
        }
        return false
    }

    /// Writes the planned deck file atomically (through `OutputFile`) and copies the media beside
    /// it (a file already there is kept); does nothing to the deck file when no card is added.
    public func apply(_ plan: Plan) throws(InterchangeError) {
        if !plan.media.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    at: plan.mediaFolder, withIntermediateDirectories: true)
                for file in plan.media {
                    let target = plan.mediaFolder.appendingPathComponent(file.name)
                    if FileManager.default.fileExists(atPath: target.path) { continue }
                    try file.data.write(to: target, options: .withoutOverwriting)
                }
            } catch {
                throw .io(path: plan.mediaFolder.path, reason: DeckLoader.reason(error))
            }
        }
        guard !plan.added.isEmpty || !plan.updated.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(
                at: plan.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .io(path: plan.file.path, reason: DeckLoader.reason(error))
        }
        try OutputFile.write(Data(plan.yaml.utf8), to: plan.file)
    }

    /// Whether `recordReviews` will give the profile the package's FSRS parameters (and desired
    /// retention): the profile has no history of its own and the package's preset differs.
    public func takesParameters(of plan: Plan, into store: ProgressStore) -> Bool {
        guard store.profile.reviews.isEmpty, !plan.reviews.isEmpty,
            let adopted = plan.fsrs?.applied(to: store.profile.settings)
        else { return false }
        return adopted != store.profile.settings
    }

    /// Adds the plan's review history to a learner's profile and reschedules those cards with the
    /// profile's FSRS: a merge, so reviews the profile already has (an earlier import) count once.
    /// - Returns: how many reviews were new to the profile.
    public func recordReviews(of plan: Plan, in store: ProgressStore) throws -> Int {
        let known = Set(store.profile.reviews.map(\.id))
        let fresh = plan.reviews.filter { !known.contains($0.id) }
        let knownChanges = Set(store.profile.dueChanges.map(\.id))
        let freshChanges = plan.dueChanges.filter { !knownChanges.contains($0.id) }
        if !fresh.isEmpty || !freshChanges.isEmpty {
            // A profile that counts 24-hour periods moves to Anki's calendar days, so the history
            // keeps the stabilities Anki gave it.
            var settings = store.profile.settings
            if let boundary = plan.dayBoundary, settings.dayBoundary == nil {
                settings.dayBoundary = boundary
            }
            // A profile with no history of its own takes the parameters Anki scheduled this one
            // with, so each card's memory state comes out as Anki's.
            if takesParameters(of: plan, into: store), let adopted = plan.fsrs?.applied(to: settings) {
                settings = adopted
            }
            if settings != store.profile.settings { try store.updateSettings(settings) }
            let scheduler = try Scheduler(settings: store.profile.settings)
            // The due changes first, as journal lines (durable, and what repair salvages); then the
            // answers, whose merge replays every card with both and saves the snapshot.
            try store.record(freshChanges, using: scheduler)
            if !fresh.isEmpty {
                try store.merge(
                    Profile(name: store.profileName, settings: store.profile.settings, reviews: fresh),
                    using: scheduler)
            }
        }
        for (cardID, flags) in plan.flags.sorted(by: { $0.key < $1.key }) {
            var merged = store.profile.flags(of: cardID)
            let before = merged
            if flags.isSuspended { merged.isSuspended = true }
            if let until = flags.buriedUntil, until > (merged.buriedUntil ?? .distantPast) {
                merged.buriedUntil = until
            }
            guard merged != before else { continue }
            try store.setFlags(merged, for: cardID)
        }
        return fresh.count
    }

    /// The deck's card id of each imported Anki card: template card `n` of a note is its own free
    /// card; cloze number n of a cloze note is card `….cn` of the note's passage.
    static func cardIDs(of cards: [ImportedCard], deckID: String) -> [AnkiPackageReader.CardKey: CardID] {
        var ids: [AnkiPackageReader.CardKey: CardID] = [:]
        for card in cards {
            guard let note = card.noteID else { continue }
            switch card.freeCard.content {
            case .cloze(let text):
                guard case .success(let cloze) = Cloze.parse(text) else { continue }
                for number in cloze.numbers {
                    ids[.init(note: note, ord: Int64(number - 1))] = .free(
                        deck: deckID, card: card.id, gap: number)
                }
            case .question:
                ids[.init(note: note, ord: card.ankiOrd ?? 0)] = .free(deck: deckID, card: card.id)
            }
        }
        return ids
    }

    /// Anki's due dates as due changes of the deck's cards (`cardIDs`); skipped cards' are dropped.
    static func dueChanges(_ imported: [ImportedDueChange], cardIDs: [AnkiPackageReader.CardKey: CardID])
        -> [DueChange]
    {
        imported.compactMap { change in
            guard let cardID = cardIDs[.init(note: change.noteID, ord: change.ord)] else { return nil }
            return DueChange(
                id: "anki-due-\(change.revlogID)-\(change.noteID)-\(change.ord)", cardID: cardID.rawValue,
                changedAt: change.at, due: change.due, interval: change.interval, ease: change.ease)
        }
    }

    /// Anki reviews as reviews of the deck's cards (`cardIDs`); reviews of skipped cards are dropped.
    static func reviews(_ imported: [ImportedReview], cardIDs: [AnkiPackageReader.CardKey: CardID])
        -> [Review]
    {
        imported.compactMap { review in
            guard let cardID = cardIDs[.init(note: review.noteID, ord: review.ord)] else { return nil }
            return Review(
                id: "anki-\(review.revlogID)-\(review.noteID)-\(review.ord)", cardID: cardID.rawValue,
                reviewedAt: review.at,
                rating: review.rating, answer: "", verdict: review.rating == .again ? .wrong : .correct,
                duration: review.seconds)
        }
    }

    /// The format from the file name, else from the first bytes.
    static func format(of url: URL, displayPath: String) throws(InterchangeError) -> Format {
        switch url.pathExtension.lowercased() {
        case "apkg", "colpkg": return .apkg
        case "tsv", "txt": return .tsv
        case "csv": return .csv
        case "md", "markdown": return .md
        default:
            let head = (try? FileHandle(forReadingFrom: url)).flatMap { try? $0.read(upToCount: 4) } ?? Data()
            if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .apkg }
            throw .unknownFormat(path: displayPath)
        }
    }

    static func read(_ url: URL, format: Format, displayPath: String) throws(InterchangeError) -> (
        cards: [ImportedCard], deckName: String?, reviews: [ImportedReview],
        flags: [AnkiPackageReader.CardKey: CardFlags], buried: Set<AnkiPackageReader.CardKey>,
        report: ImportReport?, rolloverHour: Int?, skippedLines: [Int], media: [(name: String, data: Data)],
        fsrs: AnkiFSRSConfig?, dueChanges: [ImportedDueChange]
    ) {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
                throw InterchangeError.io(path: displayPath, reason: "it is a folder")
            }
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch let error as InterchangeError {
            throw error
        } catch {
            throw .io(path: displayPath, reason: DeckLoader.reason(error))
        }
        guard size <= maximumFileSize else {
            throw .tooLarge(path: displayPath, bytes: size, limit: maximumFileSize)
        }
        if format == .apkg {
            let result = try AnkiPackageReader(path: displayPath).read(url)
            return (
                result.cards, result.deckName, result.reviews, result.flags, result.buried, result.report,
                result.rolloverHour, [], result.media, result.fsrs, result.dueChanges
            )
        }
        let text = try readText(url, displayPath: displayPath)
        switch format {
        case .md:
            let result = try MarkdownReader(path: displayPath).read(text)
            return (result.cards, result.deckName, [], [:], [], nil, nil, [], [], nil, [])
        default:
            let reader = DelimitedTextReader(path: displayPath, separatorHint: format == .csv ? "," : nil)
            let result = try reader.read(text)
            return (
                result.cards, result.deckName, [], [:], [], result.report, nil, result.skippedLines, [], nil,
                []
            )
        }
    }

    /// The file as UTF-8 text (a byte-order mark dropped), or where it stops being UTF-8.
    static func readText(_ url: URL, displayPath: String) throws(InterchangeError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .io(path: displayPath, reason: DeckLoader.reason(error))
        }
        guard data.count <= maximumFileSize else {
            throw .tooLarge(path: displayPath, bytes: data.count, limit: maximumFileSize)
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
            let bad = bytes.firstIndex(of: 0) ?? DeckLoader.firstInvalidUTF8(bytes)
            throw .notUTF8(path: displayPath, line: DeckLoader.location(ofByte: bad, in: bytes).line)
        }
        return text
    }

    /// The deck already in the file, with its text, or nil when there is no file.
    static func existingDeck(_ file: URL) throws(InterchangeError) -> (deck: Deck, text: String)? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            let deck = try DeckLoader().load(contentsOf: file)
            let text = try readText(file, displayPath: file.path)
            return (deck, text)
        } catch let error as DeckError {
            throw .invalidResult(
                "the deck file '\(file.path)' has errors; fix them first:\n\(error.errorDescription ?? "")")
        } catch let error as InterchangeError {
            throw error
        } catch {
            throw .io(path: file.path, reason: DeckLoader.reason(error))
        }
    }

    /// `Anki export (2)` → `anki-export-2`.
    static func deckID(fromFileName name: String) -> String {
        var id = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "_.".unicodeScalars.contains(scalar)
            {
                id.unicodeScalars.append(scalar)
            } else if !id.hasSuffix("-") {
                id += "-"
            }
        }
        let trimmed = id.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return trimmed.isEmpty ? "imported" : String(trimmed.prefix(60))
    }
}
