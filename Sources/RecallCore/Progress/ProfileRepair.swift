import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// One run of `ProgressStore.repair`: what was read, salvaged and found so far.
struct ProfileRepair {
    let name: String
    let files: ProgressFiles
    let io: FileIO
    /// The suffix for files set aside: `.damaged-<stamp>`.
    let stamp: String
    var issues: [ProgressIssue] = []
    var loaded: LoadedProfile
    /// Whether anything was set aside, salvaged or found inconsistent, so the snapshot is rewritten.
    private(set) var isRebuilt = false
    private var isSnapshotDamaged = false

    init(name: String, files: ProgressFiles, io: FileIO, stamp: String) {
        self.name = name
        self.files = files
        self.io = io
        self.stamp = stamp
        loaded = LoadedProfile(profile: Profile(name: name), sequence: 0, journalLength: 0, journalLines: 0)
    }

    /// Loads the snapshot, or sets it aside and salvages its lines if it does not parse.
    /// A newer schema is not damage: it is refused, untouched.
    mutating func readSnapshot() throws(ProgressError) {
        guard let data = try FileIO.readIfExists(files.snapshot) else { return }
        do {
            let snapshot = try ProfileSnapshot.decode(
                data, file: files.snapshot, profileName: name, defaultSettings: SchedulerSettings())
            loaded.profile = snapshot.profile
            loaded.sequence = snapshot.journalSequence
        } catch {
            guard case .malformed = error else { throw error }
            issues.append(ProgressIssue(.error, error.descriptionWithoutAdvice))
            let aside = try ProgressStore.setAside(files.snapshot, stamp: stamp, io: io)
            loaded.profile = Salvage.profile(from: data, named: name)
            isRebuilt = true
            isSnapshotDamaged = true
            issues.append(
                ProgressIssue(
                    .note,
                    "kept the damaged snapshot as '\(aside)'; salvaged \(loaded.profile.reviews.count)"
                        + " review(s) of \(loaded.profile.states.count) card(s) from it"))
        }
    }

    /// Folds the journal's good lines in, setting the journal aside if any line is damaged.
    mutating func readJournal() throws(ProgressError) {
        guard let data = try FileIO.readIfExists(files.journal) else { return }
        var journal = try Journal.parse(data, file: files.journal, lenient: true)
        if !journal.damaged.isEmpty {
            issues += journal.damaged.map { ProgressIssue(.error, $0.descriptionWithoutAdvice) }
            let aside = try ProgressStore.setAside(files.journal, stamp: stamp, io: io)
            issues.append(
                ProgressIssue(
                    .note,
                    "kept the damaged journal as '\(aside)'; \(journal.entries.count) good line(s) kept"))
            isRebuilt = true
        }
        if isSnapshotDamaged {
            // The salvaged snapshot has no trustworthy sequence: take every line it does not hold.
            let known = Set(loaded.profile.reviews.map(\.id))
            journal.entries = journal.entries.filter { line in
                line.entry.review.map { !known.contains($0.id) } ?? true
            }
            loaded.sequence = 0
        }
        loaded.fold(journal, file: files.journal)
        if journal.tornLine != nil { isRebuilt = true }
        issues += loaded.issues
    }

    /// Rebuilds states from the log when something was salvaged or states differ from the log.
    mutating func replay(schedulers: SchedulerFactory) {
        let scheduler: any CardScheduling
        do {
            scheduler = try schedulers(loaded.profile.settings)
        } catch {
            if isRebuilt {
                issues.append(
                    ProgressIssue(
                        .warning,
                        "card states are the salvaged ones, not replayed: \(error.localizedDescription)"))
            }
            return
        }
        if !isRebuilt {
            let differing = loaded.profile.cardsDifferingFromReplay(using: scheduler)
            guard !differing.isEmpty else { return }
            issues.append(
                ProgressIssue(.warning, "\(differing.count) card state(s) differed from the review log"))
            isRebuilt = true
        }
        loaded.profile = loaded.profile.replayed(using: scheduler)
        issues.append(ProgressIssue(.note, "rebuilt card states by replaying the review log"))
    }

    /// Writes the rebuilt snapshot atomically, then empties the journal it now holds.
    mutating func write() throws(ProgressError) {
        let bytes = try ProfileSnapshot.encode(loaded.profile, journalSequence: loaded.sequence)
        try io.replaceAtomically(files.snapshot, with: bytes)
        if access(files.journal, F_OK) == 0 {
            let fd = try io.open(files.journal, flags: O_WRONLY, operation: "open journal")
            defer { io.close(fd) }
            try io.truncate(fd, to: 0, path: files.journal)
            try io.fsync(fd, path: files.journal)
        }
        issues.append(
            ProgressIssue(
                .note,
                "wrote '\(files.snapshot)': \(loaded.profile.reviews.count) review(s) of"
                    + " \(loaded.profile.states.count) card(s)"))
    }
}
