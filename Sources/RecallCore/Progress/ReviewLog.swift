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

    /// The number of the card id whose UTF-8 is `bytes` (a new one if unseen).
    mutating func cardNumber(utf8 bytes: UnsafeRawBufferPointer) -> Int32 {
        cards.number(utf8: bytes)
    }

    /// Appends a review read from a file; `id` is its id's UTF-8, `cardBytes` its card id's (nil
    /// when the card id was written with escapes).
    mutating func append(
        id: UnsafeRawBufferPointer, cardBytes: UnsafeRawBufferPointer?, card: Int32, time: Double,
        rating: Rating, verdict: Grade.Verdict, duration: Double, answer: String?
    ) {
        var entry = Entry(
            time: time, duration: duration, idStart: 0, card: card, idCount: 0, rating: rating,
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
        // As typed bytes: appended in one copy, checked a word at a time.
        let typed = id.assumingMemoryBound(to: UInt8.self)
        idBytes.append(contentsOf: typed)
        entry.idCount = Int32(clamping: id.count)
        entry.idIsASCII = typed.reduce(0, |) < 0x80
    }

    /// The milliseconds of an id that is `card`'s bytes, "@" and an `Int64` as Swift writes it
    /// (no leading zeros, no "+", no "-0"), or nil.
    static func milliseconds(id: UnsafeRawBufferPointer, card: UnsafeRawBufferPointer) -> Int64? {
        let count = card.count
        guard id.count > count + 1, id.count <= count + 21, id[count] == UInt8(ascii: "@"),
            UnsafeRawBufferPointer(rebasing: id[..<count]).elementsEqual(card)
        else { return nil }
        return canonicalInteger(UnsafeRawBufferPointer(rebasing: id[(count + 1)...]))
    }

    /// The `Int64` whose decimal form is exactly `digits`, or nil.
    static func canonicalInteger(_ digits: UnsafeRawBufferPointer) -> Int64? {
        guard let first = digits.first else { return nil }
        let isNegative = first == UInt8(ascii: "-")
        let magnitude = isNegative ? UnsafeRawBufferPointer(rebasing: digits[1...]) : digits
        guard let lead = magnitude.first, lead >= UInt8(ascii: "0"), lead <= UInt8(ascii: "9"),
            lead != UInt8(ascii: "0") || (magnitude.count == 1 && !isNegative), magnitude.count <= 19
        else { return nil }
        // Accumulated with its sign, so that `Int64.min` fits.
        var value: Int64 = 0
        for byte in magnitude {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) =
                isNegative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
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

    /// The number of `cardID` (a new one if unseen).
    mutating func cardNumber(_ cardID: String) -> Int32 {
        cards.number(cardID)
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
        if strings == nil, !ByteTable.isASCII(bytes) {
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
/// of log lines is found without making a `String` of it. A slot holds the key's hash, place and
/// number together, so that a lookup touches one slot and the key's bytes.
struct ByteTable: Sendable {
    private struct Slot: Sendable {
        var hash: UInt32 = 0
        var value: Int32 = -1
        var start = 0
        var count = 0
    }

    private var slots: [Slot] = []
    private var keys: [UInt8] = []
    private var used = 0

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

    /// Whether every byte is ASCII.
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var bits: UInt8 = 0
        for byte in bytes { bits |= byte }
        return bits < 0x80
    }

    /// Room for `count` keys without growing.
    mutating func reserveCapacity(_ count: Int) {
        var size = max(64, slots.count)
        while count * 2 > size { size *= 2 }
        if size > slots.count { resize(to: size) }
        keys.reserveCapacity(count * 32)
    }

    func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        let check = UInt32(truncatingIfNeeded: hash >> 32)
        var index = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBytes { arena in
                while true {
                    let slot = slots[index]
                    if slot.value < 0 { return nil }
                    if slot.hash == check, slot.count == bytes.count {
                        let stored = UnsafeRawBufferPointer(
                            rebasing: arena[slot.start..<(slot.start + slot.count)])
                        guard let left = stored.baseAddress, let right = bytes.baseAddress else {
                            return slot.value
                        }
                        if memcmp(left, right, bytes.count) == 0 { return slot.value }
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    mutating func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64, number: Int32) {
        if (used + 1) * 2 > slots.count { grow() }
        let start = keys.count
        keys.append(contentsOf: bytes)
        place(
            Slot(
                hash: UInt32(truncatingIfNeeded: hash >> 32), value: number, start: start, count: bytes.count),
            hash: hash)
        used += 1
    }

    private mutating func place(_ slot: Slot, hash: UInt64) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].value >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        resize(to: max(64, slots.count * 2))
    }

    private mutating func resize(to size: Int) {
        let old = slots
        slots = [Slot](repeating: Slot(), count: size)
        for slot in old where slot.value >= 0 {
            let bytes = keys.withUnsafeBytes {
                Self.hash(UnsafeRawBufferPointer(rebasing: $0[slot.start..<(slot.start + slot.count)]))
            }
            place(slot, hash: bytes)
        }
    }
}
