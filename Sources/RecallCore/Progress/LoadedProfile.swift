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
    var tornJournalLine: Int?

    /// Reads and folds the snapshot and journal (strictly: any damage is an error).
    static func read(
        files: ProgressFiles, profileName: String, defaultSettings: SchedulerSettings
    ) throws(ProgressError) -> LoadedProfile {
        var loaded = LoadedProfile(
            profile: Profile(name: profileName, settings: defaultSettings), sequence: 0, journalLength: 0,
            journalLines: 0)
        if let data = try FileIO.readIfExists(files.snapshot) {
            let snapshot = try ProfileSnapshot.decode(
                data, file: files.snapshot, profileName: profileName, defaultSettings: defaultSettings)
            loaded.profile = snapshot.profile
            loaded.sequence = snapshot.journalSequence
            if snapshot.loadedVersion < Profile.schemaVersion {
                loaded.migratedFrom = snapshot.loadedVersion
                loaded.snapshotData = data
            }
        }
        if let data = try FileIO.readIfExists(files.journal) {
            let journal = try Journal.parse(data, file: files.journal, lenient: false)
            loaded.fold(journal, file: files.journal)
        }
        return loaded
    }

    /// Applies the journal entries the snapshot does not hold yet.
    mutating func fold(_ journal: Journal.Contents, file: String) {
        let snapshotSequence = sequence
        for (line, entry) in journal.entries where entry.sequence > snapshotSequence {
            if let review = entry.review, let state = entry.state {
                if let last = profile.states[review.cardID]?.lastReview, review.reviewedAt < last {
                    issues.append(
                        ProgressIssue(
                            .warning,
                            "\(file):\(line): review of card '\(review.cardID)' is dated before its last review;"
                                + " kept (replay orders each card's reviews by time)"))
                }
                profile.recordUnchecked(review, newState: state)
            } else if let card = entry.card, let flags = entry.flags {
                profile.setFlags(flags, for: card)
            } else if let reviewID = entry.undo, let state = entry.state {
                if !profile.undoUnchecked(reviewID, restoring: state) {
                    issues.append(
                        ProgressIssue(
                            .warning,
                            "\(file):\(line): takes back review '\(reviewID)', which is not in the log"))
                }
            }
            sequence = max(sequence, entry.sequence)
        }
        journalLength = journal.validLength
        journalLines = journal.lineCount
        if let torn = journal.tornLine {
            tornJournalLine = torn
            issues.append(
                ProgressIssue(
                    .warning,
                    "\(file):\(torn): unfinished last line ignored (recall stopped while writing it);"
                        + " the lines before it are kept"))
        }
    }
}
