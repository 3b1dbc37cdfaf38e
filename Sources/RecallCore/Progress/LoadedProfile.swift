import Foundation

/// A profile as read from its snapshot and journal, before the store takes it over.
struct LoadedProfile {
    var profile: Profile
    var sequence: Int
    var journalLength: Int
    var journalLines: Int
    var issues: [ProgressIssue] = []
    /// The snapshot's bytes, kept when it needs migrating (to back them up).
    var snapshotData: Data?
    var migratedFrom: Int?
    /// The generation of log segments the snapshot goes with (see `ProgressLog`).
    var logGeneration = 0
    var tornJournalLine: Int?
    /// The torn line's bytes, backed up before the line is cut off.
    var tornJournalBytes: [UInt8] = []
    /// The journal's last entry lacks its newline, which the store adds before appending.
    var journalLacksFinalNewline = false
    /// Read with `tailOnly`: the index of the log up to the snapshot's `log_sequence` (then
    /// `tailSequence`), of which `profile.reviews` holds only what comes after; nil when the
    /// profile holds the whole log.
    var tailBase: ReviewTimeIndex?
    var tailSequence = 0

    /// Reads and folds the snapshot and journal (strictly: any damage is an error).
    ///
    /// With `tailOnly`, reads only the log after the snapshot (see `ProgressStore.open`) when the
    /// snapshot holds an index of the rest and that tail is plain (`isPlainTail`); otherwise the
    /// whole log.
    static func read(
        files: ProgressFiles, profileName: String, defaultSettings: SchedulerSettings, tailOnly: Bool = false
    ) throws(ProgressError) -> LoadedProfile {
        var loaded = LoadedProfile(
            profile: Profile(name: profileName, settings: defaultSettings), sequence: 0, journalLength: 0,
            journalLines: 0)
        if let data = try FileIO.readIfExists(files.snapshot) {
            let snapshot = try ProfileSnapshot.decode(
                data, file: files.snapshot, profileName: profileName, defaultSettings: defaultSettings)
            loaded.profile = snapshot.profile
            loaded.sequence = snapshot.journalSequence
            loaded.logGeneration = snapshot.logGeneration
            if snapshot.loadedVersion < Profile.schemaVersion {
                loaded.migratedFrom = snapshot.loadedVersion
                loaded.snapshotData = data
            }
            if tailOnly, loaded.migratedFrom == nil, let index = snapshot.timeIndex, index.isChronological {
                loaded.tailBase = index
                loaded.tailSequence = snapshot.journalSequence
            }
        }
        var tail = Journal.Contents()
        if loaded.migratedFrom == nil {
            var damaged: [ProgressError] = []
            tail.entries = try loaded.readSegments(files: files, damaged: &damaged)
        }
        if let data = try FileIO.readIfExists(files.journal) {
            var journal = try Journal.parse(data, file: files.journal, lenient: false)
            journal.entries = tail.entries + journal.entries
            tail = journal
        }
        if loaded.tailBase != nil, !loaded.isPlainTail(tail.entries.lazy.map(\.entry)) {
            return try read(files: files, profileName: profileName, defaultSettings: defaultSettings)
        }
        if !tail.entries.isEmpty || tail.tornLine != nil || tail.validLength > 0 {
            loaded.fold(tail, file: files.journal)
        }
        return loaded
    }

    /// Reads the sealed segments of the snapshot's generation: the entries the snapshot's states
    /// already reflect (numbered up to its `log_sequence`) go into the log only; the later ones
    /// (sealed by a rotation whose snapshot was not written yet) are returned, to be folded in
    /// with the journal. Lenient reading collects damaged lines in `damaged` instead of throwing.
    mutating func readSegments(files: ProgressFiles, lenient: Bool = false, damaged: inout [ProgressError])
        throws(ProgressError) -> [(line: Int, entry: Journal.Entry)]
    {
        let folded = sequence
        var later: [(line: Int, entry: Journal.Entry)] = []
        var profile = self.profile
        self.profile = Profile()  // one owner of the log while it grows
        defer { self.profile = profile }
        for path in ProgressLog.segments(of: files, generation: logGeneration) {
            // Reading the tail only: a segment that ends at or before the snapshot is all folded.
            if tailBase != nil, let last = ProgressLog.lastSequence(ofSegment: path), last <= folded {
                continue
            }
            guard let data = try FileIO.readIfExists(path) else { continue }
            let contents = try Journal.scan(data, file: path, lenient: lenient, sealed: true) { line, entry in
                if entry.sequence <= folded {
                    if tailBase == nil { profile.applyToLog(entry) }
                } else {
                    later.append((line, entry))
                }
            }
            damaged += contents.damaged
            if let torn = contents.tornLine {
                let error = ProgressError.malformed(
                    file: path, line: torn, column: 1,
                    reason: "a sealed log segment ends in an unfinished line")
                if !lenient { throw error }
                damaged.append(error)
            }
        }
        return later
    }

    /// Whether the log after the snapshot can be folded onto the snapshot's states without the log
    /// before it: every entry is later than the snapshot; no due change (their ids are checked
    /// against the whole log); answers are later than their card's last review in the snapshot
    /// (so none repeats one the tail does not hold); rerates and undos name answers of the tail.
    func isPlainTail(_ entries: some Sequence<Journal.Entry>) -> Bool {
        var answers = Set<String>()
        for entry in entries {
            guard entry.sequence > tailSequence, entry.dueChange == nil else { return false }
            if let replaced = entry.replace {
                guard answers.contains(replaced) else { return false }
            } else if let review = entry.review {
                if let last = profile.states[review.cardID]?.lastReview, review.reviewedAt <= last {
                    return false
                }
                answers.insert(review.id)
            } else if let undone = entry.undo, !answers.contains(undone) {
                return false
            }
        }
        return true
    }

    /// Applies the journal entries the snapshot does not hold yet.
    ///
    /// The log is a set of reviews: an answer whose id the log already holds is not counted twice,
    /// and one the log lacks is never dropped. Entries numbered at or below the snapshot's
    /// `journal_sequence` are normally already in it (a crash between writing the snapshot and
    /// emptying the journal); if any answer among them is missing (a backup restored beside a
    /// newer journal, a sync conflict, a hand edit), the whole journal is folded in by review id.
    mutating func fold(_ journal: Journal.Contents, file: String) {
        let snapshotSequence = sequence
        let earliest = journal.entries.compactMap { $0.entry.review?.reviewedAt }.min()
        var known = Set<String>()
        if let earliest {
            for review in profile.reviews where review.reviewedAt >= earliest { known.insert(review.id) }
        }
        let undone = Set(journal.entries.compactMap { $0.entry.undo })
        var knownChanges: Set<String>?
        if journal.entries.contains(where: { $0.entry.dueChange != nil }) {
            knownChanges = Set(profile.dueChanges.map(\.id))
        }
        let missing = journal.entries.filter { line in
            guard line.entry.sequence <= snapshotSequence else { return false }
            if let change = line.entry.dueChange { return knownChanges?.contains(change.id) == false }
            guard let review = line.entry.review else { return false }
            return !known.contains(review.id) && !undone.contains(review.id)
        }
        let foldsAll = !missing.isEmpty
        if foldsAll {
            issues.append(
                ProgressIssue(
                    .warning,
                    "\(file): \(missing.count) answer(s) or due change(s) are not in the snapshot although its"
                        + " log_sequence (\(snapshotSequence)) says they are (a backup restored beside a newer journal?);"
                        + " folded them in by review id and change id"))
        }
        var duplicates = 0
        for (line, entry) in journal.entries where foldsAll || entry.sequence > snapshotSequence {
            if let replaced = entry.replace, let review = entry.review, let state = entry.state {
                profile.replaceUnchecked(
                    review, newState: state, flags: entry.flags ?? profile.flags(of: review.cardID))
                known.insert(replaced)
                known.insert(review.id)
            } else if let review = entry.review, let state = entry.state {
                guard known.insert(review.id).inserted else {
                    if entry.sequence > snapshotSequence { duplicates += 1 }
                    continue
                }
                if let last = profile.states[review.cardID]?.lastReview, review.reviewedAt < last {
                    issues.append(
                        ProgressIssue(
                            .warning,
                            "\(file):\(line): review of card '\(review.cardID)' is dated before its last review;"
                                + " kept (replay orders each card's reviews by time)"))
                }
                profile.recordUnchecked(review, newState: state)
            } else if let change = entry.dueChange {
                // A change the log holds (folded in before, or in the snapshot) counts once.
                guard knownChanges?.insert(change.id).inserted == true else { continue }
                profile.recordUnchecked(change, newState: entry.state)
            } else if let review = entry.review {
                // An answer of a log written whole, whose state the lost snapshot held (a repair
                // replays the log afterwards).
                guard known.insert(review.id).inserted else { continue }
                profile.recordUnchecked(
                    review, newState: profile.state(of: review.cardID, at: review.reviewedAt))
            } else if let card = entry.card, let flags = entry.flags {
                profile.setFlags(flags, for: card)
            } else if let reviewID = entry.undo, let state = entry.state {
                // A card taken back to never reviewed has no state, as before its first answer.
                if profile.undoUnchecked(reviewID, restoring: state.isNew ? nil : state) {
                    known.remove(reviewID)
                } else if !foldsAll || entry.sequence > snapshotSequence {
                    issues.append(
                        ProgressIssue(
                            .warning,
                            "\(file):\(line): takes back review '\(reviewID)', which is not in the log"))
                }
            }
        }
        sequence = max(sequence, journal.entries.map(\.entry.sequence).max() ?? sequence)
        if duplicates > 0 {
            issues.append(
                ProgressIssue(
                    .warning,
                    "\(file): \(duplicates) answer(s) repeat a review already in the log; each is counted once"
                ))
        }
        journalLength = journal.validLength
        journalLines = journal.lineCount
        journalLacksFinalNewline = journal.lacksFinalNewline
        if let torn = journal.tornLine {
            tornJournalLine = torn
            tornJournalBytes = journal.tornBytes
            issues.append(
                ProgressIssue(
                    .warning,
                    "\(file):\(torn): unfinished last line ignored (recall stopped while writing it);"
                        + " the lines before it are kept"))
        }
    }
}
