import Foundation

/// The store's rules for reading a log (`Profile+Log.swift`), over a `ReviewLog`: `applyToLog` for
/// the lines the snapshot reflects and `fold` for the lines after it (`ReviewLogReaderTests`
/// compares the results with the store's on generated and damaged logs).
extension StreamedProfile {
    /// Adds a segment's lines the snapshot reflects: its answers, and its other lines where they stand.
    mutating func apply(_ segment: ReviewLogReader.Segment, sharedCards: Int, knownChanges: inout Set<String>)
    {
        // The first part read into an empty log is taken as it is (its card numbers begin with
        // the shared ones), not copied.
        if log.entries.isEmpty, segment.others.isEmpty, log.cardIDs.count == sharedCards,
            segment.log.keepsWrongAnswers == log.keepsWrongAnswers
        {
            log = segment.log
            return
        }
        var done = 0
        for (position, entry) in segment.others {
            log.append(contentsOf: segment.log, range: done..<position, sharedCards: sharedCards)
            done = position
            profile.applyToLog(entry, in: &log, knownChanges: &knownChanges)
        }
        log.append(contentsOf: segment.log, range: done..<segment.log.entries.count, sharedCards: sharedCards)
    }

    /// `LoadedProfile.fold` of the lines after the snapshot (`entries`), without its notes: the
    /// same rules (`Profile.fold`), over the compact log.
    mutating func fold(_ entries: [(line: Int, entry: Journal.Entry)], snapshotSequence: Int) {
        _ = profile.fold(entries, snapshotSequence: snapshotSequence, in: &log)
    }
}
