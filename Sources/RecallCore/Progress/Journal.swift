import Foundation

/// The journal `<profile>.journal.jsonl`: one JSON line per change since the snapshot, appended
/// and fsynced before the learner sees the next card.
///
/// A line is `{"seq":N,"review":{…},"state":{…}}` for an answer or `{"seq":N,"card":"…","flags":{…}}`
/// for a change of flags, or `{"seq":N,"undo":"<review id>","state":{…}}` for an answer taken back
/// (the review leaves the log and the card returns to the state it had before it). `seq` grows across compactions, so lines the snapshot already holds
/// (left by a crash between writing the snapshot and emptying the journal) are recognised.
enum Journal {
    /// One journal line.
    struct Entry: Decodable {
        var sequence: Int
        var review: Review?
        var state: CardState?
        var card: String?
        var flags: CardFlags?
        var undo: String?

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
            case sequence = "seq", review, state, card, flags, undo
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
        /// Lines that do not parse (only collected when reading leniently).
        var damaged: [ProgressError] = []
        /// Number of complete lines.
        var lineCount = 0
    }

    /// Parses journal bytes. Strict reading throws on the first damaged complete line; lenient
    /// reading collects them in `damaged` and goes on. An unfinished last line is never an error.
    static func parse(_ data: Data, file: String, lenient: Bool) throws(ProgressError) -> Contents {
        let bytes = [UInt8](data)
        let decoder = ProfileSnapshot.decoder()
        var contents = Contents()
        var start = 0
        var line = 0
        while start < bytes.count {
            line += 1
            guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                contents.tornLine = line
                break
            }
            contents.lineCount = line
            contents.validLength = end + 1
            let text = bytes[start..<end]
            defer { start = end + 1 }
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if let entry = text.withUnsafeBytes(SnapshotFastReader.journalAnswer) {
                contents.entries.append((line, entry))
                continue
            }
            let lineData = Data(text)
            do {
                let entry = try decoder.decode(Entry.self, from: lineData)
                guard
                    (entry.review != nil && entry.state != nil) || (entry.card != nil && entry.flags != nil)
                        || (entry.undo != nil && entry.state != nil)
                else {
                    throw ProgressError.malformed(
                        file: file, line: line, column: 1,
                        reason:
                            "a journal line needs 'review' and 'state', 'card' and 'flags', or 'undo' and 'state'"
                    )
                }
                contents.entries.append((line, entry))
            } catch {
                let failure =
                    (error as? ProgressError)
                    ?? DecodingFailure.progressError(for: error, in: lineData, file: file, firstLine: line)
                if !lenient { throw failure }
                contents.damaged.append(failure)
            }
        }
        return contents
    }

    /// The line recording an answer, newline included.
    static func line(sequence: Int, review: Review, state: CardState) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"seq\":\(sequence),\"review\":")
        writer.review(review)
        writer.raw(",\"state\":")
        writer.state(state)
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

    /// The line recording a change of a card's flags, newline included.
    static func line(sequence: Int, cardID: String, flags: CardFlags) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"seq\":\(sequence),\"card\":")
        writer.string(cardID)
        writer.raw(",\"flags\":")
        writer.bytes.append(contentsOf: (try? JSONEncoder().encode(flags)) ?? Data("{}".utf8))
        writer.raw("}\n")
        return writer.bytes
    }
}
