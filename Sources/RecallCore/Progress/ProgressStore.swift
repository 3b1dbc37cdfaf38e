public import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The one writer of a learner's progress, under an advisory lock: a snapshot `<profile>.json` of
/// card states, flags and settings (O(cards)), and the review log in append-only segments, of
/// which the journal is the newest (see `ProgressLog`).
///
/// Each answer is one fsynced journal line (`append`), so a crash loses at most the answer being
/// written. Compaction is a rotation: the journal is sealed as a segment by one rename, and the
/// snapshot of states is rewritten atomically. A file that does not parse is never overwritten.
public final class ProgressStore {
    /// Journal lines after which `append` compacts (seals the journal as a log segment).
    public static let defaultCompactionThreshold = 1000

    public let profileName: String
    public let directory: URL
    public let files: ProgressFiles
    /// The profile as of the last change.
    ///
    /// Read from it rather than keeping a copy across answers: `append` changes the profile in
    /// place, and a copy held elsewhere would make it copy the whole review log.
    public private(set) var profile: Profile {
        didSet {
            timeIndexIsStale = true
            changeCount &+= 1
        }
    }
    /// How many times the profile has changed since the store was opened (see `ProfileStoring`).
    public private(set) var changeCount = 0
    /// Warnings and notes from opening (a torn journal line, a migration, times going backwards).
    public private(set) var issues: [ProgressIssue]
    /// Journal lines after which `append` compacts, at least (see `effectiveCompactionThreshold`).
    public var compactionThreshold = ProgressStore.defaultCompactionThreshold

    let io: FileIO
    private var lock: ProfileLock?
    private var journalFD: Int32?
    private var journalLength: Int
    private var journalLines: Int
    /// The number of the last journal entry written or folded in.
    private var sequence: Int
    /// The generation of log segments the snapshot goes with.
    private var logGeneration: Int
    /// Writes compaction's snapshots of states off the answer path.
    private let snapshotWriter = SnapshotWriter()
    /// First review times and time order of `profile.reviews` (see `reviews(from:to:)`), rebuilt
    /// when the profile changes other than by an answer.
    private var timeIndex = ReviewTimeIndex()
    private var timeIndexIsStale = true
    /// When the store holds the log's tail only (opened with `tailOnly`): the index of the log up
    /// to the snapshot's `log_sequence`, of which `profile.reviews` holds everything after.
    private var tail: LogTail?

    /// What a store holding the log's tail knows of the part it does not hold.
    struct LogTail {
        /// The index of the log up to `sequence` (read from the snapshot).
        var base: ReviewTimeIndex
        /// The last entry of the part not held.
        var sequence: Int
        /// The generation that part is in.
        var generation: Int
        /// Reviews of that part read back for `reviews(from:to:)`: those dated `from` or later.
        var window: (from: Date, reviews: [Review])?
    }

    init(
        profileName: String, directory: URL, io: FileIO, lock: ProfileLock, loaded: LoadedProfile
    ) {
        self.profileName = profileName
        self.directory = directory
        self.files = ProgressLocation.files(profile: profileName, in: directory)
        self.io = io
        self.lock = lock
        self.profile = loaded.profile
        self.issues = loaded.issues
        self.sequence = loaded.sequence
        self.logGeneration = loaded.logGeneration
        self.journalLength = loaded.journalLength
        self.journalLines = loaded.journalLines
        if let base = loaded.tailBase {
            tail = LogTail(base: base, sequence: loaded.tailSequence, generation: loaded.logGeneration)
        }
    }

    deinit {
        close()
    }

    /// Opens a profile for reading and writing, creating the folder if needed.
    ///
    /// Loads the snapshot and folds in the journal. A missing profile starts empty with
    /// `defaultSettings`; an older schema is migrated (the original kept as `<profile>.json.v<N>.bak`).
    /// - Throws: `ProgressError` if the name is invalid, another process holds the profile, a file
    ///   does not parse, or the schema is newer than this recall.
    ///
    /// - Parameter tailOnly: read the snapshot's states and the log after it only, not the whole
    ///   log (what a study session needs; see `holdsWholeLog`). Falls back to the whole log when
    ///   the snapshot has no index of it, or the tail is anything but answers, flags and undos of
    ///   its own answers, in time order.
    public static func open(
        profile name: String = ProgressLocation.defaultProfile, in directory: URL,
        defaultSettings: SchedulerSettings = SchedulerSettings(), tailOnly: Bool = false
    ) throws(ProgressError) -> ProgressStore {
        try open(
            profile: name, in: directory, defaultSettings: defaultSettings, io: FileIO(), tailOnly: tailOnly)
    }

    static func open(
        profile name: String, in directory: URL, defaultSettings: SchedulerSettings, io: FileIO,
        tailOnly: Bool = false
    ) throws(ProgressError) -> ProgressStore {
        try ProgressLocation.validate(profile: name)
        try io.createDirectories(directory.path)
        try FileIO.checkPrivate(folder: directory.path)
        let files = ProgressLocation.files(profile: name, in: directory)
        let lock = try ProfileLock(path: files.lock, profile: name, io: io)
        let loaded = try LoadedProfile.read(
            files: files, profileName: name, defaultSettings: defaultSettings, tailOnly: tailOnly)
        let store = ProgressStore(profileName: name, directory: directory, io: io, lock: lock, loaded: loaded)
        if loaded.tornJournalLine != nil {
            let backup = try store.keepBackup(
                of: Data(loaded.tornJournalBytes), beside: files.journal, suffix: "torn")
            try store.cutTornJournalLine()
            store.issues.append(ProgressIssue(.note, "the unfinished line is kept as '\(backup)'"))
        }
        if loaded.journalLacksFinalNewline {
            try store.endJournalLine()
        }
        if let version = loaded.migratedFrom, let original = loaded.snapshotData {
            let backup = try store.keepBackup(of: original, suffix: "v\(version).bak")
            if let journal = try FileIO.readIfExists(files.journal), !journal.isEmpty {
                _ = try store.keepBackup(of: journal, beside: files.journal, suffix: "v\(version).bak")
            }
            store.issues.append(
                ProgressIssue(
                    .note,
                    "migrated '\(files.snapshot)' from schema version \(version) to \(Profile.schemaVersion);"
                        + " the original is kept as '\(backup)'"))
            try store.rewriteLog()
        }
        return store
    }

    /// Records an answer durably: one journal line, fsynced before returning. Never rewrites the
    /// snapshot except for the periodic compaction.
    ///
    /// - Throws: `ProgressError.reviewOutOfOrder` if the card was last reviewed later than
    ///   `review.reviewedAt`; a write error (full disk, read-only folder), in which case nothing
    ///   is recorded.
    public func append(_ review: Review, newState: CardState) throws(ProgressError) {
        // Check, write, then change the profile in place: copying it would cost O(history).
        try profile.checkOrder(of: review)
        try writeJournal(Journal.line(sequence: sequence + 1, review: review, state: newState.storable))
        followingTimeIndex({ profile.recordUnchecked(review, newState: newState) }) { index in
            index.recorded(review)
            return true
        }
        compactIfDue()
    }

    /// Rates a card with `scheduler` from its stored state, records the answer, and returns the new state.
    @discardableResult
    public func record(_ review: Review, using scheduler: some CardScheduling) throws(ProgressError)
        -> CardState
    {
        let current = profile.state(of: review.cardID, at: review.reviewedAt)
        let next = scheduler.review(
            current, rating: review.rating, at: review.reviewedAt, cardID: review.cardID)
        try append(review, newState: next)
        return next.storable
    }

    /// Takes back a card's last review durably (one journal line): the review leaves the log and
    /// the card returns to `previous`, the state it had before (nil for a card never reviewed).
    ///
    /// - Throws: `ProgressError.cannotUndo` if `reviewID` is not the last review of its card.
    public func undo(_ reviewID: String, restoring previous: CardState?) throws(ProgressError) {
        if tail != nil, !profile.reviews.contains(where: { $0.id == reviewID }) { try loadWholeLog() }
        guard let review = profile.reviews.last(where: { $0.id == reviewID }),
            profile.lastReview(of: review.cardID)?.id == reviewID
        else { throw .cannotUndo(reviewID: reviewID) }
        let restored = previous ?? .new(at: review.reviewedAt)
        try writeJournal(Journal.line(sequence: sequence + 1, undoing: reviewID, state: restored.storable))
        // The card's other reviews are all earlier: its first review changes only when this was
        // its only one, and its last wrong answer only when this one was wrong.
        followingTimeIndex({ _ = profile.undoUnchecked(reviewID, restoring: previous) }) { index in
            let card = review.cardID
            // (A restored state that names an earlier review answers without a search.)
            let stillReviewed =
                index.firstReviewedAt[card] != review.reviewedAt || previous?.lastReview != nil
                || profile.lastReview(of: card) != nil
            // (A store holding the tail knows the rest's last wrong answer from its index.)
            let lastWrong =
                review.verdict == .wrong
                ? profile.reviews.last { $0.cardID == card && $0.verdict == .wrong }?.reviewedAt
                    ?? tail?.base.lastWrongAt[card]
                : index.lastWrongAt[card]
            index.undone(review, cardStillReviewed: stillReviewed, lastWrong: lastWrong)
            return true
        }
        compactIfDue()
    }

    /// Changes the card's last review durably, in ONE journal line: `review` (same id as the last
    /// review of its card) replaces it, with the card's new state and complete flags. There is no
    /// moment at which the answer is absent from the files: a crash leaves the old rating or the new.
    ///
    /// - Throws: `ProgressError.cannotUndo` if `review.id` is not the last review of its card; a
    ///   write error, in which case the old review stays recorded.
    public func replaceLastReview(with review: Review, newState: CardState, flags: CardFlags)
        throws(ProgressError)
    {
        if tail != nil, profile.lastReview(of: review.cardID)?.id != review.id { try loadWholeLog() }
        guard let old = profile.lastReview(of: review.cardID), old.id == review.id else {
            throw .cannotUndo(reviewID: review.id)
        }
        try writeJournal(
            Journal.line(
                sequence: sequence + 1, replacing: review.id, by: review, state: newState.storable,
                flags: flags))
        // A new rating at the same time leaves the log's times, so the time index, as they were;
        // a verdict changed from or to wrong changes the card's last wrong answer.
        let sameWrong = (old.verdict == .wrong) == (review.verdict == .wrong)
        keepingTimeIndex(if: old.reviewedAt == review.reviewedAt && sameWrong) {
            profile.replaceUnchecked(review, newState: newState, flags: flags)
        }
        compactIfDue()
    }

    /// Adds due dates set by hand (Anki's "Set due date", kept on import) to the log durably: one
    /// journal line per change, written and fsynced together, each with the state its card has
    /// after it (as `scheduler` replays the card's log). Changes whose id the log holds are skipped.
    /// - Returns: how many changes were new to the log.
    @discardableResult
    public func record(_ changes: [DueChange], using scheduler: some CardScheduling) throws(ProgressError)
        -> Int
    {
        try loadWholeLog()
        var known = Set(profile.dueChanges.map(\.id))
        let fresh = changes.filter { known.insert($0.id).inserted }.sorted(by: DueChange.logOrder)
        guard !fresh.isEmpty else { return 0 }
        let states = profile.states(adding: fresh, using: scheduler)
        var bytes: [UInt8] = []
        for (offset, change) in fresh.enumerated() {
            bytes += Journal.line(sequence: sequence + 1 + offset, dueChange: change, state: states[offset])
        }
        try writeJournal(bytes, lines: fresh.count)
        keepingTimeIndex(if: true) {
            for (change, state) in zip(fresh, states) { profile.recordUnchecked(change, newState: state) }
        }
        compactIfDue()
        return fresh.count
    }

    /// Changes a card's flags durably (one journal line).
    public func setFlags(_ flags: CardFlags, for cardID: String) throws(ProgressError) {
        try writeJournal(Journal.line(sequence: sequence + 1, cardID: cardID, flags: flags))
        keepingTimeIndex(if: true) { profile.setFlags(flags, for: cardID) }
        compactIfDue()
    }

    /// The reviews dated in `start..<end`, in log order: a binary search when the log is in time
    /// order (the usual case), not a scan of the whole log.
    ///
    /// A store holding the tail reads the part of the log it does not hold back from the
    /// segments, newest first, as far as `start` (once; later calls from the same time on take
    /// it from memory).
    public func reviews(from start: Date, to end: Date) -> [Review] {
        let held = currentTimeIndex().reviews(in: profile.reviews, from: start, to: end)
        guard var tail, let last = tail.base.lastTime, start <= last else { return held }
        if tail.window.map({ start < $0.from }) ?? true {
            tail.window = (start, earlierReviews(from: start, in: tail))
            self.tail = tail
        }
        let earlier = tail.window?.reviews.filter { $0.reviewedAt >= start && $0.reviewedAt < end } ?? []
        return earlier + held
    }

    /// The reviews the store does not hold dated `start` or later: the sealed segments read
    /// newest first down to the first whose first answer is before `start` (answers are in time order up to
    /// there, or the store would hold it whole). A segment that cannot be read gives nothing:
    /// the counts it would add are a day's, and the answers are safe in it.
    private func earlierReviews(from start: Date, in tail: LogTail) -> [Review] {
        var segments: [[Journal.Entry]] = []
        for path in ProgressLog.segments(of: files, generation: tail.generation).reversed() {
            guard let data = try? FileIO.readIfExists(path) else { continue }
            var entries: [Journal.Entry] = []
            _ = try? Journal.scan(data, file: path, lenient: true, sealed: true) { _, entry in
                if entry.sequence <= tail.sequence { entries.append(entry) }
            }
            segments.append(entries)
            // Answers are in time order (a rerate or an undo names an earlier one, of any age).
            let answers = entries.lazy.filter { $0.replace == nil }.compactMap(\.review)
            if let first = answers.first, first.reviewedAt < start { break }
        }
        var part = Profile()
        var log: [Review] = []
        var changes: Set<String> = []
        for entry in segments.reversed().joined() { part.applyToLog(entry, in: &log, knownChanges: &changes) }
        return log.filter { $0.reviewedAt >= start }
    }

    /// When the card was first reviewed, or nil if never.
    public func firstReviewDate(of cardID: String) -> Date? {
        currentTimeIndex().firstReviewedAt[cardID]
    }

    /// Each card's last wrong answer time, in log order, from the index (not a scan of the log).
    public func lastWrongAnswerTimes() -> [String: Date] {
        currentTimeIndex().lastWrongAt
    }

    /// Runs `change`, then brings the time index along with `update` if it was current, so that it
    /// need not rebuild itself (a pass over the whole log) at the next question; `update` returns
    /// false when it cannot follow the change, and the index is rebuilt when next asked.
    private func followingTimeIndex(_ change: () -> Void, update: (inout ReviewTimeIndex) -> Bool) {
        let wasCurrent = !timeIndexIsStale
        change()
        if wasCurrent, update(&timeIndex) { timeIndexIsStale = false }
    }

    /// Runs `change`, which leaves the log's review times alone when `unchanged`, keeping the
    /// time index as it is.
    private func keepingTimeIndex(if unchanged: Bool, _ change: () -> Void) {
        followingTimeIndex(change) { _ in unchanged }
    }

    private func currentTimeIndex() -> ReviewTimeIndex {
        if timeIndexIsStale {
            timeIndex =
                tail.map { ReviewTimeIndex(base: $0.base, following: profile.reviews) }
                ?? ReviewTimeIndex(profile.reviews)
            timeIndexIsStale = false
        }
        return timeIndex
    }

    /// The study days (of `calendar`) with at least one answer, from the index.
    public func activeDays(calendar: StudyCalendar) -> Set<Int> {
        currentTimeIndex().activeDays(calendar: calendar)
    }

    /// Whether `profile.reviews` is the whole log, or its tail only (see `open(…tailOnly:)`).
    public var holdsWholeLog: Bool { tail == nil }

    /// Reads the part of the log the store does not hold (see `open(…tailOnly:)`), so that
    /// `profile.reviews` is the whole log; nothing to do when it is. The states, flags and
    /// settings in memory stay as they are (the files hold the same).
    public func loadWholeLog() throws(ProgressError) {
        guard tail != nil else { return }
        snapshotWriter.wait()
        let whole = try LoadedProfile.read(
            files: files, profileName: profileName, defaultSettings: profile.settings, tailOnly: false)
        var complete = profile
        complete.reviews = whole.profile.reviews
        complete.dueChanges = whole.profile.dueChanges
        tail = nil
        profile = complete
    }

    /// Whether the journal holds changes the snapshot does not (so `save` has work to do).
    public var hasUnsavedChanges: Bool { journalLines > 0 }

    /// Sets the settings in memory only; `updateSettings` saves them.
    func replaceSettings(_ settings: SchedulerSettings) {
        profile.settings = settings
    }

    /// Replaces the profile in memory only; the caller saves it.
    func replaceProfileInMemory(_ new: Profile) {
        profile = new
    }

    /// Seals the journal as a log segment (one rename) and writes the snapshot of states atomically.
    ///
    /// A crash at any moment leaves the old snapshot with the sealed segment or the journal (whose
    /// entries after its `log_sequence` are folded in when opening), or the new snapshot; on an
    /// error nothing is lost.
    public func save() throws(ProgressError) {
        try rotateJournal()
        try writeSnapshot()
    }

    private func writeSnapshot() throws(ProgressError) {
        snapshotWriter.wait()
        let bytes = try ProfileSnapshot.encode(
            profile, index: currentTimeIndex(), logSequence: sequence, logGeneration: logGeneration)
        try io.replaceAtomically(files.snapshot, with: bytes)
    }

    /// Compacts: seals the journal (one rename, in the foreground) and writes the snapshot of
    /// states in the background. What an answer pays for compaction is the rotation (and the copy
    /// of the card states the next change makes, since the snapshot holds them as they were).
    public func compact() throws(ProgressError) {
        noteSnapshotFailure(snapshotWriter.wait())
        try rotateJournal()
        let states = Profile(
            name: profile.name, settings: profile.settings, storableStates: profile.states,
            flags: profile.flags, reviews: [])
        snapshotWriter.write(
            states, index: currentTimeIndex(), logSequence: sequence, logGeneration: logGeneration,
            to: files.snapshot, io: io)
    }

    /// Waits for a snapshot being written in the background (tests, benchmarks), and notes
    /// its failure in `issues`.
    public func waitForSnapshot() {
        noteSnapshotFailure(snapshotWriter.wait())
    }

    private func noteSnapshotFailure(_ failure: ProgressError?) {
        guard let failure else { return }
        issues.append(
            ProgressIssue(
                .warning,
                "could not write the snapshot of card states (every answer is safe in the log):"
                    + " \(failure.localizedDescription)"))
    }

    /// Seals the journal: renames it into the current generation's folder, named after its last
    /// entry. O(1) whatever the history; the next answer starts a new journal.
    private func rotateJournal() throws(ProgressError) {
        guard journalLength > 0 else { return }
        let folder = ProgressLog.folder(of: files, generation: logGeneration)
        if access(folder, F_OK) != 0 {
            try io.createDirectories(folder)
            try io.fsyncDirectory(files.log)
            try io.fsyncDirectory(directory.path)
        }
        if let fd = journalFD { io.close(fd) }
        journalFD = nil
        try io.rename(
            files.journal,
            to: ProgressLog.segment(of: files, generation: logGeneration, lastSequence: sequence))
        // The journal is gone from its path: the next answer starts a new one, whatever follows.
        journalLength = 0
        journalLines = 0
        try io.fsyncDirectory(folder)
        try io.fsyncDirectory(directory.path)
    }

    /// Writes the whole log in memory as a new generation of segments, switches the snapshot to
    /// it, then empties the journal and removes the old generation: for changes of the whole log
    /// (a migration, a merge, moved card ids). A crash before the switch leaves the old files as
    /// they were; after it, journal lines left over are in the new log and not counted twice.
    func rewriteLog() throws(ProgressError) {
        try loadWholeLog()
        snapshotWriter.wait()
        do {
            logGeneration = try Self.rewriteLog(
                of: profile, sequence: sequence, generation: logGeneration, files: files, io: io)
        } catch {
            // The snapshot names the old generation or the new one, depending on when it failed:
            // later rotations go where it says.
            if let data = try? FileIO.readIfExists(files.snapshot),
                let snapshot = try? ProfileSnapshot.decode(
                    data, file: files.snapshot, profileName: profileName, defaultSettings: profile.settings,
                    validatesSettings: false)
            {
                logGeneration = snapshot.logGeneration
            }
            throw error
        }
        journalLength = 0
        journalLines = 0
    }

    /// Writes `profile`'s log as a new generation, switches the snapshot to it, empties the
    /// journal and removes the other generations. Returns the new generation.
    static func rewriteLog(
        of profile: Profile, sequence: Int, generation old: Int, files: ProgressFiles, io: FileIO
    ) throws(ProgressError) -> Int {
        let new = (ProgressLog.otherGenerations(of: files, than: old) + [old]).max().map { $0 + 1 } ?? 1
        try ProgressLog.writeGeneration(new, of: profile, sequence: sequence, files: files, io: io)
        // On an error the new generation stays: the snapshot may already name it (a failure after
        // the rename); the next change of the whole log removes whichever is not current.
        let bytes = try ProfileSnapshot.encode(
            profile, index: ReviewTimeIndex(profile.reviews), logSequence: sequence, logGeneration: new)
        try io.replaceAtomically(files.snapshot, with: bytes)
        if access(files.journal, F_OK) == 0 {
            let fd = try io.open(files.journal, flags: O_WRONLY | O_NOFOLLOW, operation: "open journal")
            defer { io.close(fd) }
            try io.truncate(fd, to: 0, path: files.journal)
            try io.fsync(fd, path: files.journal)
        }
        for generation in ProgressLog.otherGenerations(of: files, than: new) {
            ProgressLog.removeGeneration(generation, of: files)
        }
        return new
    }

    /// Merges `other` into this profile (`Profile.merged(with:using:)`) and saves.
    public func merge(_ other: Profile, using scheduler: some CardScheduling) throws(ProgressError) {
        try loadWholeLog()
        let previous = profile
        profile = profile.merged(with: other, using: scheduler)
        do {
            try rewriteLog()
        } catch {
            profile = previous
            throw error
        }
    }

    /// Replaces the profile with `new` (a migration), first keeping the current one, journal
    /// folded in, as `<profile>.json.<backupSuffix>`; returns the backup's path.
    /// `new` is made from the whole log: a store holding the tail loads it first (`loadWholeLog`).
    func replaceProfile(_ new: Profile, backupSuffix: String) throws(ProgressError) -> String {
        precondition(tail == nil, "replaceProfile on a store holding the log's tail")
        let original = try ProfileSnapshot.encodeWhole(profile)
        let backup = try keepBackup(of: Data(original), suffix: backupSuffix)
        let previous = profile
        profile = new
        do {
            try rewriteLog()
        } catch {
            profile = previous
            throw error
        }
        return backup
    }

    /// Ends a session and closes the store. Every change is already an fsynced journal line, so
    /// this writes nothing, except a first snapshot when the profile has none yet (so that
    /// `<profile>.json` exists for the commands that take a progress file); folding the journal
    /// into the snapshot is compaction's business, not the end of a session's.
    ///
    /// - Throws: a write error for that first snapshot; the answers stay in the journal.
    public func finish() throws(ProgressError) {
        defer { close() }
        if journalLines > 0, access(files.snapshot, F_OK) != 0 { try save() }
    }

    /// Closes the journal and releases the lock; the store cannot write afterwards.
    public func close() {
        // A snapshot still being written finishes under the lock, never beside another process.
        snapshotWriter.wait()
        if let fd = journalFD { io.close(fd) }
        journalFD = nil
        lock?.release()
        lock = nil
    }

    // MARK: Journal

    /// Appends `line` (or `lines` whole lines) to the journal with one write and one fsync.
    private func writeJournal(_ line: [UInt8], lines: Int = 1) throws(ProgressError) {
        guard lock != nil else {
            throw .system(file: files.journal, operation: "write to a closed store", code: EBADF)
        }
        let fd = try openJournal()
        do {
            try io.writeAll(fd, line, path: files.journal)
            try io.fsync(fd, path: files.journal)
        } catch {
            // Cut off whatever part of the line reached the file, so the next line starts clean.
            try? io.truncate(fd, to: journalLength, path: files.journal)
            throw error
        }
        journalLength += line.count
        journalLines += lines
        sequence += lines
    }

    private func openJournal() throws(ProgressError) -> Int32 {
        if let journalFD { return journalFD }
        let existed = access(files.journal, F_OK) == 0
        let fd = try io.open(
            files.journal, flags: O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, operation: "open journal")
        if !existed {
            do {
                try io.fsyncDirectory(directory.path)
            } catch {
                io.close(fd)
                throw error
            }
        }
        journalFD = fd
        return fd
    }

    /// Journal lines after which `append` compacts: `compactionThreshold`, or one line per ten
    /// cards if that is more, so that rewriting the snapshot of states (O(cards)) costs each answer
    /// O(1) on average.
    public var effectiveCompactionThreshold: Int {
        max(compactionThreshold, profile.states.count / ProgressStore.cardsPerJournalLine)
    }

    static let cardsPerJournalLine = 10

    private func compactIfDue() {
        guard journalLines >= effectiveCompactionThreshold else { return }
        do {
            try compact()
        } catch {
            // The answer itself is safe in the journal; compaction is retried after the next one.
            issues.append(
                ProgressIssue(.warning, "could not compact the journal: \(error.localizedDescription)"))
        }
    }

    private func cutTornJournalLine() throws(ProgressError) {
        let fd = try openJournal()
        try io.truncate(fd, to: journalLength, path: files.journal)
        try io.fsync(fd, path: files.journal)
    }

    /// Adds the newline a complete last entry lacks, so the next line starts on its own.
    private func endJournalLine() throws(ProgressError) {
        let fd = try openJournal()
        try io.writeAll(fd, [0x0A], path: files.journal)
        try io.fsync(fd, path: files.journal)
        journalLength += 1
    }

    /// Writes `data` durably beside `original` (the snapshot unless given) as
    /// `<original>.<suffix>`, never over an existing file.
    func keepBackup(of data: Data, beside original: String? = nil, suffix: String) throws(ProgressError)
        -> String
    {
        let base = original ?? files.snapshot
        var path = base + "." + suffix
        var attempt = 1
        while access(path, F_OK) == 0 {
            attempt += 1
            path = base + "." + suffix + "-\(attempt)"
        }
        try io.replaceAtomically(path, with: [UInt8](data))
        return path
    }
}
