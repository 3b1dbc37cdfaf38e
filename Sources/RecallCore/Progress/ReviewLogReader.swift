public import Foundation

/// A profile read for a report that walks its whole log: the snapshot's settings, states, flags
/// and due changes as a `Profile` without reviews, and the review log as a `ReviewLog`.
public struct StreamedProfile: Sendable {
    /// Settings, states, flags and due changes; `reviews` is empty (the reviews are in `log`).
    public var profile: Profile
    public var log: ReviewLog

    /// A profile already in memory, its reviews moved into a `ReviewLog`.
    public init(_ profile: Profile, keepsWrongAnswers: Bool = false) {
        log = ReviewLog(profile.reviews, keepsWrongAnswers: keepsWrongAnswers)
        self.profile = profile
        self.profile.reviews = []
    }

    init(profile: Profile, log: ReviewLog) {
        self.profile = profile
        self.log = log
    }

    /// Every card id the profile mentions (reviews, states, flags, due changes).
    public var cardIDs: Set<String> {
        Set(log.cardIDs).union(profile.states.keys).union(profile.flags.keys)
            .union(profile.dueChanges.map(\.cardID))
    }
}

/// Reads a profile's files (the states snapshot, the sealed log segments, the journal) as
/// `ProgressStore.peekProfile` and `readProfile` do, with the same result, but the log straight
/// from the bytes into a `ReviewLog`: no `Review` or `String` per answer line, the segments
/// read on every core and merged in log order.
///
/// Answer lines the snapshot already reflects (the bulk of a long history) are read by
/// `answerLine` on `JSONScanner`; every other line (undo, replace, flags, due changes, another
/// layout, damage) by `Journal.entry`, as the store reads it. The lines after the snapshot's
/// `log_sequence` are folded into states and flags by the store's own rules (`Profile.fold`,
/// through `StreamedProfile+Fold.swift`).
public enum ReviewLogReader {
    /// Like `ProgressStore.peekProfile`: nil if the profile has neither a snapshot nor a journal.
    public static func peek(
        named name: String, in directory: URL, defaultSettings: SchedulerSettings = SchedulerSettings(),
        keepsWrongAnswers: Bool = false
    ) throws(ProgressError) -> StreamedProfile? {
        guard let files = try ProgressLocation.existingFiles(profile: name, in: directory) else { return nil }
        var start = StreamedProfile(
            profile: Profile(name: name, settings: defaultSettings),
            log: ReviewLog(keepsWrongAnswers: keepsWrongAnswers))
        var sequence = 0
        var generation = 0
        var readsSegments = true
        if let data = try FileIO.readIfExists(files.snapshot) {
            // The whole log is read: the index of it the store keeps is not wanted.
            let snapshot = try ProfileSnapshot.decode(
                data, file: files.snapshot, profileName: name, defaultSettings: defaultSettings,
                readsIndex: false)
            start = StreamedProfile(snapshot.profile, keepsWrongAnswers: keepsWrongAnswers)
            sequence = snapshot.journalSequence
            generation = snapshot.logGeneration
            readsSegments = snapshot.loadedVersion >= Profile.schemaVersion
        }
        return try read(
            start, sequence: sequence, generation: generation, files: files, readsSegments: readsSegments)
    }

    /// `peek(named:in:)` with old card ids moved to the cards of `decks`, as
    /// `CardIDMigration.migrated` moves them for every command (in memory only): what
    /// `recall stats` reads.
    public static func peek(
        named name: String, in directory: URL, decks: [Deck], keepsWrongAnswers: Bool = false
    ) throws(ProgressError) -> StreamedProfile? {
        guard let streamed = try peek(named: name, in: directory, keepsWrongAnswers: keepsWrongAnswers) else {
            return nil
        }
        return try CardIDMigration.migrated(streamed, decks: decks) { () throws(ProgressError) in
            try ProgressStore.peekProfile(named: name, in: directory)
        }
    }

    /// `read(at:)` with old card ids moved to the cards of `decks`: what `recall class report`
    /// reads of each learner.
    public static func read(
        at url: URL, decks: [Deck], keepsWrongAnswers: Bool = false, onEveryCore: Bool = true
    ) throws(ProgressError) -> StreamedProfile {
        try CardIDMigration.migrated(
            read(at: url, keepsWrongAnswers: keepsWrongAnswers, onEveryCore: onEveryCore), decks: decks
        ) { () throws(ProgressError) in try ProgressStore.readProfile(at: url) }
    }

    /// Like `ProgressStore.readProfile(at:)`: a snapshot file and the log beside it.
    /// - Parameter onEveryCore: whether the segments are read on every core (false for a caller
    ///   that already keeps every core busy, like the class report with a learner per core).
    public static func read(
        at url: URL, keepsWrongAnswers: Bool = false, onEveryCore: Bool = true
    ) throws(ProgressError) -> StreamedProfile {
        let path = url.path
        guard let data = try FileIO.readIfExists(path) else { throw .fileNotFound(path) }
        let base = url.deletingPathExtension().lastPathComponent
        let snapshot = try ProfileSnapshot.decode(
            data, file: path, profileName: base, defaultSettings: SchedulerSettings(), readsIndex: false)
        let start = StreamedProfile(snapshot.profile, keepsWrongAnswers: keepsWrongAnswers)
        guard url.pathExtension == "json" else { return start }
        let files = ProgressLocation.files(profile: base, in: url.deletingLastPathComponent())
        return try read(
            start, sequence: snapshot.journalSequence, generation: snapshot.logGeneration, files: files,
            readsSegments: snapshot.loadedVersion == Profile.schemaVersion, onEveryCore: onEveryCore)
    }

    /// Adds the segments (if `readsSegments`) and the journal to what the snapshot holds.
    private static func read(
        _ start: StreamedProfile, sequence: Int, generation: Int, files: ProgressFiles, readsSegments: Bool,
        onEveryCore: Bool = true
    ) throws(ProgressError) -> StreamedProfile {
        var streamed = start
        var tail: [(line: Int, entry: Journal.Entry)] = []
        if readsSegments {
            let paths = ProgressLog.segments(of: files, generation: generation)
            let seed = seedTable(streamed.profile)
            let keeps = streamed.log.keepsWrongAnswers
            streamed.log = ReviewLog(keepsWrongAnswers: keeps, cards: seed)
            let parts = try readInParallel(paths.count, onEveryCore: onEveryCore) {
                index throws(ProgressError) in
                try Segment.read(paths[index], folded: sequence, cards: seed, keepsWrongAnswers: keeps)
            }
            streamed.log.reserveCapacity(parts.reduce(0) { $0 + $1.log.entries.count })
            var knownChanges = Set(streamed.profile.dueChanges.map(\.id))
            for part in parts {
                streamed.apply(part, sharedCards: seed.ids.count, knownChanges: &knownChanges)
                tail += part.later
            }
        }
        var journal = Journal.Contents()
        if let data = try FileIO.readIfExists(files.journal) {
            journal = try Journal.parse(data, file: files.journal, lenient: false)
        }
        journal.entries = tail + journal.entries
        if !journal.entries.isEmpty { streamed.fold(journal.entries, snapshotSequence: sequence) }
        return streamed
    }

    /// The card ids the snapshot knows, numbered: nearly every card id the log holds, so that
    /// segments read in parallel share their numbers and only new ids need renumbering.
    private static func seedTable(_ profile: Profile) -> CardTable {
        var table = CardTable()
        table.reserveCapacity(profile.states.count)
        for id in profile.states.keys { _ = table.number(id) }
        return table
    }

    /// `read(i)` for i in 0..<count on every core, in index order; the first error (by index) is thrown.
    private static func readInParallel<Part: Sendable>(
        _ count: Int, onEveryCore: Bool, _ read: @Sendable (Int) throws(ProgressError) -> Part
    ) throws(ProgressError) -> [Part] {
        let next = Counter()
        let shards = onEveryCore ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, count)) : 1
        let results = Parallel.map(shards: shards) { _ in
            var done: [(index: Int, part: Result<Part, ProgressError>)] = []
            while let index = next.take(below: count) {
                do throws(ProgressError) {
                    done.append((index, .success(try read(index))))
                } catch {
                    done.append((index, .failure(error)))
                }
            }
            return done
        }
        var parts: [Part] = []
        parts.reserveCapacity(count)
        for (_, result) in results.joined().sorted(by: { $0.index < $1.index }) {
            parts.append(try result.get())
        }
        return parts
    }
}

/// Hands out 0, 1, 2, … to the threads reading segments.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

extension ReviewLogReader {
    /// One sealed segment as read: the answers the snapshot reflects, in a `ReviewLog` of their
    /// own; the other lines it reflects, each with the number of answers before it; and the lines
    /// after the snapshot, for the fold.
    struct Segment: Sendable {
        var log: ReviewLog
        var others: [(position: Int, entry: Journal.Entry)] = []
        var later: [(line: Int, entry: Journal.Entry)] = []
        /// The answers' card ids, numbered at the end of the segment (`ReviewLog.numberCards`).
        private var pendingCards: [ReviewLog.PendingCard] = []
        private var decodedCards: [String] = []

        static func read(_ path: String, folded: Int, cards: CardTable, keepsWrongAnswers: Bool)
            throws(ProgressError) -> Segment
        {
            var segment = Segment(log: ReviewLog(keepsWrongAnswers: keepsWrongAnswers, cards: cards))
            guard let bytes = try FileIO.readBytesIfExists(path) else { return segment }
            // About 170 bytes a line, 36 of them the review's id.
            segment.log.reserveCapacity(bytes.count / 160)
            var scanner = JSONScanner(bytes)
            let decoder = ProfileSnapshot.decoder()
            let count = scanner.bytes.count
            var start = 0
            var line = 0
            while start < count {
                line += 1
                let end = scanner.bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress, let found = memchr(base + start, 0x0A, count - start)
                    else {
                        return count
                    }
                    return base.distance(to: UnsafeRawPointer(found))
                }
                let text = scanner.bytes[start..<end]
                defer { start = end + 1 }
                if end == count {
                    // A whole entry that only lacks its newline is kept; a torn one is damage here.
                    guard let entry = Journal.unterminatedEntry(of: text, sealed: true, decoder: decoder)
                    else {
                        throw ProgressError.malformed(
                            file: path, line: line, column: 1,
                            reason: "a sealed log segment ends in an unfinished line")
                    }
                    segment.add(entry, line: line, folded: folded)
                    break
                }
                if text.first != UInt8(ascii: "{"),
                    text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
                {
                    continue
                }
                scanner.offset = start
                if let answer = ReviewLogReader.answerLine(&scanner, end: end),
                    answer.sequence <= ProfileSnapshot.maximumSequence
                {
                    if answer.sequence <= folded {
                        segment.append(answer, in: scanner)
                        continue
                    }
                }
                let entry = try Journal.entry(
                    of: text, file: path, line: line, sealed: true, decoder: decoder)
                segment.add(entry, line: line, folded: folded)
            }
            scanner.bytes.withUnsafeBytes { bytes in
                segment.log.numberCards(segment.pendingCards, decoded: segment.decodedCards, in: bytes)
            }
            segment.pendingCards = []
            segment.decodedCards = []
            return segment
        }

        private mutating func add(_ entry: Journal.Entry, line: Int, folded: Int) {
            if entry.sequence <= folded {
                others.append((log.entries.count, entry))
            } else {
                later.append((line, entry))
            }
        }

        private mutating func append(_ answer: AnswerLine, in scanner: JSONScanner) {
            guard let id = answer.id, let card = answer.card, let rating = answer.rating,
                let verdict = answer.verdict, let answerText = answer.answer
            else { return }
            let keptAnswer =
                log.keepsWrongAnswers && verdict == .wrong ? (try? scanner.string(answerText)) : nil
            let time = Date(timeIntervalSince1970: answer.time).storable.timeIntervalSinceReferenceDate
            let duration = answer.seconds.isFinite ? max(0, answer.seconds) : 0
            scanner.bytes.withUnsafeBytes { buffer in
                // The card's number is found with the segment's others, at its end.
                let cardBytes =
                    card.hasEscapes ? nil : UnsafeRawBufferPointer(rebasing: buffer[card.contents])
                if let cardBytes {
                    pendingCards.append(
                        ReviewLog.PendingCard(
                            entry: log.entries.count, start: card.contents.lowerBound, count: cardBytes.count,
                            hash: ByteTable.hash(cardBytes)))
                } else {
                    pendingCards.append(
                        ReviewLog.PendingCard(
                            entry: log.entries.count, start: 0, count: -1 - decodedCards.count, hash: 0))
                    decodedCards.append((try? scanner.string(card)) ?? "")
                }
                if id.hasEscapes {
                    var text = (try? scanner.string(id)) ?? ""
                    text.withUTF8 { utf8 in
                        log.append(
                            id: UnsafeRawBufferPointer(utf8), cardBytes: cardBytes, time: time,
                            rating: rating,
                            verdict: verdict, duration: duration, answer: keptAnswer)
                    }
                } else {
                    log.append(
                        id: UnsafeRawBufferPointer(rebasing: buffer[id.contents]), cardBytes: cardBytes,
                        time: time, rating: rating, verdict: verdict, duration: duration, answer: keptAnswer)
                }
            }
        }
    }
}
