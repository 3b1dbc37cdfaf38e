import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Reads a version-1 snapshot in exactly the layout `ProfileSnapshot.encode` writes, about ten
/// times faster than `JSONDecoder` on millions of reviews.
///
/// Strict: anything it does not expect (a hand-edited file, another key order, a damaged line)
/// makes it return nil, and the caller decodes with `JSONDecoder`, which accepts any valid
/// layout and reports errors with their place.
struct SnapshotFastReader {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    /// Whether the log's index is wanted (the store's); readers of the whole log skip it.
    private var readsIndex = true

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The snapshot in `data`, or nil if it is not in the writer's exact layout.
    static func read(_ data: Data, profileName: String, readsIndex: Bool = true) -> ProfileSnapshot? {
        data.withUnsafeBytes { buffer in
            var reader = SnapshotFastReader(buffer)
            reader.readsIndex = readsIndex
            return reader.snapshot(profileName: profileName)
        }
    }

    /// A journal answer line (without its newline) as `Journal.line` writes it, or nil for
    /// anything else (flag lines, other layouts, damage), which `JSONDecoder` then reads.
    static func journalAnswer(_ line: UnsafeRawBufferPointer) -> Journal.Entry? {
        var reader = SnapshotFastReader(line)
        guard reader.literal("{\"seq\":"), let sequence = reader.integer(), reader.literal(",\"review\":"),
            let review = reader.review()
        else { return nil }
        // A sealed segment written whole has answers without their state.
        var state: CardState?
        if reader.literal(",\"state\":") {
            guard let read = reader.state() else { return nil }
            state = read
        }
        guard reader.literal("}"), reader.index == line.count else { return nil }
        return Journal.Entry(sequence: sequence, review: review, state: state)
    }

    private mutating func snapshot(profileName: String) -> ProfileSnapshot? {
        if literal("{\n\"schema_version\": 2,\n\"profile\": ") { return snapshotV2(profileName: profileName) }
        guard literal("{\n\"schema_version\": 1,\n\"profile\": "), string() != nil,
            literal(",\n\"journal_sequence\": "), let sequence = integer(),
            literal(",\n\"settings\": "), let settings = settings(),
            literal(",\n\"cards\": {"), let (states, flags) = cards(),
            literal(",\n\"reviews\": ["), let reviews = reviews(),
            let dueChanges = literal(",\n\"due_changes\": [") ? self.dueChanges() : [],
            literal("\n}\n") || literal("\n}"), index == bytes.count
        else { return nil }
        var profile = Profile(
            name: profileName, settings: settings, storableStates: states,
            flags: flags.filter { !$0.value.isEmpty }, reviews: reviews)
        profile.dueChanges = dueChanges
        return ProfileSnapshot(profile: profile, journalSequence: sequence, loadedVersion: 1)
    }

    /// Version 2: no log (it is in the segments), settings with snake_case keys.
    private mutating func snapshotV2(profileName: String) -> ProfileSnapshot? {
        guard string() != nil,
            literal(",\n\"log_generation\": "), let generation = integer(),
            literal(",\n\"log_sequence\": "), let sequence = integer(),
            literal(",\n\"settings\": "), let settings = settingsV2()
        else { return nil }
        var timeIndex: ReviewTimeIndex?
        let hasIndex = literal(",\n\"log_index\": ")
        if hasIndex, readsIndex {
            guard let read = logIndex() else { return nil }
            timeIndex = read
        } else if hasIndex {
            guard skipObject() else { return nil }
        }
        var times = timeIndex.map { _ in CardTimes() }
        guard literal(",\n\"cards\": {"), let (states, flags) = cards(times: &times, hasTimes: hasIndex),
            literal("\n}\n") || literal("\n}"), index == bytes.count
        else { return nil }
        if let times, let read = timeIndex {
            timeIndex = ReviewTimeIndex(
                firstReviewedAt: times.first, lastWrongAt: times.wrong,
                reviewsPerQuarter: read.reviewsPerQuarter,
                isChronological: read.isChronological, lastTime: read.lastTime)
        }
        let profile = Profile(
            name: profileName, settings: settings, storableStates: states,
            flags: flags.filter { !$0.value.isEmpty }, reviews: [])
        return ProfileSnapshot(
            profile: profile, journalSequence: sequence, loadedVersion: 2, logGeneration: generation,
            timeIndex: timeIndex)
    }

    /// Each card's first review and last wrong answer, as the version-2 cards hold them.
    private struct CardTimes: Sendable {
        var first: [String: Date] = [:]
        var wrong: [String: Date] = [:]
    }

    /// The `"log_index"` object as `ProfileSnapshot.encode` writes it (the cards' times empty).
    private mutating func logIndex() -> ReviewTimeIndex? {
        guard literal("{\"in_time_order\": ") else { return nil }
        let inTimeOrder: Bool
        if literal("true") {
            inTimeOrder = true
        } else if literal("false") {
            inTimeOrder = false
        } else {
            return nil
        }
        var lastAt: Date?
        if literal(", \"last_at\": ") {
            guard let last = number() else { return nil }
            lastAt = Date(timeIntervalSince1970: last)
        }
        guard literal(", \"quarters\": [") else { return nil }
        // About 14 bytes a pair ("12345678,12,"): room for them all at once.
        var capacity = 0
        if let base = bytes.baseAddress,
            let end = memchr(base + index, Int32(UInt8(ascii: "]")), bytes.count - index)
        {
            capacity = (UnsafeRawPointer(end) - (base + index)) / 14 + 1
        }
        var perQuarter = QuarterCounts(reservingCapacity: capacity)
        var first = true
        while !literal("]}") {
            guard first || literal(","), let quarter = integer(), literal(","), let count = integer() else {
                return nil
            }
            first = false
            perQuarter.add(quarter, count: count)
        }
        return ReviewTimeIndex(
            firstReviewedAt: [:], lastWrongAt: [:], reviewsPerQuarter: perQuarter,
            isChronological: inTimeOrder,
            lastTime: lastAt)
    }

    private mutating func settingsV2() -> SchedulerSettings? {
        let start = index
        guard skipObject() else { return nil }
        return try? JSONDecoder().decode(
            ProfileSnapshot.SettingsV2.self,
            from: Data(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        )
        .settings
    }

    private mutating func settings() -> SchedulerSettings? {
        let start = index
        guard skipObject() else { return nil }
        return try? JSONDecoder().decode(
            SchedulerSettings.self, from: Data(UnsafeRawBufferPointer(rebasing: bytes[start..<index])))
    }

    private mutating func cards() -> (states: [String: CardState], flags: [String: CardFlags])? {
        var times: CardTimes?
        return cards(times: &times, hasTimes: false)
    }

    /// What the `"cards"` member holds (`times` only when the file has the log's index).
    private struct Cards: Sendable {
        var states: [String: CardState] = [:]
        var flags: [String: CardFlags] = [:]
        var times: CardTimes?

        init(expected: Int, times: Bool) {
            states.reserveCapacity(expected)
            flags.reserveCapacity(expected / 2)
            if times {
                self.times = CardTimes()
                self.times?.first.reserveCapacity(expected)
                self.times?.wrong.reserveCapacity(expected / 2)
            }
        }

        /// Adds `other`, read from later in the file (a card listed twice: the later wins).
        mutating func add(_ other: Cards) {
            states.merge(other.states) { $1 }
            flags.merge(other.flags) { $1 }
            if let more = other.times {
                times?.first.merge(more.first) { $1 }
                times?.wrong.merge(more.wrong) { $1 }
            }
        }
    }

    /// The file's bytes, shared read-only by the readers of its two halves while they run.
    private struct SharedBytes: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
    }

    /// The cards; when the layout `hasTimes`, each card's `first` and `wrong` times are read into
    /// `times` if given, else passed over. A large version-2 file's cards are read in two halves
    /// at once, split at a card's line.
    private mutating func cards(times: inout CardTimes?, hasTimes: Bool) -> (
        states: [String: CardState], flags: [String: CardFlags]
    )? {
        // A card takes 150-300 bytes of a version-2 file, which holds little else; a version-1
        // file is mostly reviews.
        let expected = hasTimes ? bytes.count / 250 : bytes.count / 4_000
        if hasTimes, ProcessInfo.processInfo.activeProcessorCount > 1, bytes.count - index > 4 << 20,
            let split = cardLineStart(after: index + (bytes.count - index) / 2)
        {
            let shared = SharedBytes(bytes: bytes)
            let start = index
            let wantsTimes = times != nil
            let halves = Parallel.map(shards: 2) { half -> (cards: Cards, end: Int)? in
                var reader = SnapshotFastReader(shared.bytes)
                reader.index = half == 0 ? start : split
                var cards = Cards(expected: half == 0 ? expected : expected / 2, times: wantsTimes)
                guard
                    reader.cardLines(
                        into: &cards, first: half == 0, until: half == 0 ? split : nil, hasTimes: true)
                else {
                    return nil
                }
                return (cards, reader.index)
            }
            guard halves.count == 2, var cards = halves[0]?.cards, let second = halves[1] else { return nil }
            cards.add(second.cards)
            index = second.end
            times = cards.times
            return (cards.states, cards.flags)
        }
        var cards = Cards(expected: expected, times: times != nil)
        guard cardLines(into: &cards, first: true, until: nil, hasTimes: hasTimes) else { return nil }
        times = cards.times
        return (cards.states, cards.flags)
    }

    /// Where the card line after `offset` begins (its `,` before the newline), if any.
    private func cardLineStart(after offset: Int) -> Int? {
        var position = offset
        while position + 2 < bytes.count {
            if bytes[position] == UInt8(ascii: ","), bytes[position + 1] == 0x0A,
                bytes[position + 2] == UInt8(ascii: "\"")
            {
                return position
            }
            position += 1
        }
        return nil
    }

    /// Reads card lines into `cards`: up to `end`, or to the end of the `"cards"` member (`\n}`).
    private mutating func cardLines(
        into cards: inout Cards, first isFirst: Bool, until end: Int?, hasTimes: Bool
    )
        -> Bool
    {
        var first = isFirst
        while true {
            if let end {
                if index >= end { return index == end }
            } else if literal("\n}") {
                return true
            }
            guard literal(first ? "\n" : ",\n"), let cardID = string(), literal(": {") else { return false }
            first = false
            var more = false
            if literal("\"state\":") {
                guard let state = state() else { return false }
                cards.states[cardID] = state
                more = true
                if literal(",\"flags\":") {
                    guard let cardFlags = cardFlags() else { return false }
                    cards.flags[cardID] = cardFlags
                }
            } else if literal("\"flags\":") {
                guard let cardFlags = cardFlags() else { return false }
                cards.flags[cardID] = cardFlags
                more = true
            }
            if hasTimes, literal(more ? ",\"first\":" : "\"first\":") {
                guard let time = number() else { return false }
                if cards.times != nil { cards.times?.first[cardID] = Date(timeIntervalSince1970: time) }
                if literal(",\"wrong\":") {
                    guard let time = number() else { return false }
                    if cards.times != nil { cards.times?.wrong[cardID] = Date(timeIntervalSince1970: time) }
                }
            }
            guard literal("}") else { return false }
        }
    }

    private mutating func state() -> CardState? {
        guard literal("{\"phase\":"), let phaseName = string(),
            let phase = CardState.Phase(rawValue: phaseName)
        else { return nil }
        var state = CardState(phase: phase, step: nil, due: Date(timeIntervalSince1970: 0))
        if literal(",\"step\":") {
            guard let step = integer() else { return nil }
            state.step = step
        }
        if literal(",\"stability\":") {
            guard let stability = number() else { return nil }
            state.stability = stability
        }
        if literal(",\"difficulty\":") {
            guard let difficulty = number() else { return nil }
            state.difficulty = difficulty
        }
        guard literal(",\"due\":"), let due = number() else { return nil }
        state.due = Date(timeIntervalSince1970: due)
        if literal(",\"last_review\":") || literal(",\"lastReview\":") {
            guard let lastReview = number() else { return nil }
            state.lastReview = Date(timeIntervalSince1970: lastReview)
        }
        return literal("}") ? state : nil
    }

    /// Flags as `JSONWriter.flags` writes them, or any other layout through `JSONDecoder`.
    private mutating func cardFlags() -> CardFlags? {
        let start = index
        if let flags = writtenFlags() { return flags }
        index = start
        guard skipObject() else { return nil }
        return try? JSONDecoder().decode(
            CardFlags.self, from: Data(UnsafeRawBufferPointer(rebasing: bytes[start..<index])))
    }

    private mutating func writtenFlags() -> CardFlags? {
        guard literal("{") else { return nil }
        var flags = CardFlags()
        var first = true
        func key(_ name: StaticString, _ reader: inout SnapshotFastReader) -> Bool {
            guard reader.literal(name) else { return false }
            first = false
            return true
        }
        if key("\"suspended\":true", &self) { flags.isSuspended = true }
        if key(first ? "\"buried_until\":" : ",\"buried_until\":", &self) {
            guard let until = number() else { return nil }
            flags.buriedUntil = Date(timeIntervalSince1970: until)
        }
        if key(first ? "\"leech\":true" : ",\"leech\":true", &self) { flags.isLeech = true }
        if key(first ? "\"lapses\":" : ",\"lapses\":", &self) {
            guard let lapses = integer() else { return nil }
            flags.lapses = lapses
        }
        if key(first ? "\"aliases\":[" : ",\"aliases\":[", &self) {
            while !literal("]") {
                guard flags.aliases.isEmpty || literal(","), let alias = string() else { return nil }
                flags.aliases.append(alias)
            }
        }
        return literal("}") ? flags : nil
    }

    private mutating func reviews() -> [Review]? {
        var reviews: [Review] = []
        reviews.reserveCapacity(bytes.count / 160)
        var first = true
        while !literal("\n]") {
            guard literal(first ? "\n" : ",\n"), let review = review() else { return nil }
            first = false
            reviews.append(review)
        }
        return reviews
    }

    private mutating func dueChanges() -> [DueChange]? {
        var changes: [DueChange] = []
        var first = true
        while !literal("\n]") {
            guard literal(first ? "\n" : ",\n"), let change = dueChange() else { return nil }
            first = false
            changes.append(change)
        }
        return changes
    }

    /// A due change as `JSONWriter.dueChange` writes it, with its times as `DueChange`'s decoder
    /// reads them (not rounded again).
    private mutating func dueChange() -> DueChange? {
        guard literal("{\"id\":"), let id = string(),
            literal(",\"card\":"), let cardID = string(),
            literal(",\"at\":"), let at = number(),
            literal(",\"due\":"), let due = number()
        else { return nil }
        var interval: Int?
        if literal(",\"ivl\":") {
            guard let value = integer() else { return nil }
            interval = value
        }
        var ease: Double?
        if literal(",\"ease\":") {
            guard let value = number() else { return nil }
            ease = value
        }
        guard literal("}") else { return nil }
        var change = DueChange(
            id: id, cardID: cardID, changedAt: .distantPast, due: .distantPast, interval: interval, ease: ease
        )
        change.changedAt = Date(timeIntervalSince1970: at)
        change.due = Date(timeIntervalSince1970: due)
        return change
    }

    private mutating func review() -> Review? {
        guard literal("{\"id\":"), let id = string(),
            literal(",\"card\":"), let cardID = string(),
            literal(",\"at\":"), let at = number(),
            literal(",\"rating\":"), let ratingValue = integer(), let rating = Rating(rawValue: ratingValue),
            literal(",\"answer\":"), let answer = string(),
            literal(",\"verdict\":"), let verdictName = string(),
            let verdict = Grade.Verdict(rawValue: verdictName),
            literal(",\"seconds\":"), let seconds = number()
        else { return nil }
        var hints = 0
        if literal(",\"hints\":") {
            guard let count = integer() else { return nil }
            hints = count
        }
        let overridden = literal(",\"overridden\":true")
        guard literal("}") else { return nil }
        return Review(
            id: id, cardID: cardID, reviewedAt: Date(timeIntervalSince1970: at), rating: rating,
            answer: answer,
            verdict: verdict, duration: seconds, hints: hints, overridden: overridden)
    }

    // MARK: Tokens

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count, let base = bytes.baseAddress else { return false }
        let matches = text.withUTF8Buffer { expected in
            expected.baseAddress.map { memcmp(base + index, $0, count) == 0 } ?? (count == 0)
        }
        if matches { index += count }
        return matches
    }

    /// A JSON string; nil on a control character, a bad escape or invalid UTF-8.
    private mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                // ASCII is valid UTF-8 as it is (and ids are ASCII): no generic validation.
                let text =
                    ascii ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
                index += 1
                return text
            }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") {
                index = start
                return escapedString()
            }
            if byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// The slow path of `string()`, from just after the opening quote.
    private mutating func escapedString() -> String? {
        var utf8: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else {
                            return nil
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let character = Unicode.Scalar(scalar) else { return nil }
                    utf8.append(contentsOf: String(character).utf8)
                default: return nil
                }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A JSON integer (no fraction or exponent).
    private mutating func integer() -> Int? {
        let negative = literal("-")
        let start = index
        var value = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        guard index > start, index == start + 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        return negative ? -value : value
    }

    /// A JSON number, read and rounded as `JSONScanner` reads it (nil beyond a `Double`).
    private mutating func number() -> Double? {
        guard case .token(let token) = JSONScanner.numberToken(in: bytes, at: index) else { return nil }
        index = token.end
        return JSONScanner.value(of: token, in: bytes)
    }

    /// Skips a JSON object (strings may hold braces), checking only that braces balance.
    private mutating func skipObject() -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        var depth = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return true }
            }
        }
        return false
    }
}
