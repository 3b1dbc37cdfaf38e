public import Foundation

extension ProgressStore {
    /// Sets damaged files aside and rebuilds what the snapshot, the journal and the log allow.
    ///
    /// A snapshot that does not parse is copied to `<profile>.json.damaged-<timestamp>` (its bytes
    /// untouched) before the rebuilt one replaces it, and the reviews, card states, flags and settings on its undamaged lines are
    /// salvaged; a journal with damaged lines is set aside the same way and its good lines kept.
    /// States are then rebuilt by replaying the log when `schedulers` gives a scheduler (also when
    /// nothing is damaged but stored states differ from the log). A newer schema is refused.
    /// - Returns: what was found and done.
    public static func repair(
        profile name: String = ProgressLocation.defaultProfile, in directory: URL,
        schedulers: SchedulerFactory = ReplayScheduler.make, now: Date = Date()
    ) throws(ProgressError) -> [ProgressIssue] {
        try repair(profile: name, in: directory, schedulers: schedulers, now: now, io: FileIO())
    }

    static func repair(
        profile name: String, in directory: URL, schedulers: SchedulerFactory, now: Date, io: FileIO
    ) throws(ProgressError) -> [ProgressIssue] {
        try ProgressLocation.validate(profile: name)
        try FileIO.checkPrivate(folder: directory.path)
        let files = ProgressLocation.files(profile: name, in: directory)
        let lock = try ProfileLock(path: files.lock, profile: name, io: io)
        defer { lock.release() }
        var run = ProfileRepair(name: name, files: files, io: io, stamp: damagedStamp(now))
        try run.readSnapshot()
        try run.readSegments()
        try run.readJournal()
        run.readSetAside()
        run.replay(schedulers: schedulers)
        guard run.isRebuilt else {
            return run.issues + [ProgressIssue(.note, "nothing to repair in profile '\(name)'")]
        }
        try run.write()
        return run.issues
    }

    /// Writes `data` (a damaged file's bytes) as `<path>.damaged-<stamp>`, never over a file.
    static func keepAside(_ data: Data, of path: String, stamp: String, io: FileIO) throws(ProgressError)
        -> String
    {
        var target = "\(path).damaged-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: target) {
            attempt += 1
            target = "\(path).damaged-\(stamp)-\(attempt)"
        }
        try io.replaceAtomically(target, with: [UInt8](data))
        return target
    }

    private static func damagedStamp(_ now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: now)
    }
}

/// Recovers what it can from a snapshot that does not parse, line by line (the writer puts each
/// card, each review and each due change on its own line).
enum Salvage {
    static func profile(from data: Data, named name: String) -> Profile {
        let decoder = ProfileSnapshot.decoder()
        var profile = Profile(name: name)
        var seen = Set<String>()
        var seenChanges = Set<String>()
        for rawLine in data.split(separator: 0x0A) {
            var line = Substring(decoding: rawLine, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if line.hasSuffix(",") { line.removeLast() }
            if line.hasPrefix("{\"id\""), let review = try? decoder.decode(Review.self, from: Data(line.utf8))
            {
                if seen.insert(review.id).inserted { profile.reviews.append(review) }
            } else if line.hasPrefix("{\"id\""),
                let change = try? decoder.decode(DueChange.self, from: Data(line.utf8))
            {
                if seenChanges.insert(change.id).inserted { profile.dueChanges.append(change) }
            } else if line.hasPrefix("\"settings\":"),
                let settings = settings(from: Data(line.dropFirst("\"settings\":".count).utf8))
            {
                profile.settings = settings
            } else if line.hasPrefix("\""),
                let cards = try? decoder.decode(
                    [String: ProfileSnapshot.CardRecord].self, from: Data("{\(line)}".utf8))
            {
                for (cardID, record) in cards {
                    if let state = record.state { profile.states[cardID] = state }
                    if let flags = record.flags { profile.storeFlags(flags, for: cardID) }
                }
            }
        }
        return profile
    }

    /// Settings in either schema's keys.
    private static func settings(from data: Data) -> SchedulerSettings? {
        let decoder = ProfileSnapshot.decoder()
        return (try? decoder.decode(ProfileSnapshot.SettingsV2.self, from: data).settings)
            ?? (try? decoder.decode(SchedulerSettings.self, from: data))
    }
}
