import Foundation

/// The journal `<profile>.journal.jsonl`: one JSON line per change since the snapshot, appended
/// and fsynced before the learner sees the next card.
///
/// A line is `{"seq":N,"review":{…},"state":{…}}` for an answer or `{"seq":N,"card":"…","flags":{…}}`
/// for a change of flags, or `{"seq":N,"undo":"<review id>","state":{…}}` for an answer taken back
/// (the review leaves the log and the card returns to the state it had before it), or
/// `{"seq":N,"replace":"<review id>","review":{…},"state":{…},"flags":{…}}` for a changed rating or an
/// accepted answer (the review with that id is replaced in place, so the answer is never absent),
/// or `{"seq":N,"due_change":{…},"state":{…}}` for a due date set by hand (`DueChange`, with the
/// card's state after it; `state` is absent when the card has none), kept once per change id.
/// `seq` grows across compactions, so lines the snapshot already holds (left by a crash between
/// writing the snapshot and emptying the journal) are recognised; reviews are also matched by id.
enum Journal {
    /// One journal line.
    struct Entry: Decodable {
        var sequence: Int
        var review: Review?
        var state: CardState?
        var card: String?
        var flags: CardFlags?
        var undo: String?
        var replace: String?
        var dueChange: DueChange?

        init(
            sequence: Int, review: Review? = nil, state: CardState? = nil, card: String? = nil,
            flags: CardFlags? = nil
        ) {
            self.sequence = sequence
            self.review = review
            self.state = state
            self.card = card
            self.flags = flags
        }

        enum CodingKeys: String, CodingKey {
            case sequence = "seq", review, state, card, flags, undo, replace, dueChange = "due_change"
        }

        /// Whether the entry holds what one of the line kinds needs.
        var isComplete: Bool {
            (review != nil && state != nil) || (card != nil && flags != nil) || (undo != nil && state != nil)
                || (dueChange != nil && review == nil && card == nil && undo == nil)
        }
    }

    /// What a journal file holds.
    struct Contents {
        /// Entries with their 1-based line numbers.
        var entries: [(line: Int, entry: Entry)] = []
        /// Bytes up to the end of the last complete line: what stays when a torn line is cut off.
        var validLength = 0
        /// Line number of an unfinished last line (a crash mid-append), if any.
        var tornLine: Int?
        /// The bytes of that unfinished line, backed up before it is cut off.
        var tornBytes: [UInt8] = []
        /// The last line is a complete entry without its newline (kept; the newline is added).
        var lacksFinalNewline = false
        /// Lines that do not parse (only collected when reading leniently).
        var damaged: [ProgressError] = []
        /// Number of complete lines.
        var lineCount = 0
    }

    /// Parses journal bytes. Strict reading throws on the first damaged complete line; lenient
    /// reading collects them in `damaged` and goes on. An unfinished last line is never an error.
    static func parse(_ data: Data, file: String, lenient: Bool, sealed: Bool = false) throws(ProgressError)
        -> Contents
    {
        var entries: [(line: Int, entry: Entry)] = []
        var contents = try scan(data, file: file, lenient: lenient, sealed: sealed) {
            entries.append(($0, $1))
        }
        contents.entries = entries
        return contents
    }

    /// Reads journal or segment bytes line by line, calling `body` with each entry and its line
    /// number instead of collecting them (a segment may hold millions). `sealed`: a sealed
    /// segment, where an answer may come without its state (a log rewritten whole, whose states
    /// are in the snapshot). The returned contents have no `entries`.
    static func scan(
        _ data: Data, file: String, lenient: Bool, sealed: Bool = false,
        _ body: (_ line: Int, _ entry: Entry) -> Void
    ) throws(ProgressError) -> Contents {
        let bytes = [UInt8](data)
        let decoder = ProfileSnapshot.decoder()
        var contents = Contents()
        var start = 0
        var line = 0
        while start < bytes.count {
            line += 1
            guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                // A whole entry that only lacks its newline is kept; anything else is torn.
                let text = bytes[start...]
                if let entry = unterminatedEntry(of: text, sealed: sealed, decoder: decoder) {
                    body(line, entry)
                    contents.lineCount = line
                    contents.validLength = bytes.count
                    contents.lacksFinalNewline = true
                } else {
                    contents.tornLine = line
                    contents.tornBytes = Array(text)
                }
                break
            }
            contents.lineCount = line
            contents.validLength = end + 1
            let text = bytes[start..<end]
            defer { start = end + 1 }
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                body(line, try entry(of: text, file: file, line: line, sealed: sealed, decoder: decoder))
            } catch {
                if !lenient { throw error }
                contents.damaged.append(error)
            }
        }
        return contents
    }

    /// The entry of a last line that lacks its newline, if it is whole by the rules of any line
    /// (`entry(of:…)`); nil when it is not, and the line is torn.
    static func unterminatedEntry(of text: ArraySlice<UInt8>, sealed: Bool, decoder: JSONDecoder) -> Entry? {
        try? entry(of: text, file: "", line: 0, sealed: sealed, decoder: decoder)
    }

    /// The entry of one complete line (without its newline), strictly: the fast path for answers
    /// in the writer's layout, else `JSONDecoder` and the checks every entry passes.
    static func entry(
        of text: ArraySlice<UInt8>, file: String, line: Int, sealed: Bool, decoder: JSONDecoder
    ) throws(ProgressError) -> Entry {
        if let entry = text.withUnsafeBytes(SnapshotFastReader.journalAnswer),
            (0...ProfileSnapshot.maximumSequence).contains(entry.sequence),
            entry.state != nil || sealed
        {
            return entry
        }
        let lineData = Data(text)
        do {
            let entry = try decoder.decode(Entry.self, from: lineData)
            guard entry.isComplete || (sealed && entry.review != nil) else {
                throw ProgressError.malformed(
                    file: file, line: line, column: 1,
                    reason:
                        "a journal line needs 'review' and 'state', 'card' and 'flags', 'undo' and 'state', or 'due_change'"
                )
            }
            guard (0...ProfileSnapshot.maximumSequence).contains(entry.sequence) else {
                throw ProgressError.malformed(
                    file: file, line: line, column: 1,
                    reason:
                        "'seq' \(entry.sequence) is not between 0 and \(ProfileSnapshot.maximumSequence)")
            }
            return entry
        } catch {
            throw (error as? ProgressError)
                ?? DecodingFailure.progressError(for: error, in: lineData, file: file, firstLine: line)
        }
    }

    /// The line recording an answer, newline included; without a state only in a sealed segment
    /// written whole (`ProgressLog.segmentBytes`).
    static func line(sequence: Int, review: Review, state: CardState?) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"seq\":\(sequence),\"review\":")
        writer.review(review)
        if let state {
            writer.raw(",\"state\":")
            writer.state(state)
        }
        writer.raw("}\n")
        return writer.bytes
    }

    /// The line taking back review `reviewID`, with the state the card returns to, newline included.
    static func line(sequence: Int, undoing reviewID: String, state: CardState) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"seq\":\(sequence),\"undo\":")
        writer.string(reviewID)
        writer.raw(",\"state\":")
        writer.state(state)
        writer.raw("}\n")
        return writer.bytes
    }

    /// The line replacing review `reviewID` by `review` (same id), with the card's new state and
    /// complete flags (lapses included), newline included.
    static func line(
        sequence: Int, replacing reviewID: String, by review: Review, state: CardState, flags: CardFlags
    )
        -> [UInt8]
    {
        var writer = JSONWriter()
        writer.raw("{\"seq\":\(sequence),\"replace\":")
        writer.string(reviewID)
        writer.raw(",\"review\":")
        writer.review(review)
        writer.raw(",\"state\":")
        writer.state(state)
        writer.raw(",\"flags\":")
        writer.flags(flags)
        writer.raw("}\n")
        return writer.bytes
    }

    /// The line recording a due date set by hand, with the card's state after it (nil when the card
    /// has none), newline included.
    static func line(sequence: Int, dueChange: DueChange, state: CardState?) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"seq\":\(sequence),\"due_change\":")
        writer.dueChange(dueChange)
        if let state {
            writer.raw(",\"state\":")
            writer.state(state)
        }
        writer.raw("}\n")
        return writer.bytes
    }

    /// The line recording a change of a card's flags, newline included.
    static func line(sequence: Int, cardID: String, flags: CardFlags) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"seq\":\(sequence),\"card\":")
        writer.string(cardID)
        writer.raw(",\"flags\":")
        writer.flags(flags)
        writer.raw("}\n")
        return writer.bytes
    }
}
