public import Foundation

/// A profile's review log in compact form, for the reports that walk all of it (`recall stats`,
/// `recall class report`): per review a card number, the time, rating, verdict and duration,
/// without the `String`s of a `Review` (its id is kept as bytes, to follow undo and replace lines;
/// a wrong answer's text only when asked for).
///
/// Built by `ReviewLogReader` straight from a profile's files, or from a `Profile`'s reviews, so
/// that the reports have one implementation whichever way the log was read. Reviews taken back
/// stay in place, marked removed, so that positions stay stable while the log is folded;
/// `reviews` lists the live ones in log order.
public struct ReviewLog: Sendable {
    /// One review.
    public struct Entry: Sendable {
        /// `Review.reviewedAt` in `Date`'s own measure (seconds since 2001), so that `reviewedAt`
        /// is the review's date exactly and times compare as dates do.
        public var time: Double
        /// `Review.duration`, seconds.
        public var duration: Double
        /// Where the review's id lies in `idBytes`; or, when `idCount` is `ReviewLog.derivedID`,
        /// the milliseconds of an id of the form the study session writes, `<card id>@<ms>`,
        /// which is kept without its bytes.
        var idStart: Int
        /// The card's number in `cardIDs`.
        public var card: Int32
        /// The number of the kept wrong answer in `answers`, or -1.
        var answer: Int32 = -1
        var idCount: Int32
        public var rating: Rating
        public var verdict: Grade.Verdict
        var idIsASCII: Bool
        /// Taken back by an undo line.
        var isRemoved = false

        public var reviewedAt: Date { Date(timeIntervalSinceReferenceDate: time) }
    }

    /// Distinct card ids, each once (as `String` equality sees them); `Entry.card` numbers them.
    public var cardIDs: [String] { cards.ids }
    private(set) var cards: CardTable
    private(set) var entries: [Entry] = []
    private var idBytes: [UInt8] = []
    private var answers: [String] = []
    /// Whether wrong answers' texts are kept (the class report's common wrong answers).
    public let keepsWrongAnswers: Bool

    /// An empty log whose card numbers begin with those of `cards`.
    public init(keepsWrongAnswers: Bool = false, cards: CardTable = CardTable()) {
        self.keepsWrongAnswers = keepsWrongAnswers
        self.cards = cards
    }

    /// The log of `reviews`, in their order.
    public init(_ reviews: [Review], keepsWrongAnswers: Bool = false) {
        self.init(keepsWrongAnswers: keepsWrongAnswers)
        entries.reserveCapacity(reviews.count)
        for review in reviews { append(review) }
    }

    /// The live reviews in log order.
    public var reviews: some Collection<Entry> { entries.lazy.filter { !$0.isRemoved } }

    /// How many live reviews there are.
    public var count: Int { entries.count { !$0.isRemoved } }

    /// The card id of an entry.
    public func cardID(of entry: Entry) -> String { cardIDs[Int(entry.card)] }

    /// The kept text of a wrong answer (nil when not kept, or not wrong).
    public func answer(of entry: Entry) -> String? {
        entry.answer >= 0 ? answers[Int(entry.answer)] : nil
    }

    // MARK: Building

    /// Room for `count` reviews without growing.
    mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
        idBytes.reserveCapacity(count * 40)
    }

    /// A card id read from a file whose number is not yet known (see `numberCards`): the entry it
    /// belongs to, and where its UTF-8 lies in the file's bytes, or (`count` < 0) its text in
    /// `decoded[-1 - count]`, for an id written with escapes.
    struct PendingCard: Sendable {
        var entry: Int
        var start: Int
        var count: Int
        var hash: UInt64
    }

    /// Gives the entries of `pending` their card numbers, in order (so that new ids are numbered
    /// as they come): every id is first looked for at once, with its memory reads overlapped
    /// (one lookup per log line is most of a log's reading), then those not found are added.
    mutating func numberCards(
        _ pending: [PendingCard], decoded: [String], in bytes: UnsafeRawBufferPointer
    ) {
        let found = cards.find(pending, in: bytes)
        for (index, card) in pending.enumerated() {
            var number = found[index]
            if number < 0 {
                number =
                    card.count < 0
                    ? cards.number(decoded[-1 - card.count])
                    : cards.number(
                        utf8: UnsafeRawBufferPointer(rebasing: bytes[card.start..<(card.start + card.count)]))
            }
            entries[card.entry].card = number
        }
    }

    /// Appends a review read from a file, its card not yet numbered (see `numberCards`); `id` is
    /// its id's UTF-8, `cardBytes` its card id's (nil when the card id was written with escapes).
    mutating func append(
        id: UnsafeRawBufferPointer, cardBytes: UnsafeRawBufferPointer?, time: Double, rating: Rating,
        verdict: Grade.Verdict, duration: Double, answer: String?
    ) {
        var entry = Entry(
            time: time, duration: duration, idStart: 0, card: -1, idCount: 0, rating: rating,
            verdict: verdict,
            idIsASCII: true)
        setID(of: &entry, id: id, card: cardBytes)
        if keepsWrongAnswers, verdict == .wrong, let answer {
            entry.answer = Int32(answers.count)
            answers.append(answer)
        }
        entries.append(entry)
    }

    /// `idCount` of an entry whose id is `<card id>@<ms>` (see `Entry.idStart`).
    static let derivedID: Int32 = -1

    /// Records the id `id` in `entry`: as milliseconds when it is `card` + "@" + milliseconds,
    /// else as bytes.
    private mutating func setID(
        of entry: inout Entry, id: UnsafeRawBufferPointer, card: UnsafeRawBufferPointer?
    ) {
        if let card, let milliseconds = Self.milliseconds(id: id, card: card) {
            entry.idStart = Int(milliseconds)
            entry.idCount = Self.derivedID
            return
        }
        entry.idStart = idBytes.count
        // As typed bytes: appended in one copy.
        let typed = id.assumingMemoryBound(to: UInt8.self)
        idBytes.append(contentsOf: typed)
        entry.idCount = Int32(clamping: id.count)
        entry.idIsASCII = id.isASCII
    }

    /// The milliseconds of an id that is `card`'s bytes, "@" and an `Int64` as Swift writes it
    /// (no leading zeros, no "+", no "-0"), or nil.
    static func milliseconds(id: UnsafeRawBufferPointer, card: UnsafeRawBufferPointer) -> Int64? {
        let count = card.count
        guard id.count > count + 1, id.count <= count + 21, id[count] == UInt8(ascii: "@") else { return nil }
        if count > 0 {
            guard let idBase = id.baseAddress, let cardBase = card.baseAddress,
                memcmp(idBase, cardBase, count) == 0
            else { return nil }
        }
        return canonicalInteger(UnsafeRawBufferPointer(rebasing: id[(count + 1)...]))
    }

    /// The `Int64` whose decimal form is exactly `digits`, or nil.
    static func canonicalInteger(_ digits: UnsafeRawBufferPointer) -> Int64? {
        guard let first = digits.first else { return nil }
        let isNegative = first == UInt8(ascii: "-")
        let start = isNegative ? 1 : 0
        let count = digits.count - start
        guard count > 0, count <= 19, digits[start] != UInt8(ascii: "0") || (count == 1 && !isNegative)
        else { return nil }
        // Up to 18 digits cannot overflow; 19 may, so they are added up with checks, with their
        // sign so that `Int64.min` fits.
        var value: Int64 = 0
        var index = start
        if count < 19, let base = digits.baseAddress {
            while index + 8 <= digits.count,
                let eight = DecimalDigits.eight(
                    base.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
            {
                value = value &* 100_000_000 &+ Int64(eight)
                index += 8
            }
        }
        for index in index..<digits.count {
            let digit = digits[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            if count < 19 {
                value = value &* 10 &+ Int64(digit)
            } else {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) =
                    isNegative
                    ? times.subtractingReportingOverflow(Int64(digit))
                    : times.addingReportingOverflow(Int64(digit))
                guard !overflow, !carry else { return nil }
                value = sum
            }
        }
        return isNegative && count < 19 ? -value : value
    }

    /// Appends `review`.
    mutating func append(_ review: Review) {
        entries.append(entry(for: review))
    }

    private mutating func entry(for review: Review) -> Entry {
        let card = cards.number(review.cardID)
        var entry = Entry(
            time: review.reviewedAt.timeIntervalSinceReferenceDate, duration: review.duration, idStart: 0,
            card: card, idCount: 0, rating: review.rating, verdict: review.verdict, idIsASCII: true)
        var id = review.id
        var cardID = review.cardID
        id.withUTF8 { id in
            cardID.withUTF8 { cardID in
                setID(of: &entry, id: UnsafeRawBufferPointer(id), card: UnsafeRawBufferPointer(cardID))
            }
        }
        if keepsWrongAnswers, review.verdict == .wrong {
            entry.answer = Int32(answers.count)
            answers.append(review.answer)
        }
        return entry
    }

    /// The position of the last live review with id `id` (as `String` equality sees ids).
    func lastIndex(ofID id: String) -> Int? {
        let utf8 = Array(id.utf8)
        let isASCII = utf8.allSatisfy { $0 < 0x80 }
        // As a derived id: the card id before the last "@", and the milliseconds after it.
        let derived: (card: String, milliseconds: Int64)? = utf8.lastIndex(of: UInt8(ascii: "@")).flatMap {
            at in
            utf8.withUnsafeBytes { bytes in
                Self.canonicalInteger(UnsafeRawBufferPointer(rebasing: bytes[(at + 1)...])).map {
                    (String(decoding: bytes[..<at], as: UTF8.self), $0)
                }
            }
        }
        return idBytes.withUnsafeBufferPointer { arena in
            for index in entries.indices.reversed() where !entries[index].isRemoved {
                let entry = entries[index]
                if entry.idCount == Self.derivedID {
                    if let derived, derived.milliseconds == Int64(entry.idStart),
                        cardIDs[Int(entry.card)] == derived.card
                    {
                        return index
                    }
                    continue
                }
                let stored = UnsafeBufferPointer(
                    rebasing: arena[entry.idStart..<(entry.idStart + Int(entry.idCount))])
                if isASCII && entry.idIsASCII {
                    if stored.count == utf8.count && stored.elementsEqual(utf8) { return index }
                } else if String(decoding: stored, as: UTF8.self) == id {
                    return index
                }
            }
            return nil
        }
    }

    /// The id of the entry at `index`.
    func id(at index: Int) -> String {
        let entry = entries[index]
        if entry.idCount == Self.derivedID { return "\(cardIDs[Int(entry.card)])@\(entry.idStart)" }
        return String(decoding: idBytes[entry.idStart..<(entry.idStart + Int(entry.idCount))], as: UTF8.self)
    }

    /// Takes back the review at `index`.
    mutating func remove(at index: Int) {
        entries[index].isRemoved = true
    }

    /// Replaces the review at `index` by `review`.
    mutating func replace(at index: Int, by review: Review) {
        entries[index] = entry(for: review)
    }

    /// Appends the entries `range` of `other` (read from a later part of the same log), whose
    /// card numbers below `sharedCards` are the same as these.
    mutating func append(contentsOf other: ReviewLog, range: Range<Int>, sharedCards: Int) {
        guard !range.isEmpty else { return }
        // Only the ids `other` added after the shared ones need numbers of this table.
        let added = other.cardIDs[min(sharedCards, other.cardIDs.count)...].map { cards.number($0) }
        // The bytes of the range's ids lie together (a part is only appended to), from the first
        // id kept as bytes to the end of the last.
        let withBytes = other.entries[range].lazy.filter { $0.idCount != Self.derivedID }
        let idStart = withBytes.first?.idStart ?? 0
        let idEnd =
            other.entries[range].last { $0.idCount != Self.derivedID }.map { $0.idStart + Int($0.idCount) }
            ?? 0
        let idOffset = idBytes.count - idStart
        if idEnd > idStart { idBytes += other.idBytes[idStart..<idEnd] }
        for var entry in other.entries[range] {
            if entry.card >= sharedCards { entry.card = added[Int(entry.card) - sharedCards] }
            if entry.idCount != Self.derivedID { entry.idStart += idOffset }
            if entry.answer >= 0, let text = other.answer(of: entry) {
                entry.answer = Int32(answers.count)
                answers.append(text)
            }
            entries.append(entry)
        }
    }

}

/// Card ids numbered in the order first seen; an id is found by its bytes first (no `String`
/// made), then, for bytes not seen before, by `String` equality (which also equates canonically
/// equivalent spellings), so the numbers are those a `[String: Int]` would give.
///
/// Two ids whose bytes are all ASCII are equal as `String`s exactly when their bytes are, so the
/// `String` index is only built (once) when an id beyond ASCII is stored or looked for: a log of
/// ASCII ids never hashes a `String`.
public struct CardTable: Sendable {
    public private(set) var ids: [String] = []
    private var byteTable = ByteTable()
    /// Every id by its `String`, once an id beyond ASCII has been seen; nil before.
    private var strings: [String: Int32]?

    public init() {}

    /// Room for `count` ids without growing.
    mutating func reserveCapacity(_ count: Int) {
        ids.reserveCapacity(count)
        byteTable.reserveCapacity(count)
    }

    /// The number of `id` if the table holds it (as `number(_:)` would find it), without adding it.
    func find(_ id: String) -> Int32? {
        var text = id
        let byBytes = text.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            return byteTable.find(bytes, hash: ByteTable.hash(bytes))
        }
        if let byBytes { return byBytes }
        if let strings { return strings[id] }
        // Every id held is ASCII (so only an id beyond ASCII can equal one without the same bytes);
        // rare enough for a walk.
        guard !id.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return ids.firstIndex(of: id).map { Int32($0) }
    }

    /// Whether the table holds `id` (as `find(_:)` finds it).
    func contains(_ id: String) -> Bool { find(id) != nil }

    /// The numbers of the ids of `pending` already in the table, -1 for the others (and for
    /// decoded ones).
    func find(_ pending: [ReviewLog.PendingCard], in bytes: UnsafeRawBufferPointer) -> [Int32] {
        byteTable.find(pending, in: bytes)
    }

    /// The number of the id whose UTF-8 is `bytes` (a new one if unseen).
    mutating func number(utf8 bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = ByteTable.hash(bytes)
        if let number = byteTable.find(bytes, hash: hash) { return number }
        return number(String(decoding: bytes, as: UTF8.self), bytes: bytes, hash: hash)
    }

    /// The number of `id` (a new one if unseen).
    mutating func number(_ id: String) -> Int32 {
        var text = id
        return text.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            let hash = ByteTable.hash(bytes)
            if let number = byteTable.find(bytes, hash: hash) { return number }
            return number(id, bytes: bytes, hash: hash)
        }
    }

    /// `id`, whose bytes are not in the byte table: an equal `String` already numbered, or a new number.
    private mutating func number(_ id: String, bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        if strings == nil, !bytes.isASCII {
            strings = Dictionary(
                ids.enumerated().map { ($0.element, Int32($0.offset)) },
                uniquingKeysWith: { first, _ in first })
        }
        let number =
            strings?[id]
            ?? {
                let new = Int32(ids.count)
                ids.append(id)
                strings?[id] = new
                return new
            }()
        byteTable.insert(bytes, hash: hash, number: number)
        return number
    }
}

/// An open-addressing table from byte strings to numbers, so that the card id of each of millions
/// of log lines is found without making a `String` of it.
///
/// A lookup of a key of up to 40 bytes touches two places: the index (eight bytes a slot: a check
/// taken from the hash, and the record's place) and one 64-byte record holding the key's hash,
/// number, length and its first 40 bytes, so a table of many cards costs one cache miss a lookup,
/// not a slot, then the key's bytes elsewhere. Longer keys keep their remaining bytes in `tails`.
struct ByteTable: Sendable {
    private struct Record: Sendable {
        var hash: UInt64
        var value: Int32
        var count: Int32
        /// Where the bytes past `Record.headCount` lie in `tails`.
        var tailStart: Int
        var head: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
    }

    private static let headCount = 40
    /// Per slot: 0 when empty, else the hash's high half above the record's number + 1.
    private var index: [UInt64] = []
    private var records: [Record] = []
    private var tails: [UInt8] = []

    /// Eight bytes at a time, each word mixed by a multiplication, then MurmurHash3's finaliser,
    /// because the table uses the low bits. Only ever compared within one process.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        var offset = 0
        while offset + 8 <= count {
            hash =
                (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            for index in offset..<count {
                tail |= UInt64(bytes[index]) << UInt64(8 * (index - offset))
            }
            hash = (hash ^ tail) &* 0xFF51_AFD7_ED55_8CCD
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
    }

    /// Room for `count` keys without growing.
    mutating func reserveCapacity(_ count: Int) {
        var size = max(64, index.count)
        while count * 2 > size { size *= 2 }
        if size > index.count { resize(to: size) }
        records.reserveCapacity(count)
    }

    func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        guard !index.isEmpty else { return nil }
        let mask = index.count - 1
        let check = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        return index.withUnsafeBufferPointer { index in
            records.withUnsafeBufferPointer { records in
                while true {
                    let entry = index[slot]
                    if entry == 0 { return nil }
                    if entry >> 32 == check {
                        let number = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                        if let record = records.baseAddress.map({ $0 + number }), matches(record, bytes) {
                            return record.pointee.value
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// `find` for many keys: the numbers of those in the table, -1 for the others (and for keys
    /// with a negative count). A chunk of keys at a time, in three passes: each key's home slot,
    /// then the record that slot names, then the comparisons. The first two passes are short
    /// loops of independent reads, so the processor overlaps their cache misses instead of
    /// waiting for each in turn; the last finds what it compares in the cache.
    func find(_ keys: [ReviewLog.PendingCard], in bytes: UnsafeRawBufferPointer) -> [Int32] {
        var found = [Int32](repeating: -1, count: keys.count)
        guard !index.isEmpty, let base = bytes.baseAddress else { return found }
        let mask = index.count - 1
        let chunk = 512
        var home = [UInt64](repeating: 0, count: chunk)
        var candidate = [Int](repeating: -1, count: chunk)
        index.withUnsafeBufferPointer { index in
            records.withUnsafeBufferPointer { records in
                for start in stride(from: 0, to: keys.count, by: chunk) {
                    let range = start..<min(start + chunk, keys.count)
                    for position in range {
                        home[position - start] = index[Int(truncatingIfNeeded: keys[position].hash) & mask]
                    }
                    for position in range {
                        let entry = home[position - start]
                        let number = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                        // The record's length, read now: the comparison below finds it cached.
                        candidate[position - start] =
                            entry != 0 && entry >> 32 == keys[position].hash >> 32
                                && Int(records[number].count) == keys[position].count ? number : -1
                    }
                    for position in range where keys[position].count >= 0 {
                        let key = keys[position]
                        let bytes = UnsafeRawBufferPointer(start: base + key.start, count: key.count)
                        let number = candidate[position - start]
                        if number >= 0, let record = records.baseAddress.map({ $0 + number }),
                            matches(record, bytes)
                        {
                            found[position] = record.pointee.value
                        } else {
                            found[position] = find(bytes, hash: key.hash) ?? -1
                        }
                    }
                }
            }
        }
        return found
    }

    /// Where a record's first bytes lie within it.
    private static let headOffset = MemoryLayout<Record>.offset(of: \.head) ?? 24

    /// Whether the key of `record` is `bytes`.
    private func matches(_ record: UnsafePointer<Record>, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard Int(record.pointee.count) == bytes.count else { return false }
        guard let key = bytes.baseAddress else { return true }  // both empty
        let headCount = min(bytes.count, Self.headCount)
        if memcmp(UnsafeRawPointer(record) + Self.headOffset, key, headCount) != 0 { return false }
        guard bytes.count > headCount else { return true }
        return tails.withUnsafeBytes { tails in
            guard let tail = tails.baseAddress else { return false }
            return memcmp(tail + record.pointee.tailStart, key + headCount, bytes.count - headCount) == 0
        }
    }

    mutating func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64, number: Int32) {
        if (records.count + 1) * 2 > index.count { resize(to: max(64, index.count * 2)) }
        var record = Record(
            hash: hash, value: number, count: Int32(clamping: bytes.count), tailStart: tails.count)
        let headCount = min(bytes.count, Self.headCount)
        withUnsafeMutableBytes(of: &record.head) { head in
            head.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[..<headCount]))
        }
        if bytes.count > headCount { tails.append(contentsOf: bytes[headCount...]) }
        records.append(record)
        place(records.count - 1)
    }

    /// Puts record `number` in the index.
    private mutating func place(_ number: Int) {
        let hash = records[number].hash
        let mask = index.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while index[slot] != 0 { slot = (slot + 1) & mask }
        index[slot] = (hash >> 32) << 32 | UInt64(number + 1)
    }

    private mutating func resize(to size: Int) {
        index = [UInt64](repeating: 0, count: size)
        for number in records.indices { place(number) }
    }
}
