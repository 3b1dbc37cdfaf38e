import Foundation

/// A due date Anki set on a card, before it becomes a `DueChange` of an imported card.
struct ImportedDueChange: Sendable, Hashable {
    /// The revlog row after which the card has this due date (part of the change's stable id).
    var revlogID: Int64
    var noteID: Int64
    var ord: Int64
    var at: Date
    var due: Date
    /// The SM-2 interval and ease a "Set due date" made with FSRS off gave a card never answered.
    var interval: Int? = nil
    var ease: Double? = nil
}

extension AnkiPackageReader {
    /// The start of the collection's day 0, seconds: review cards' `due` counts Anki's days (at
    /// the rollover hour, in the time zone the collection was created in) from it.
    func dayCalendar(_ db: SQLiteDatabase, tables: Set<String>) throws(InterchangeError) -> Int64 {
        let creation = try db.query("SELECT crt FROM col LIMIT 1").first?.first?.integer ?? 0
        var offsetMinutes: Int64 = 0
        if tables.contains("config"),
            let text = try db.query("SELECT val FROM config WHERE KEY = 'creationOffset'").first?.first?.text,
            let minutes = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            offsetMinutes = minutes
        } else if let conf = try db.query("SELECT conf FROM col LIMIT 1").first?.first?.text,
            let object = try? JSONSerialization.jsonObject(with: Data(conf.utf8)) as? [String: Any],
            let minutes = object["creationOffset"] as? Int
        {
            offsetMinutes = Int64(minutes)
        }
        offsetMinutes = max(-24 * 60, min(offsetMinutes, 24 * 60))
        let rollover = Int64(try rolloverHour(db, tables: tables)) * 3600
        let local = creation - offsetMinutes * 60 - rollover
        let dayStart = local - ((local % 86_400) + 86_400) % 86_400
        return dayStart + rollover + offsetMinutes * 60
    }

    /// Whether a card's `data` holds an FSRS memory state (both `s` and `d`, as Anki requires).
    static func hasMemoryState(_ data: String?) -> Bool {
        guard let data, !data.isEmpty,
            let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any]
        else { return false }
        return object["s"] is NSNumber && object["d"] is NSNumber
    }

    /// The due dates to keep: a card whose last change in the log is a "Set due date" (a manual row
    /// that is not a "Forget") keeps the due date Anki has for it (a card never answered becomes a
    /// review card, as in Anki), and so does a card of `keepsAnswersDue` (Anki scheduled it with
    /// FSRS; not in recall's own export) whose last change is an answer or a reschedule: Anki's
    /// own schedule, fuzz included. Other cards' due dates are recomputed from the log.
    ///
    /// An earlier "Set due date", which a later answer overrides, is kept only when it made a card
    /// never answered a review card (the answer then starts its memory state as Anki does, with no
    /// learning steps); others are counted as skipped.
    static func dueChanges(
        _ db: SQLiteDatabase, cards: [Int64: CardKey], due: [Int64: Int64], calendar dayZero: Int64,
        keepsAnswersDue: Set<Int64>, report: inout ImportReport
    ) throws(InterchangeError) -> [ImportedDueChange] {
        struct Last {
            var id: Int64
            var manual: Bool
            /// A manual row on a card not answered (since its last "Forget"): its interval in days.
            var makesReviewCard: Int64?
            /// Its factor, when it was made with FSRS off (an interval of a day or more).
            var factor: Int64 = 0

            /// The SM-2 interval and ease Anki infers a memory state from, for a card never answered.
            var sm2: (interval: Int?, ease: Double?) {
                guard let days = makesReviewCard, days >= 1, factor > 0, let interval = Int(exactly: days)
                else {
                    return (nil, nil)
                }
                return (interval, Double(factor) / 1000)
            }
        }
        var last: [Int64: Last] = [:]
        var answered: Set<Int64> = []
        var overridden = 0
        // Manual rows that made a card a review card before an answer, by Anki card id.
        var conversions: [Int64: [ImportedDueChange]] = [:]
        try db.forEachRow("SELECT id, cid, ease, type, factor, ivl FROM revlog ORDER BY id") {
            row throws(InterchangeError) in
            guard let id = row[0].integer, let cardID = row[1].integer, let key = cards[cardID] else {
                return
            }
            let ease = row[2].integer ?? 0
            let type = row[3].integer ?? -1
            let factor = row[4].integer ?? 0
            let interval = row[5].integer ?? 0
            if type != 5 && (type == 4 || ease == 0) {
                if last[cardID]?.manual == true { overridden += 1 }
                if ease == 0 && interval == 0 && factor == 0 {
                    // The card's old life, answers and all, is gone: so is what made it a review card.
                    overridden += conversions.removeValue(forKey: cardID)?.count ?? 0
                    last[cardID] = nil
                    answered.remove(cardID)
                    return
                }
                last[cardID] = Last(
                    id: id, manual: true, makesReviewCard: answered.contains(cardID) ? nil : max(0, interval),
                    factor: factor)
                return
            }
            guard
                type == 5 || ((0...3).contains(type) && !(type == 3 && factor == 0) && (1...4).contains(ease))
            else { return }
            if let previous = last[cardID], previous.manual {
                if let days = previous.makesReviewCard, type != 5 {
                    // Due on the day the row set (an interval of 0 with FSRS on: the answer follows).
                    let at = Double(previous.id) / 1000
                    conversions[cardID, default: []].append(
                        ImportedDueChange(
                            revlogID: previous.id, noteID: key.note, ord: key.ord,
                            at: Date(timeIntervalSince1970: at),
                            due: Date(timeIntervalSince1970: at + Double(days) * 86_400),
                            interval: previous.sm2.interval, ease: previous.sm2.ease))
                } else {
                    overridden += 1
                }
            }
            last[cardID] = Last(id: id, manual: false)
            if type != 5 { answered.insert(cardID) }
        }
        for _ in 0..<overridden { report.skipReview("a 'Set due date' a later answer overrides") }
        var changes = conversions.values.flatMap { $0 }.sorted { $0.revlogID < $1.revlogID }
        report.dueDatesSet += changes.count
        for (cardID, row) in last.sorted(by: { $0.value.id < $1.value.id }) {
            guard let key = cards[cardID] else { continue }
            // A card never answered (or not since a "Forget") that was given a due date is a
            // review card in Anki, without a memory state: the change makes it one in recall.
            guard row.manual || answered.contains(cardID), let day = due[cardID] else {
                if row.manual { report.skipReview("a 'Set due date' on a card Anki does not have as due") }
                continue
            }
            guard row.manual || keepsAnswersDue.contains(cardID) else { continue }
            // Intraday relearning cards' `due` is a time in seconds, others' a day number.
            let seconds = day > 1_000_000_000 ? day : dayZero + day * 86_400
            if row.manual { report.dueDatesSet += 1 } else { report.dueDatesKept += 1 }
            changes.append(
                ImportedDueChange(
                    revlogID: row.id, noteID: key.note, ord: key.ord,
                    at: Date(timeIntervalSince1970: Double(row.id) / 1000),
                    due: Date(timeIntervalSince1970: Double(seconds)), interval: row.sm2.interval,
                    ease: row.sm2.ease))
        }
        return changes
    }
}
