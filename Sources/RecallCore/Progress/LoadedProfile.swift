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
        var log = profile.takeReviews()
        var knownChanges = Set(profile.dueChanges.map(\.id))
        defer {
            profile.reviews = log
            self.profile = profile
        }
        for path in ProgressLog.segments(of: files, generation: logGeneration) {
            // Reading the tail only: a segment that ends at or before the snapshot is all folded.
            if tailBase != nil, let last = ProgressLog.lastSequence(ofSegment: path), last <= folded {
                continue
            }
            guard let data = try FileIO.readIfExists(path) else { continue }
            let contents = try Journal.scan(data, file: path, lenient: lenient, sealed: true) { line, entry in
                if entry.sequence <= folded {
                    if tailBase == nil { profile.applyToLog(entry, in: &log, knownChanges: &knownChanges) }
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

    /// Applies the journal entries the snapshot does not hold yet (`Profile.fold`, the one set
    /// of rules), and says what it found.
    mutating func fold(_ journal: Journal.Contents, file: String) {
        let snapshotSequence = sequence
        var log = profile.takeReviews()
        let notes = profile.fold(journal.entries, snapshotSequence: snapshotSequence, in: &log)
        profile.reviews = log
        if notes.missing > 0 {
            issues.append(
                ProgressIssue(
                    .warning,
                    "\(file): \(notes.missing) answer(s) or due change(s) are not in the snapshot although its"
                        + " log_sequence (\(snapshotSequence)) says they are (a backup restored beside a newer journal?);"
                        + " folded them in by review id and change id"))
        }
        for note in notes.lines {
            switch note {
            case .outOfOrder(let line, let cardID):
                issues.append(
                    ProgressIssue(
                        .warning,
                        "\(file):\(line): review of card '\(cardID)' is dated before its last review;"
                            + " kept (replay orders each card's reviews by time)"))
            case .unknownUndo(let line, let reviewID):
                issues.append(
                    ProgressIssue(
                        .warning, "\(file):\(line): takes back review '\(reviewID)', which is not in the log")
                )
            }
        }
        sequence = max(sequence, journal.entries.map(\.entry.sequence).max() ?? sequence)
        if notes.duplicates > 0 {
            issues.append(
                ProgressIssue(
                    .warning,
                    "\(file): \(notes.duplicates) answer(s) repeat a review already in the log; each is counted once"
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
