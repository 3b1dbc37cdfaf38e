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
    /// Damaged files' bytes, copied aside only once the rebuilt snapshot is safe to write.
    private var damagedSnapshot: Data?
    private var damagedJournal: Data?
    /// Damaged log segments' paths and bytes, copied aside by `write`.
    private var damagedSegments: [(path: String, data: Data)] = []
    /// Segment entries after the snapshot's `log_sequence`, folded in with the journal.
    private var laterEntries: [(line: Int, entry: Journal.Entry)] = []

    init(name: String, files: ProgressFiles, io: FileIO, stamp: String) {
        self.name = name
        self.files = files
        self.io = io
        self.stamp = stamp
        loaded = LoadedProfile(profile: Profile(name: name), sequence: 0, journalLength: 0, journalLines: 0)
    }

    /// Loads the snapshot, or salvages its lines if it does not parse (it is set aside by
    /// `write`, after the rebuilt snapshot is safe). Settings out of range are reset to the
    /// defaults, the log kept. A newer schema is not damage: it is refused, untouched.
    mutating func readSnapshot() throws(ProgressError) {
        guard let data = try FileIO.readIfExists(files.snapshot) else { return }
        do {
            let snapshot = try ProfileSnapshot.decode(
                data, file: files.snapshot, profileName: name, defaultSettings: SchedulerSettings(),
                validatesSettings: false)
            loaded.profile = snapshot.profile
            loaded.sequence = snapshot.journalSequence
            loaded.logGeneration = snapshot.logGeneration
            if snapshot.loadedVersion < 2 { loaded.migratedFrom = snapshot.loadedVersion }
        } catch {
            guard case .malformed = error else { throw error }
            issues.append(ProgressIssue(.error, error.descriptionWithoutAdvice))
            damagedSnapshot = data
            loaded.profile = Salvage.profile(from: data, named: name)
            // The newest log generation on disk goes with the lost snapshot.
            loaded.logGeneration = ProgressLog.otherGenerations(of: files, than: -1).max() ?? 0
            isRebuilt = true
            isSnapshotDamaged = true
            issues.append(
                ProgressIssue(
                    .note,
                    "salvaged \(loaded.profile.reviews.count) review(s) of \(loaded.profile.states.count)"
                        + " card(s) from the damaged snapshot"))
        }
        if let problem = ProfileSnapshot.settingsProblem(loaded.profile.settings) {
            loaded.profile.settings = SchedulerSettings()
            isRebuilt = true
            issues.append(
                ProgressIssue(
                    .warning,
                    "reset the scheduler settings to the defaults (\(problem)); the review log is kept as it was"
                ))
        }
    }

    /// Reads the log segments' good lines; a segment with damaged lines is set aside by `write`.
    mutating func readSegments() throws(ProgressError) {
        guard loaded.migratedFrom == nil else { return }
        let folded = isSnapshotDamaged ? -1 : loaded.sequence
        for path in ProgressLog.segments(of: files, generation: loaded.logGeneration) {
            guard let data = try FileIO.readIfExists(path) else { continue }
            let segment = try Journal.parse(data, file: path, lenient: true, sealed: true)
            if !segment.damaged.isEmpty || segment.tornLine != nil {
                issues += segment.damaged.map { ProgressIssue(.error, $0.descriptionWithoutAdvice) }
                if let torn = segment.tornLine {
                    issues.append(
                        ProgressIssue(
                            .error, "\(path):\(torn):1: a sealed log segment ends in an unfinished line"))
                }
                damagedSegments.append((path, data))
                isRebuilt = true
            }
            for line in segment.entries {
                if line.entry.sequence <= folded {
                    loaded.profile.applyToLog(line.entry)
                } else {
                    laterEntries.append(line)
                }
            }
        }
    }

    /// Folds the journal's good lines in; a journal with damaged lines is set aside by `write`.
    mutating func readJournal() throws(ProgressError) {
        var journal = Journal.Contents()
        if let data = try FileIO.readIfExists(files.journal) {
            journal = try Journal.parse(data, file: files.journal, lenient: true)
            if !journal.damaged.isEmpty {
                issues += journal.damaged.map { ProgressIssue(.error, $0.descriptionWithoutAdvice) }
                damagedJournal = data
                isRebuilt = true
            }
        }
        journal.entries = laterEntries + journal.entries
        guard !journal.entries.isEmpty || journal.tornLine != nil else { return }
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

    /// Folds in the reviews and due changes that files set aside earlier hold and the profile
    /// lacks (left by a repair that was stopped, or by a repair of an older recall).
    mutating func readSetAside() {
        let leftovers = DamagedLeftovers.entries(missingFrom: loaded.profile, files: files)
        for leftover in leftovers {
            for review in leftover.reviews {
                loaded.profile.recordUnchecked(
                    review, newState: loaded.profile.state(of: review.cardID, at: review.reviewedAt))
            }
            // States are rebuilt by `replay`, which these files always trigger.
            for change in leftover.dueChanges { loaded.profile.recordUnchecked(change, newState: nil) }
            let changes = leftover.dueChanges.isEmpty ? "" : " and \(leftover.dueChanges.count) due change(s)"
            issues.append(
                ProgressIssue(
                    .note,
                    "took \(leftover.reviews.count) review(s)\(changes) missing from the profile from"
                        + " '\(leftover.path)'"))
            isRebuilt = true
        }
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

    /// Copies damaged files aside (their bytes untouched), writes the rebuilt snapshot
    /// atomically over the damaged one, then empties the journal it now holds. A crash at any
    /// moment leaves the damaged files in place (so repair runs again) or the rebuilt snapshot.
    mutating func write() throws(ProgressError) {
        if let damagedSnapshot {
            let aside = try ProgressStore.keepAside(damagedSnapshot, of: files.snapshot, stamp: stamp, io: io)
            issues.append(ProgressIssue(.note, "kept the damaged snapshot as '\(aside)'"))
        }
        if let damagedJournal {
            let aside = try ProgressStore.keepAside(damagedJournal, of: files.journal, stamp: stamp, io: io)
            issues.append(ProgressIssue(.note, "kept the damaged journal as '\(aside)'"))
        }
        for (path, data) in damagedSegments {
            let aside = try ProgressStore.keepAside(
                data, of: files.log + "-" + (path as NSString).lastPathComponent, stamp: stamp, io: io)
            issues.append(ProgressIssue(.note, "kept the damaged log segment '\(path)' as '\(aside)'"))
        }
        _ = try ProgressStore.rewriteLog(
            of: loaded.profile, sequence: loaded.sequence, generation: loaded.logGeneration, files: files,
            io: io)
        issues.append(
            ProgressIssue(
                .note,
                "wrote '\(files.snapshot)': \(loaded.profile.reviews.count) review(s) of"
                    + " \(loaded.profile.states.count) card(s)"))
    }
}

/// Files set aside as `<file>.damaged-<stamp>` that still hold reviews or due changes the profile lacks.
enum DamagedLeftovers {
    /// What one set-aside file holds that the profile lacks.
    struct Leftover {
        var path: String
        var reviews: [Review]
        var dueChanges: [DueChange]
    }

    /// The set-aside files of `files`' profile, in name order, with the reviews and due changes in
    /// them the profile lacks.
    static func entries(missingFrom profile: Profile, files: ProgressFiles) -> [Leftover] {
        let folder = FileIO.directory(of: files.snapshot)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let snapshotName = (files.snapshot as NSString).lastPathComponent + ".damaged-"
        let journalName = (files.journal as NSString).lastPathComponent + ".damaged-"
        let segmentName = (files.log as NSString).lastPathComponent + "-"
        var known: Set<String>?
        var knownChanges: Set<String>?
        var result: [Leftover] = []
        for name in names.sorted()
        where name.hasPrefix(snapshotName) || name.hasPrefix(journalName)
            || (name.hasPrefix(segmentName) && name.contains(".jsonl.damaged-"))
        {
            let path = folder + "/" + name
            guard let data = try? FileIO.readIfExists(path) else { continue }
            let reviews: [Review]
            let changes: [DueChange]
            if name.hasPrefix(snapshotName) {
                let salvaged = Salvage.profile(from: data, named: profile.name)
                reviews = salvaged.reviews
                changes = salvaged.dueChanges
            } else {
                // The journal's answers as it last had them: replaced in place, taken back removed.
                var latest: [String: Review] = [:]
                var order: [String] = []
                var journalChanges: [DueChange] = []
                let parsed = try? Journal.parse(data, file: path, lenient: true, sealed: true)
                for (_, entry) in parsed?.entries ?? [] {
                    if let review = entry.review {
                        if latest.updateValue(review, forKey: review.id) == nil { order.append(review.id) }
                    } else if let undone = entry.undo {
                        latest[undone] = nil
                    } else if let change = entry.dueChange {
                        journalChanges.append(change)
                    }
                }
                reviews = order.compactMap { latest[$0] }
                changes = journalChanges
            }
            if known == nil { known = Set(profile.reviews.map(\.id)) }
            if knownChanges == nil { knownChanges = Set(profile.dueChanges.map(\.id)) }
            var missing: [Review] = []
            for review in reviews where known?.insert(review.id).inserted == true { missing.append(review) }
            var missingChanges: [DueChange] = []
            for change in changes where knownChanges?.insert(change.id).inserted == true {
                missingChanges.append(change)
            }
            if !missing.isEmpty || !missingChanges.isEmpty {
                result.append(Leftover(path: path, reviews: missing, dueChanges: missingChanges))
            }
        }
        return result
    }
}
