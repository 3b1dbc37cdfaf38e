import Foundation

/// Reads an Anki package (`.apkg`/`.colpkg`, both generations): every card of every note,
/// rendered from its note type's templates, with its review history and suspension.
///
/// The zip is read with limits (`SafeZip`), the collection is decompressed with a limit (zstd in
/// current packages) and opened read-only in memory with bounds on what a query may read and
/// compute (`SQLiteDatabase(untrusted:)`); rows are streamed, not gathered. A package whose
/// collection recall cannot read is refused with the reason, never read as "0 cards".
struct AnkiPackageReader {
    let path: String
    /// The most notes read from one package.
    static let maximumNotes = 200_000
    /// The most cards read from one package.
    static let maximumCards = 1_000_000
    /// The largest collection extracted (after decompression).
    static let maximumCollectionBytes = 256 * 1024 * 1024
    /// The most review-log rows read from one package.
    static let maximumReviews = 2_000_000

    /// One Anki card: its note and template (or cloze number − 1).
    struct CardKey: Hashable {
        var note: Int64
        var ord: Int64
    }

    struct Result {
        var cards: [ImportedCard]
        var deckName: String?
        /// The review log, for `recall import --with-progress`.
        var reviews: [ImportedReview] = []
        /// The due dates Anki set: a card's due date after its last "Set due date", or after its
        /// last answer (Anki's own schedule), for replay to keep.
        var dueChanges: [ImportedDueChange] = []
        /// Suspended cards, by Anki card.
        var flags: [CardKey: CardFlags] = [:]
        /// Cards buried in Anki (by hand or as siblings): buried until the learner's next day.
        var buried: Set<CardKey> = []
        /// What was read and skipped, for the summary.
        var report = ImportReport()
        /// The hour Anki's days start at in this collection ("next day starts at", default 4); nil
        /// for recall's own export, whose history was scheduled on 24-hour periods.
        var rolloverHour: Int? = 4
        /// The FSRS parameters Anki scheduled the history with, when the package says.
        var fsrs: AnkiFSRSConfig?
        /// The media files, by name, to copy beside the deck.
        var media: [(name: String, data: Data)] = []
        /// The start of the collection's day 0 (seconds): Anki's due days count from it.
        var dayZero: Int64 = 0
    }

    func read(_ url: URL) throws(InterchangeError) -> Result {
        let zip = try SafeZip(url: url, displayPath: path)
        let member = try collectionMember(zip)
        var data = try zip.data(member, limit: Self.maximumCollectionBytes)
        if member == "collection.anki21b" || Zstd.isCompressed(data) {
            data = try Zstd.decompress(data, limit: Self.maximumCollectionBytes, path: path, member: member)
        }
        guard data.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw .corruptDatabase("'\(member)' in '\(path)' is not an SQLite database")
        }
        var result = try readCollection(data, member: member)
        result.media = try media(zip, compressed: member == "collection.anki21b")
        result.report.media = result.media.count
        return result
    }

    /// The most bytes of media copied from one package.
    static let maximumMediaBytes = 256 * 1024 * 1024

    /// The package's media files, by their names (only names that are plain file names).
    func media(_ zip: SafeZip, compressed: Bool) throws(InterchangeError) -> [(name: String, data: Data)] {
        var files: [(name: String, data: Data)] = []
        var total = 0
        for (index, name) in try mediaNames(zip).enumerated() {
            let member = name.member ?? String(index)
            guard Self.isPlainFileName(name.file), zip.entries[member] != nil else { continue }
            var data = try zip.data(member, limit: Self.maximumMediaBytes - total)
            if compressed || Zstd.isCompressed(data) {
                data = try Zstd.decompress(
                    data, limit: Self.maximumMediaBytes - total, path: path, member: member)
            }
            total += data.count
            files.append((name.file, data))
        }
        return files
    }

    /// A media name Anki accepts (`filename_is_safe`): no folders, no `..`, nothing hidden.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 255 && !name.contains("/") && !name.contains("\\")
            && !name.hasPrefix(".") && !name.contains("\0")
    }

    /// The collection inside, as Anki chooses it (`meta.rs`): by the `meta` version when there is
    /// one, else `collection.anki21` before `collection.anki2`.
    func collectionMember(_ zip: SafeZip) throws(InterchangeError) -> String {
        if zip.entries["meta"] != nil {
            let meta = try zip.data("meta", limit: 4096)
            let version =
                ProtobufReader.fields([UInt8](meta)).flatMap { ProtobufReader.varint(1, in: $0) } ?? 0
            switch version {
            case 1: return "collection.anki2"
            case 2: return "collection.anki21"
            case 3: return "collection.anki21b"
            default:
                throw .notAnkiPackage(
                    path: path,
                    reason:
                        "it was written by an Anki newer than recall knows (package version \(version)); export it again with 'Support older Anki versions' ticked"
                )
            }
        }
        for member in ["collection.anki21b", "collection.anki21", "collection.anki2"]
        where zip.entries[member] != nil {
            return member
        }
        throw .notAnkiPackage(
            path: path, reason: "there is no collection.anki21b, collection.anki21 or collection.anki2 inside"
        )
    }

    /// The media files the package carries: the legacy JSON map (member name → file name) or the
    /// current zstd protobuf list (member `i` is entry `i`).
    func mediaNames(_ zip: SafeZip) throws(InterchangeError) -> [(member: String?, file: String)] {
        guard zip.entries["media"] != nil else { return [] }
        var data = try zip.data("media", limit: 64 * 1024 * 1024)
        if Zstd.isCompressed(data) {
            data = try Zstd.decompress(data, limit: 64 * 1024 * 1024, path: path, member: "media")
            // MediaEntries { repeated MediaEntry entries = 1 { string name = 1; ... } }
            let names = (ProtobufReader.fields([UInt8](data)) ?? []).map { field -> String in
                guard field.number == 1, case .bytes(let entry) = field.value else { return "" }
                return ProtobufReader.fields(entry).flatMap { ProtobufReader.string(1, in: $0) } ?? ""
            }
            return names.map { (nil, $0) }
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] else {
            return []
        }
        return object.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map { ($0.key, $0.value) }
    }

    func readCollection(_ data: Data, member: String = "collection") throws(InterchangeError) -> Result {
        let db = try SQLiteDatabase(untrusted: data)
        var tables: Set<String> = []
        try db.forEachRow("SELECT name FROM sqlite_master WHERE type = 'table'") {
            row throws(InterchangeError) in
            if let name = row[0].text { tables.insert(name) }
        }
        guard tables.isSuperset(of: ["col", "notes", "cards"]) else {
            throw .corruptDatabase("'\(path)' has no Anki tables (col, notes, cards)")
        }
        let types = try AnkiNoteType.all(in: db, tables: tables)
        let decks = try AnkiDeck.all(in: db, tables: tables)
        var report = ImportReport()

        var notes: [Int64: Note] = [:]
        try db.forEachRow("SELECT id, guid, mid, flds, tags, mod FROM notes") {
            row throws(InterchangeError) in
            guard let id = row[0].integer else { return }
            report.notesRead += 1
            guard report.notesRead <= Self.maximumNotes else {
                throw .zipBomb(path: path, reason: "it holds more than \(Self.maximumNotes) notes")
            }
            notes[id] = Note(
                guid: row[1].text ?? "", type: row[2].integer ?? 0,
                fields: (row[3].text ?? "").split(separator: "\u{1F}", omittingEmptySubsequences: false)
                    .map(String.init),
                tags: (row[4].text ?? "").split(separator: " ").map(String.init),
                modified: row[5].integer.map { Int(clamping: $0) })
        }
        if notes.count == 1, let only = notes.values.first,
            only.fields.joined().localizedCaseInsensitiveContains("please update to the latest Anki")
        {
            throw .notAnkiPackage(
                path: path,
                reason:
                    "its '\(member)' is the placeholder Anki writes for old versions (\"please update\"), and it holds no newer collection recall can read"
            )
        }

        var builder = AnkiCardRenderer(path: path, types: types, notes: notes)
        var flags: [CardKey: CardFlags] = [:]
        var buried: Set<CardKey> = []
        var cardKeys: [Int64: CardKey] = [:]
        var deckCounts: [String: Int] = [:]
        var ankiDue: [Int64: Int64] = [:]
        var scheduledByFSRS: Set<Int64> = []
        try db.forEachRow(
            "SELECT id, nid, did, odid, ord, queue, flags, type, due, odue, data FROM cards ORDER BY nid, ord"
        ) {
            row throws(InterchangeError) in
            guard let id = row[0].integer, let note = row[1].integer, let ord = row[4].integer else { return }
            report.cardsRead += 1
            guard report.cardsRead <= Self.maximumCards else {
                throw .zipBomb(path: path, reason: "it holds more than \(Self.maximumCards) cards")
            }
            // A card in a filtered deck belongs to its home deck (odid).
            let home = row[3].integer.flatMap { $0 != 0 ? $0 : nil } ?? row[2].integer ?? 0
            let deck = decks[home].flatMap { $0.isFiltered ? nil : $0.name }
            if let deck { deckCounts[deck, default: 0] += 1 }
            let key = CardKey(note: note, ord: ord)
            // Anki's flag colours are the low 3 bits of `cards.flags`.
            let colour = Int((row[6].integer ?? 0) & 7)
            if builder.add(key, deck: deck, flag: colour) {
                cardKeys[id] = key
                // Review and relearning cards' due day (the home deck's, `odue`, in a filtered one).
                if let type = row[7].integer, type == 2 || type == 3 {
                    let original = row[9].integer ?? 0
                    if let due = original != 0 ? original : row[8].integer { ankiDue[id] = due }
                    if Self.hasMemoryState(row[10].text) { scheduledByFSRS.insert(id) }
                }
                switch row[5].integer ?? 0 {
                case -1: flags[key] = CardFlags(isSuspended: true)
                case -2, -3: buried.insert(key)
                default: break
                }
            }
        }
        let cards = builder.finish(into: &report)
        let reviews = tables.contains("revlog") ? try reviewLog(db, cards: cardKeys, report: &report) : []
        let ownExport = types.values.allSatisfy { $0.fields == AnkiPackageWriter.fieldNames }
        // recall's own export counts due days from `crt`, a UTC midnight, with no rollover hour.
        let dayZero =
            ownExport
            ? try db.query("SELECT crt FROM col LIMIT 1").first?.first?.integer ?? 0
            : try dayCalendar(db, tables: tables)
        let dueChanges =
            tables.contains("revlog")
            ? try Self.dueChanges(
                db, cards: cardKeys, due: ankiDue, calendar: dayZero,
                keepsAnswersDue: ownExport ? [] : scheduledByFSRS, report: &report) : []
        let mainDeck = deckCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        let fsrs = try AnkiFSRSConfig.read(db, tables: tables)
        return Result(
            cards: cards, deckName: mainDeck, reviews: reviews, dueChanges: dueChanges, flags: flags,
            buried: buried, report: report,
            rolloverHour: ownExport ? nil : try rolloverHour(db, tables: tables), fsrs: fsrs, dayZero: dayZero
        )
    }

    /// The collection's rollover hour: the `config` table (schema 18) or `col.conf` (legacy).
    func rolloverHour(_ db: SQLiteDatabase, tables: Set<String>) throws(InterchangeError) -> Int {
        var text: String?
        if tables.contains("config") {
            text = try db.query("SELECT val FROM config WHERE KEY = 'rollover'").first?.first?.text
        }
        if text == nil, let conf = try db.query("SELECT conf FROM col LIMIT 1").first?.first?.text,
            let object = try? JSONSerialization.jsonObject(with: Data(conf.utf8)) as? [String: Any],
            let hour = object["rollover"] as? Int
        {
            text = String(hour)
        }
        guard let text, let hour = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)),
            (0...23).contains(hour)
        else { return 4 }
        return hour
    }

    struct Note {
        var guid: String
        var type: Int64
        var fields: [String]
        var tags: [String]
        /// `notes.mod`, seconds.
        var modified: Int?
    }

    /// Answers from the review log, card by card in time order: learning, review, relearning and
    /// filtered-deck answers. Filtered-deck previews (type 3, factor 0) are not answers, as in
    /// fsrs-rs's Anki reader; "Forget" (a manual row with ease 0 and interval 0) drops the answers
    /// before it; other manual and rescheduling rows are not answers.
    private func reviewLog(
        _ db: SQLiteDatabase, cards: [Int64: CardKey], report: inout ImportReport
    ) throws(InterchangeError) -> [ImportedReview] {
        var reviews: [ImportedReview] = []
        var firstOfCard: [Int64: Int] = [:]
        var resetAt: [Int64: Int] = [:]
        try db.forEachRow("SELECT id, cid, ease, time, type, factor, ivl FROM revlog ORDER BY id") {
            row throws(InterchangeError) in
            guard let id = row[0].integer, let cardID = row[1].integer else { return }
            report.reviewsRead += 1
            guard report.reviewsRead <= Self.maximumReviews else {
                throw .zipBomb(path: path, reason: "it holds more than \(Self.maximumReviews) reviews")
            }
            guard let card = cards[cardID] else {
                report.skipReview("of a card not imported")
                return
            }
            let ease = row[2].integer ?? 0
            let type = row[4].integer ?? -1
            let factor = row[5].integer ?? 0
            // A reschedule (Anki's FSRS moving cards after a change of options) has ease 0 too.
            if type == 5 {
                report.skipReview("a reschedule")
                return
            }
            if type == 4 || ease == 0 {
                if ease == 0 && (row[6].integer ?? 0) == 0 && factor == 0 {
                    resetAt[cardID] = reviews.count
                    report.skipReview("a 'Forget' (reset to new)")
                }
                // A "Set due date": `dueChanges` applies the card's last one.
                return
            }
            if type == 3 && factor == 0 {
                report.skipReview("a filtered-deck preview")
                return
            }
            guard (0...3).contains(type), let rating = Rating(rawValue: Int(ease)), id > 0 else {
                report.skipReview("an unknown kind of row")
                return
            }
            if firstOfCard[cardID] == nil { firstOfCard[cardID] = reviews.count }
            let milliseconds = max(0, min(row[3].integer ?? 0, 3_600_000))
            reviews.append(
                ImportedReview(
                    revlogID: id, noteID: card.note, ord: card.ord, ankiCardID: cardID,
                    at: Date(timeIntervalSince1970: Double(id) / 1000),
                    rating: rating, seconds: Double(milliseconds) / 1000))
        }
        guard !resetAt.isEmpty else { return reviews }
        // Answers before a card's last reset are that card's old life: Anki starts it anew.
        var kept: [ImportedReview] = []
        for (index, review) in reviews.enumerated() {
            if let reset = resetAt[review.ankiCardID], index < reset {
                report.skipReview("answered before a 'Forget'")
                continue
            }
            kept.append(review)
        }
        return kept
    }
}

/// What an import read, kept and skipped, for the summary (`--verbose` lists each skipped item).
public struct ImportReport: Sendable, Equatable {
    public var notesRead = 0
    public var cardsRead = 0
    public var cardsImported = 0
    public var reviewsRead = 0
    public var media = 0
    /// "Set due date" rows applied: each moves its card to the due date Anki gave it.
    public var dueDatesSet = 0
    /// Cards whose due date after their last answer is Anki's own (its fuzz included).
    public var dueDatesKept = 0
    /// Skipped cards and reviews, by reason.
    public var skippedCards: [String: Int] = [:]
    public var skippedReviews: [String: Int] = [:]
    /// Each skipped card: where it was and why.
    public var details: [String] = []
    /// A text export's: it has no review log or media to count.
    var isText = false
    /// Notes of a text export whose note type recall does not know (a text export does not carry
    /// the templates), by type name: read as field 1 the question, field 2 the answer.
    var unknownNoteTypes: [String: Int] = [:]

    public init() {}

    mutating func skipCard(_ reason: String, _ detail: String) {
        skippedCards[reason, default: 0] += 1
        details.append("\(detail): \(reason)")
    }

    mutating func skipReview(_ reason: String) {
        skippedReviews[reason, default: 0] += 1
    }

    public var reviewsSkipped: Int { skippedReviews.values.reduce(0, +) }

    /// The summary lines: counts, then skipped items by reason.
    public var lines: [String] {
        var lines = [
            isText
                ? "read \(notesRead) note\(notesRead == 1 ? "" : "s") and \(cardsRead) card\(cardsRead == 1 ? "" : "s")"
                : "read \(notesRead) note\(notesRead == 1 ? "" : "s"), \(cardsRead) card\(cardsRead == 1 ? "" : "s"), \(reviewsRead) review\(reviewsRead == 1 ? "" : "s") and \(media) media file\(media == 1 ? "" : "s")"
        ]
        let unknown = unknownNoteTypes.values.reduce(0, +)
        if unknown > 0 {
            let sorted = unknownNoteTypes.keys.sorted()
            let names =
                sorted.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (sorted.count > 5 ? ", …" : "")
            lines.append(
                "\(unknown) note\(unknown == 1 ? "" : "s") of a note type recall does not know (\(names)): field 1 taken as the question, field 2 as the answer"
            )
        }
        func reasons(_ counts: [String: Int]) -> String {
            counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }
                .joined(separator: ", ")
        }
        if dueDatesSet > 0 {
            lines.append(
                "applied \(dueDatesSet) 'Set due date' row\(dueDatesSet == 1 ? "" : "s"): \(dueDatesSet == 1 ? "its card is" : "their cards are") due when Anki has \(dueDatesSet == 1 ? "it" : "them")"
            )
        }
        let cards = skippedCards.values.reduce(0, +)
        if cards > 0 {
            lines.append("skipped \(cards) card\(cards == 1 ? "" : "s"): \(reasons(skippedCards))")
        }
        if reviewsSkipped > 0 {
            lines.append(
                "skipped \(reviewsSkipped) review-log row\(reviewsSkipped == 1 ? "" : "s"): \(reasons(skippedReviews))"
            )
        }
        return lines
    }
}
