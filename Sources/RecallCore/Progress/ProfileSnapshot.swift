import Foundation

/// The snapshot file `<profile>.json`: the profile as of the last compaction.
///
/// Written by hand in a fixed layout (one card and one review per line, so errors have useful
/// line numbers and diffs stay small); read with `JSONDecoder`. `journal_sequence` is the number of
/// the last journal entry folded in, so entries left over from a crash during compaction are not
/// applied twice.
struct ProfileSnapshot {
    var profile: Profile
    /// The number of the last log entry the states reflect (`log_sequence`; `journal_sequence`
    /// before version 2).
    var journalSequence: Int
    /// The schema version the file had (0 for the unversioned first layout).
    var loadedVersion: Int
    /// The generation of log segments the snapshot goes with (version 2; see `ProgressLog`).
    var logGeneration = 0
    /// The log's index as of `log_sequence` (version 2 files written since it was added; nil
    /// before, and the log is then read whole to build it).
    var timeIndex: ReviewTimeIndex?

    /// What one card holds in the file.
    struct CardRecord: Decodable {
        var state: CardState?
        var flags: CardFlags?
        /// The card's first review and last wrong answer (the log's index; version 2).
        var first: Date?
        var wrong: Date?
    }

    /// The log's index beside the states (version 2): whether the log is in time order, its
    /// latest review time, and reviews per quarter hour as pairs `[quarter, count, …]`.
    struct LogIndexV2: Decodable {
        var inTimeOrder: Bool
        var lastAt: Date?
        var quarters: [Int]

        enum CodingKeys: String, CodingKey {
            case inTimeOrder = "in_time_order", lastAt = "last_at", quarters
        }

        /// The index with the cards' first and last wrong times, or nil if the pairs are not pairs.
        func index(cards: [String: CardRecord]) -> ReviewTimeIndex? {
            guard quarters.count % 2 == 0 else { return nil }
            var perQuarter = QuarterCounts(reservingCapacity: quarters.count / 2)
            for pair in stride(from: 0, to: quarters.count, by: 2) {
                perQuarter.add(quarters[pair], count: quarters[pair + 1])
            }
            var first: [String: Date] = [:]
            var wrong: [String: Date] = [:]
            for (cardID, record) in cards {
                first[cardID] = record.first
                wrong[cardID] = record.wrong
            }
            return ReviewTimeIndex(
                firstReviewedAt: first, lastWrongAt: wrong, reviewsPerQuarter: perQuarter,
                isChronological: inTimeOrder, lastTime: lastAt)
        }
    }

    /// Version 1 as it is read.
    struct FileV1: Decodable {
        var schemaVersion: Int
        var profile: String
        var journalSequence: Int
        var settings: SchedulerSettings
        var cards: [String: CardRecord]
        var reviews: [Review]
        /// Absent from files without due changes (every file before they existed).
        var dueChanges: [DueChange]?

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version", profile, journalSequence = "journal_sequence"
            case settings, cards, reviews, dueChanges = "due_changes"
        }
    }

    /// Version 2 as it is read: states, flags and settings only; the log is in segments.
    struct FileV2: Decodable {
        var schemaVersion: Int
        var profile: String
        var logGeneration: Int
        var logSequence: Int
        var settings: SettingsV2
        var logIndex: LogIndexV2?
        var cards: [String: CardRecord]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version", profile, logGeneration = "log_generation"
            case logSequence = "log_sequence", settings, logIndex = "log_index", cards
        }
    }

    /// The settings with snake_case keys (version 2), mapped to and from `SchedulerSettings`.
    struct SettingsV2: Codable {
        var parameters: [Double]
        var desiredRetention: Double
        var learningSteps: [TimeInterval]
        var relearningSteps: [TimeInterval]
        var maximumInterval: Int
        var enableFuzzing: Bool
        var dayBoundary: SchedulerSettings.DayBoundary?
        var recallOnly: Bool?
        var dayStarts: Int?

        enum CodingKeys: String, CodingKey {
            case parameters, desiredRetention = "desired_retention", learningSteps = "learning_steps"
            case relearningSteps = "relearning_steps", maximumInterval = "maximum_interval"
            case enableFuzzing = "enable_fuzzing", dayBoundary = "day_boundary", recallOnly = "recall_only"
            case dayStarts = "day_starts"
        }

        init(_ settings: SchedulerSettings) {
            parameters = settings.parameters
            desiredRetention = settings.desiredRetention
            learningSteps = settings.learningSteps
            relearningSteps = settings.relearningSteps
            maximumInterval = settings.maximumInterval
            enableFuzzing = settings.enableFuzzing
            dayBoundary = settings.dayBoundary
            recallOnly = settings.recallOnly
            dayStarts = settings.dayStarts
        }

        var settings: SchedulerSettings {
            var settings = SchedulerSettings()
            settings.parameters = parameters
            settings.desiredRetention = desiredRetention
            settings.learningSteps = learningSteps
            settings.relearningSteps = relearningSteps
            settings.maximumInterval = maximumInterval
            settings.enableFuzzing = enableFuzzing
            settings.dayBoundary = dayBoundary
            settings.recallOnly = recallOnly
            settings.dayStarts = dayStarts
            return settings
        }
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    /// Reads a snapshot of any known version, migrating older ones.
    ///
    /// - Parameter fastPath: whether to try `SnapshotFastReader` first (tests turn it off to compare).
    static func decode(
        _ data: Data, file: String, profileName: String, defaultSettings: SchedulerSettings,
        fastPath: Bool = true, validatesSettings: Bool = true, readsIndex: Bool = true
    ) throws(ProgressError) -> ProfileSnapshot {
        let snapshot = try decodeUnchecked(
            data, file: file, profileName: profileName, defaultSettings: defaultSettings, fastPath: fastPath,
            readsIndex: readsIndex)
        guard (0...maximumSequence).contains(snapshot.journalSequence) else {
            let key = snapshot.loadedVersion >= 2 ? "log_sequence" : "journal_sequence"
            let (line, column) = location(of: key, in: data)
            throw .malformed(
                file: file, line: line, column: column,
                reason: "\(key) \(snapshot.journalSequence) is not between 0 and \(maximumSequence)")
        }
        if validatesSettings, let reason = settingsProblem(snapshot.profile.settings) {
            let (line, column) = location(of: "settings", in: data)
            throw .settingsOutOfRange(file: file, line: line, column: column, reason: reason)
        }
        return snapshot
    }

    /// The largest journal sequence number accepted from a file, so that counting on never overflows.
    static let maximumSequence = 1 << 53

    /// Why a scheduler cannot use `settings`, or nil if it can.
    static func settingsProblem(_ settings: SchedulerSettings) -> String? {
        do {
            _ = try Scheduler(settings: settings)
            return nil
        } catch {
            return error.localizedDescription
        }
    }

    /// The line and column of a top-level key's value (1:1 if it cannot be found).
    private static func location(of key: String, in data: Data) -> (line: Int, column: Int) {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        let bytes = [UInt8](data.prefix(1 << 20))
        return JSONLocator.lineColumn(
            of: JSONLocator.offset(of: [Key(stringValue: key)], in: bytes), in: bytes)
    }

    private static func decodeUnchecked(
        _ data: Data, file: String, profileName: String, defaultSettings: SchedulerSettings,
        fastPath: Bool, readsIndex: Bool
    ) throws(ProgressError) -> ProfileSnapshot {
        let version = try schemaVersion(of: data, file: file)
        if version > Profile.schemaVersion {
            throw .newerSchema(file: file, found: version, supported: Profile.schemaVersion)
        }
        if version < 0 { throw .unsupportedSchema(file: file, found: version) }
        if version < 1 {
            let profile = try ProfileMigration.migrate(
                data, from: version, file: file, profileName: profileName, defaultSettings: defaultSettings)
            return ProfileSnapshot(profile: profile, journalSequence: 0, loadedVersion: version)
        }
        if fastPath,
            let snapshot = SnapshotFastReader.read(data, profileName: profileName, readsIndex: readsIndex)
        {
            return snapshot
        }
        if version == 2 {
            let contents: FileV2
            do {
                contents = try decoder().decode(FileV2.self, from: data)
            } catch {
                throw DecodingFailure.progressError(for: error, in: data, file: file)
            }
            let (states, flags) = split(contents.cards)
            let profile = Profile(
                name: profileName, settings: contents.settings.settings, states: states, flags: flags)
            return ProfileSnapshot(
                profile: profile, journalSequence: contents.logSequence, loadedVersion: version,
                logGeneration: contents.logGeneration,
                timeIndex: contents.logIndex?.index(cards: contents.cards))
        }
        let contents: FileV1
        do {
            contents = try decoder().decode(FileV1.self, from: data)
        } catch {
            throw DecodingFailure.progressError(for: error, in: data, file: file)
        }
        let (states, flags) = split(contents.cards)
        let profile = Profile(
            name: profileName, settings: contents.settings, states: states, flags: flags,
            reviews: contents.reviews, dueChanges: contents.dueChanges ?? [])
        return ProfileSnapshot(
            profile: profile, journalSequence: contents.journalSequence, loadedVersion: version)
    }

    private static func split(_ cards: [String: CardRecord]) -> ([String: CardState], [String: CardFlags]) {
        var states: [String: CardState] = [:]
        var flags: [String: CardFlags] = [:]
        states.reserveCapacity(cards.count)
        for (cardID, record) in cards {
            states[cardID] = record.state
            flags[cardID] = record.flags
        }
        return (states, flags)
    }

    /// The file's `schema_version`; 0 when it has none (the first layout).
    ///
    /// Our writer puts the version first, so it is read from the first bytes without parsing a
    /// file that may hold millions of reviews twice; other files are probed in full.
    static func schemaVersion(of data: Data, file: String) throws(ProgressError) -> Int {
        if let version = versionNearStart(of: data) { return version }
        struct Probe: Decodable {
            var schemaVersion: Int?
            enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version" }
        }
        do {
            return try JSONDecoder().decode(Probe.self, from: data).schemaVersion ?? 0
        } catch {
            throw DecodingFailure.progressError(for: error, in: data, file: file)
        }
    }

    private static func versionNearStart(of data: Data) -> Int? {
        let head = [UInt8](data.prefix(256))
        let key = Array("\"schema_version\"".utf8)
        guard let open = head.firstIndex(of: UInt8(ascii: "{")),
            head[..<open].allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        else { return nil }
        var index = open + 1
        while index < head.count, [0x20, 0x0A, 0x0D, 0x09].contains(head[index]) { index += 1 }
        guard index + key.count <= head.count, Array(head[index..<(index + key.count)]) == key else {
            return nil
        }
        index += key.count
        while index < head.count, [0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ":")].contains(head[index]) {
            index += 1
        }
        let digits = head[index...].prefix { $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) }
        let end = index + digits.count
        guard end < head.count, [UInt8(ascii: ","), UInt8(ascii: "}"), 0x20, 0x0A].contains(head[end]) else {
            return nil
        }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// The file's bytes in the current schema: settings, the log's index, states and flags,
    /// O(cards); the log is in the segments of `logGeneration`, and `logSequence` is its last
    /// entry the states and `index` reflect.
    static func encode(_ profile: Profile, index: ReviewTimeIndex?, logSequence: Int, logGeneration: Int)
        throws(ProgressError) -> [UInt8]
    {
        let settings = try encodedSettings(SettingsV2(profile.settings), of: profile)
        var writer = JSONWriter()
        writer.bytes.reserveCapacity(200 * profile.states.count + 1024)
        writer.raw("{\n\"schema_version\": \(Profile.schemaVersion),\n\"profile\": ")
        writer.string(profile.name)
        writer.raw(",\n\"log_generation\": \(logGeneration),\n\"log_sequence\": \(logSequence)")
        writer.raw(",\n\"settings\": ")
        writer.bytes.append(contentsOf: settings)
        if let index { writeIndex(index, to: &writer) }
        writeCards(of: profile, index: index, to: &writer)
        writer.raw("\n}\n}\n")
        return writer.bytes
    }

    /// The `"log_index"` member (after a comma), without the cards' times (they go with the cards).
    private static func writeIndex(_ index: ReviewTimeIndex, to writer: inout JSONWriter) {
        writer.raw(",\n\"log_index\": {\"in_time_order\": ")
        writer.raw(index.isChronological ? "true" : "false")
        if let last = index.lastTime {
            writer.raw(", \"last_at\": ")
            writer.number(last.timeIntervalSince1970)
        }
        writer.raw(", \"quarters\": [")
        let perQuarter = index.reviewsPerQuarter
        for position in perQuarter.quarters.indices {
            if position > 0 { writer.literal(",") }
            writer.integer(perQuarter.quarters[position])
            writer.literal(",")
            writer.integer(perQuarter.counts[position])
        }
        writer.raw("]}")
    }
}

extension ProfileSnapshot {
    /// Settings as the files hold them, or why they cannot be (only a non-finite number can).
    static func encodedSettings(_ settings: some Encodable, of profile: Profile) throws(ProgressError) -> Data
    {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode(settings)
        } catch {
            throw .malformed(
                file: profile.name, line: 1, column: 1,
                reason: "the settings hold a number JSON cannot store: \(error.localizedDescription)")
        }
    }

    /// The `"cards"` member (after a comma): each card's state and flags, by id, in id order;
    /// the same in every schema's files; with `index`, each card's first review and last wrong
    /// answer too.
    static func writeCards(of profile: Profile, index: ReviewTimeIndex? = nil, to writer: inout JSONWriter) {
        writer.raw(",\n\"cards\": {")
        var cardIDs = Set(profile.states.keys).union(profile.flags.keys)
        if let index { cardIDs.formUnion(index.firstReviewedAt.keys) }
        for (position, cardID) in cardIDs.sorted().enumerated() {
            position == 0 ? writer.literal("\n") : writer.literal(",\n")
            writer.string(cardID)
            writer.raw(": {")
            // Each member after the first is preceded by a comma.
            var members = 0
            func member(_ key: String, _ write: (inout JSONWriter) -> Void) {
                if members > 0 { writer.literal(",") }
                members += 1
                writer.key(key)
                write(&writer)
            }
            if let state = profile.states[cardID] { member("state") { $0.state(state) } }
            if let flags = profile.flags[cardID], !flags.isEmpty { member("flags") { $0.flags(flags) } }
            if let first = index?.firstReviewedAt[cardID] {
                member("first") { $0.number(first.timeIntervalSince1970) }
            }
            if let wrong = index?.lastWrongAt[cardID] {
                member("wrong") { $0.number(wrong.timeIntervalSince1970) }
            }
            writer.raw("}")
        }
    }
}
