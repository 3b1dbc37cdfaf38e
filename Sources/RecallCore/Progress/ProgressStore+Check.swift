public import Foundation

extension ProgressStore {
    /// Reads a profile's files without changing them and reports every problem found.
    ///
    /// Does not take the lock, so it can run beside a study session. When `schedulers` gives a
    /// scheduler, also compares stored states with a replay of the log.
    /// - Returns: issues, errors first; no `.error` issue means the profile opens.
    public static func check(
        profile name: String = ProgressLocation.defaultProfile, in directory: URL,
        schedulers: SchedulerFactory = ReplayScheduler.make
    ) -> [ProgressIssue] {
        do {
            try ProgressLocation.validate(profile: name)
        } catch {
            return [ProgressIssue(.error, error.localizedDescription)]
        }
        let files = ProgressLocation.files(profile: name, in: directory)
        var issues: [ProgressIssue] = []
        var loaded = LoadedProfile(
            profile: Profile(name: name), sequence: 0, journalLength: 0, journalLines: 0)
        var later: [(line: Int, entry: Journal.Entry)] = []
        do {
            if let data = try FileIO.readIfExists(files.snapshot) {
                let snapshot = try ProfileSnapshot.decode(
                    data, file: files.snapshot, profileName: name, defaultSettings: SchedulerSettings())
                loaded.profile = snapshot.profile
                loaded.sequence = snapshot.journalSequence
                loaded.logGeneration = snapshot.logGeneration
                if snapshot.loadedVersion == Profile.schemaVersion {
                    var damaged: [ProgressError] = []
                    later = try loaded.readSegments(files: files, lenient: true, damaged: &damaged)
                    issues += damaged.map { ProgressIssue(.error, $0.localizedDescription) }
                }
                if snapshot.loadedVersion < Profile.schemaVersion {
                    issues.append(
                        ProgressIssue(
                            .note,
                            "'\(files.snapshot)' has schema version \(snapshot.loadedVersion);"
                                + " it will be migrated when the profile is next opened"))
                }
            } else {
                issues.append(ProgressIssue(.note, "no snapshot '\(files.snapshot)' yet"))
            }
        } catch {
            issues.append(ProgressIssue(.error, error.localizedDescription))
        }
        do {
            var journal = Journal.Contents()
            if let data = try FileIO.readIfExists(files.journal) {
                journal = try Journal.parse(data, file: files.journal, lenient: true)
                issues += journal.damaged.map { ProgressIssue(.error, $0.localizedDescription) }
            }
            journal.entries = later + journal.entries
            if !journal.entries.isEmpty || journal.tornLine != nil {
                loaded.fold(journal, file: files.journal)
                issues += loaded.issues
            }
        } catch {
            issues.append(ProgressIssue(.error, error.localizedDescription))
        }
        let profile = loaded.profile
        issues += outOfOrderWarnings(in: profile)
        for leftover in DamagedLeftovers.entries(missingFrom: profile, files: files) {
            let changes = leftover.dueChanges.isEmpty ? "" : " and \(leftover.dueChanges.count) due change(s)"
            issues.append(
                ProgressIssue(
                    .warning,
                    "'\(leftover.path)' holds \(leftover.reviews.count) review(s)\(changes) that are not in the"
                        + " profile; 'recall progress repair' takes them back"))
        }
        if !issues.contains(where: { $0.severity == .error }),
            let scheduler = try? schedulers(profile.settings)
        {
            let differing = profile.cardsDifferingFromReplay(using: scheduler)
            if !differing.isEmpty {
                let shown = differing.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
                issues.append(
                    ProgressIssue(
                        .warning,
                        "\(differing.count) card(s) differ from a replay of the review log (\(shown)"
                            + (differing.count > 5 ? ", …" : "") + "); 'recall progress repair' rebuilds them"
                    ))
            }
        }
        issues.append(
            ProgressIssue(
                .note,
                "profile '\(name)': \(profile.reviews.count) review(s) of \(profile.states.count) card(s),"
                    + " \(loaded.journalLines) journal line(s)"))
        return issues.sorted { rank($0.severity) < rank($1.severity) }
    }

    /// Warnings for cards whose reviews are not in time order in the log.
    static func outOfOrderWarnings(in profile: Profile) -> [ProgressIssue] {
        var last: [String: Date] = [:]
        var cards = Set<String>()
        for review in profile.reviews {
            if let previous = last[review.cardID], review.reviewedAt < previous {
                cards.insert(review.cardID)
            }
            last[review.cardID] = max(last[review.cardID] ?? review.reviewedAt, review.reviewedAt)
        }
        return cards.sorted().map {
            ProgressIssue(
                .warning,
                "reviews of card '\($0)' go back in time in the log (a clock change?); replay orders them by time"
            )
        }
    }

    private static func rank(_ severity: ProgressIssue.Severity) -> Int {
        switch severity {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }
}
