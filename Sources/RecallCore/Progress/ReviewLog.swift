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
        /// The card's number in `cardIDs`.
        public var card: Int32
        public var rating: Rating
        public var verdict: Grade.Verdict
        /// Where the review's id lies in `idBytes`.
        var idStart: Int
        var idCount: Int
        var idIsASCII: Bool
        /// Taken back by an undo line.
        var isRemoved = false
        /// The number of the kept wrong answer in `answers`, or -1.
        var answer: Int32 = -1

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

    /// Appends a review read from a file; `id` is its id's UTF-8.
    mutating func append(
        id: UnsafeRawBufferPointer, card: Int32, time: Double, rating: Rating, verdict: Grade.Verdict,
        duration: Double, answer: String?
    ) {
        let start = idBytes.count
        // As typed bytes: appended in one copy, checked a word at a time.
        let typed = id.assumingMemoryBound(to: UInt8.self)
        idBytes.append(contentsOf: typed)
        var entry = Entry(
            time: time, duration: duration, card: card, rating: rating, verdict: verdict, idStart: start,
            idCount: id.count, idIsASCII: typed.reduce(0, |) < 0x80)
        if keepsWrongAnswers, verdict == .wrong, let answer {
            entry.answer = Int32(answers.count)
            answers.append(answer)
        }
        entries.append(entry)
    }

    /// Appends `review`.
    mutating func append(_ review: Review) {
        entries.append(entry(for: review))
    }

    private mutating func entry(for review: Review) -> Entry {
        let card = cards.number(review.cardID)
        let start = idBytes.count
        idBytes.append(contentsOf: review.id.utf8)
        var entry = Entry(
            time: review.reviewedAt.timeIntervalSinceReferenceDate, duration: review.duration, card: card,
            rating: review.rating, verdict: review.verdict, idStart: start,
            idCount: idBytes.count - start, idIsASCII: review.id.utf8.allSatisfy { $0 < 0x80 })
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
        return idBytes.withUnsafeBufferPointer { arena in
            for index in entries.indices.reversed() where !entries[index].isRemoved {
                let entry = entries[index]
                let stored = UnsafeBufferPointer(
                    rebasing: arena[entry.idStart..<(entry.idStart + entry.idCount)])
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
        return String(decoding: idBytes[entry.idStart..<(entry.idStart + entry.idCount)], as: UTF8.self)
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
        let idOffset = idBytes.count - other.entries[range.lowerBound].idStart
        let idEnd =
            range.upperBound < other.entries.count
            ? other.entries[range.upperBound].idStart : other.idBytes.count
        idBytes += other.idBytes[other.entries[range.lowerBound].idStart..<idEnd]
        for var entry in other.entries[range] {
            if entry.card >= sharedCards { entry.card = added[Int(entry.card) - sharedCards] }
            entry.idStart += idOffset
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
public struct CardTable: Sendable {
    public private(set) var ids: [String] = []
    private var byteTable = ByteTable()
    private var numbers: [String: Int32] = [:]

    public init() {}

    /// The number of `id` if it is in the table.
    func find(utf8 bytes: UnsafeRawBufferPointer) -> Int32? {
        byteTable.find(bytes, hash: ByteTable.hash(bytes))
            ?? numbers[String(decoding: bytes, as: UTF8.self)]
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

    private mutating func number(_ id: String, bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        let number =
            numbers[id]
            ?? {
                let new = Int32(ids.count)
                ids.append(id)
                numbers[id] = new
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

    /// FNV-1a, then a finaliser (MurmurHash3's), because the table uses the low bits and FNV's
    /// low bits mix poorly (ids that differ in a digit in the middle would crowd together).
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
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
        let old = slots
        slots = [Slot](repeating: Slot(), count: max(64, slots.count * 2))
        for slot in old where slot.value >= 0 {
            let bytes = keys.withUnsafeBytes {
                Self.hash(UnsafeRawBufferPointer(rebasing: $0[slot.start..<(slot.start + slot.count)]))
            }
            place(slot, hash: bytes)
        }
    }
}
