import Foundation

/// Writes the compact binary form of cached decks and cards (`DeckCache`): integers as LEB128
/// varints (zigzag for signed ones), text as a length and its UTF-8 bytes, a tag byte per case.
///
/// No field names and no alignment: the reader knows the order, and the cache file's key says
/// which format and which recall wrote it.
struct CacheByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ value: Int) {
        let wide = Int64(value)
        unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A flag byte, then the text when present.
    mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func optional(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    mutating func strings(_ values: [String]) {
        unsigned(UInt64(values.count))
        for value in values { string(value) }
    }

    mutating func ints(_ values: [Int]) {
        unsigned(UInt64(values.count))
        for value in values { int(value) }
    }

    mutating func array<Element>(_ values: [Element], _ write: (inout Self, Element) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }
}

/// Reads what `CacheByteWriter` wrote, refusing anything out of bounds or not UTF-8: a damaged
/// or foreign cache file is an error here, never a crash or a wrong value.
struct CacheByteReader {
    /// The bytes did not hold what the reader expected.
    struct Damaged: Error {}

    private let base: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, from offset: Int = 0) {
        self.base = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == base.count }

    mutating func byte() throws(Damaged) -> UInt8 {
        guard offset < base.count else { throw Damaged() }
        defer { offset += 1 }
        return base[offset]
    }

    mutating func unsigned() throws(Damaged) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw Damaged() }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(Damaged) -> Int {
        let raw = try unsigned()
        return Int(truncatingIfNeeded: Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    mutating func bool() throws(Damaged) -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        default: throw Damaged()
        }
    }

    /// A count of things that each take at least one byte, so a damaged count cannot ask for
    /// more memory than the file could describe.
    mutating func count() throws(Damaged) -> Int {
        let value = try unsigned()
        guard value <= UInt64(base.count - offset) else { throw Damaged() }
        return Int(value)
    }

    mutating func string() throws(Damaged) -> String {
        let length = try count()
        let bytes = UnsafeRawBufferPointer(rebasing: base[offset..<offset + length])
        offset += length
        let utf8 = bytes.assumingMemoryBound(to: UInt8.self)
        // Decoding repairs invalid UTF-8; the repaired text's bytes differ from the input, so
        // comparing them refuses it. (`String(validating:as:)` is not specialized: a profile of
        // reading 13,000 cards spent most of its time looking up its generic metadata.)
        var text = String(decoding: utf8, as: UTF8.self)
        let isIntact = text.withUTF8 { decoded in
            guard decoded.count == length else { return false }
            guard let left = decoded.baseAddress, let right = utf8.baseAddress else { return true }
            return memcmp(left, right, length) == 0
        }
        guard isIntact else { throw Damaged() }
        return text
    }

    mutating func optionalString() throws(Damaged) -> String? {
        try bool() ? try string() : nil
    }

    mutating func optionalInt() throws(Damaged) -> Int? {
        try bool() ? try int() : nil
    }

    mutating func strings() throws(Damaged) -> [String] {
        let count = try count()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }

    mutating func ints() throws(Damaged) -> [Int] {
        let count = try count()
        var values: [Int] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try int()) }
        return values
    }

    mutating func array<Element>(_ read: (inout Self) throws(Damaged) -> Element) throws(Damaged) -> [Element]
    {
        let count = try count()
        var values: [Element] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
}
