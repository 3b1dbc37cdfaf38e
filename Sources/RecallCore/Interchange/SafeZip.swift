import CSystemZlib
import Foundation

/// Reads chosen members of an untrusted zip file with limits: entry count, total size, and
/// entry names that stay inside the folder they would be extracted to.
///
/// The central directory is read here, and every member is inflated here with the system zlib,
/// bounded on both sides: the input is exactly the member's declared compressed bytes (which must
/// lie inside the file), the output stops at the member's declared size and at the limit. A
/// truncated or endless deflate stream is therefore refused after one pass over those bytes;
/// nothing waits for input that will never come. Sizes are counted while decompressing, not
/// trusted from the headers, so a zip bomb that lies about its sizes is stopped at the limit.
struct SafeZip {
    /// Limits for one archive.
    struct Limits {
        var maximumEntries = 10_000
        /// The most bytes extracted from one archive, counted while decompressing.
        var maximumExtractedBytes = 256 * 1024 * 1024
    }

    /// One member, as the central directory describes it.
    struct Entry: Equatable {
        var path: String
        /// 0 stored, 8 deflated.
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64

        var isDirectory: Bool { path.hasSuffix("/") }
    }

    let url: URL
    let displayPath: String
    let limits: Limits
    /// Entries by path, after the name and count checks.
    let entries: [String: Entry]
    /// The archive's bytes.
    private let bytes: Data

    init(url: URL, displayPath: String, limits: Limits = Limits()) throws(InterchangeError) {
        self.url = url
        self.displayPath = displayPath
        self.limits = limits
        guard let bytes = try? Data(contentsOf: url), let directory = Self.directory(in: bytes) else {
            throw .notAnkiPackage(path: displayPath, reason: "it is not a readable zip file")
        }
        self.bytes = bytes
        var found: [String: Entry] = [:]
        var offset = directory.offset
        for index in 0..<directory.count {
            guard index < limits.maximumEntries else {
                throw .zipBomb(
                    path: displayPath, reason: "it holds more than \(limits.maximumEntries) entries")
            }
            guard let (entry, next) = Self.centralEntry(in: bytes, at: offset) else {
                throw .notAnkiPackage(path: displayPath, reason: "it is not a readable zip file")
            }
            guard Self.isSafe(entry.path) else { throw .unsafePath(path: displayPath, entry: entry.path) }
            found[entry.path] = entry
            offset = next
        }
        entries = found
    }

    /// Whether a member name stays inside the folder: relative, no `..`, no backslashes or NULs.
    static func isSafe(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0") else {
            return false
        }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// The bytes of member `name`, stopping at `limit` bytes (a zip bomb), on a truncated stream
    /// and on a bad size or checksum.
    func data(_ name: String, limit: Int? = nil) throws(InterchangeError) -> Data {
        guard let entry = entries[name] else {
            throw .notAnkiPackage(path: displayPath, reason: "no '\(name)' inside")
        }
        guard !entry.isDirectory else {
            throw .notAnkiPackage(path: displayPath, reason: "'\(name)' is not a file")
        }
        func damaged(_ why: String) -> InterchangeError {
            .notAnkiPackage(path: displayPath, reason: "'\(name)' is damaged (\(why))")
        }
        guard entry.flags & 1 == 0 else {
            throw .notAnkiPackage(path: displayPath, reason: "'\(name)' is encrypted")
        }
        guard let start = Self.dataOffset(in: bytes, localHeader: entry.localHeaderOffset),
            entry.compressedSize <= UInt64(bytes.count - start)
        else { throw damaged("it claims more bytes than the file has") }
        let cap = min(limit ?? limits.maximumExtractedBytes, limits.maximumExtractedBytes)
        let input = bytes[(bytes.startIndex + start)..<(bytes.startIndex + start + Int(entry.compressedSize))]
        let result: Data
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw damaged("its stored size and its size differ")
            }
            guard input.count <= cap else { throw bomb(name, cap) }
            result = Data(input)
        case 8:
            result = try inflate(input, name: name, cap: cap, declared: entry.uncompressedSize)
        default:
            throw .notAnkiPackage(
                path: displayPath,
                reason: "'\(name)' uses a compression recall cannot read (method \(entry.method))")
        }
        guard UInt64(result.count) == entry.uncompressedSize else {
            throw damaged("it holds \(result.count) bytes, not the \(entry.uncompressedSize) it declares")
        }
        let checksum = result.withUnsafeBytes { raw in
            UInt32(
                CSystemZlib.crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
        }
        guard checksum == entry.crc32 else { throw damaged("its checksum is wrong") }
        return result
    }

    private func bomb(_ name: String, _ cap: Int) -> InterchangeError {
        .zipBomb(
            path: displayPath, reason: "'\(name)' expands to more than \(InterchangeError.megabytes(cap))")
    }

    /// Raw deflate of `input`, all of it given at once: the stream must end inside it, and the
    /// output may not pass the declared size or `cap`.
    private func inflate(_ input: Data, name: String, cap: Int, declared: UInt64) throws(InterchangeError)
        -> Data
    {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else {
            throw .notAnkiPackage(path: displayPath, reason: "'\(name)' cannot be extracted (zlib failed)")
        }
        defer { inflateEnd(&stream) }
        // One byte beyond the declared size is room enough to see that a member lies about it.
        let ceiling = Int(min(UInt64(cap), declared)) + 1
        var output = Data(count: min(ceiling, max(64 * 1024, Int(min(declared, 64 * 1024 * 1024)) + 1)))
        var produced = 0
        var status: Int32 = Z_OK
        input.withUnsafeBytes { raw in
            // zlib only reads through next_in (it is `z_const` in C).
            stream.next_in = raw.baseAddress.map {
                UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self))
            }
            stream.avail_in = uInt(raw.count)
            while status == Z_OK, produced < ceiling {
                if produced == output.count { output.count = min(ceiling, output.count * 2) }
                let room = output.count - produced
                let before = stream.avail_in
                status = output.withUnsafeMutableBytes { out in
                    guard let base = out.bindMemory(to: Bytef.self).baseAddress else { return Z_MEM_ERROR }
                    stream.next_out = base + produced
                    stream.avail_out = uInt(room)
                    return CSystemZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let made = room - Int(stream.avail_out)
                produced += made
                // No input taken and no output made: the stream can go no further.
                if status == Z_OK, made == 0, stream.avail_in == before { status = Z_BUF_ERROR }
            }
        }
        if produced > Int(min(UInt64(cap), declared)) {
            if UInt64(produced) > declared {
                throw .notAnkiPackage(
                    path: displayPath, reason: "'\(name)' is damaged (it expands past the size it declares)")
            }
            throw bomb(name, cap)
        }
        guard status == Z_STREAM_END else {
            let why =
                status == Z_BUF_ERROR ? "its compressed data is cut short" : "its compressed data is invalid"
            throw .notAnkiPackage(path: displayPath, reason: "'\(name)' is damaged (\(why))")
        }
        output.count = produced
        return output
    }

    // MARK: - The zip structures (APPNOTE.TXT 4.3)

    private static func u16(_ data: Data, _ at: Int) -> UInt16 {
        let i = data.startIndex + at
        return UInt16(data[i]) | UInt16(data[i + 1]) << 8
    }

    private static func u32(_ data: Data, _ at: Int) -> UInt32 {
        UInt32(u16(data, at)) | UInt32(u16(data, at + 2)) << 16
    }

    private static func u64(_ data: Data, _ at: Int) -> UInt64 {
        UInt64(u32(data, at)) | UInt64(u32(data, at + 4)) << 32
    }

    /// Where the central directory starts and how many entries it holds, from the end record
    /// (and the zip64 end record when the end record says so).
    static func directory(in data: Data) -> (offset: Int, count: Int)? {
        guard data.count >= 22 else { return nil }
        var end = data.count - 22
        let lowest = max(0, data.count - 22 - 65_535)
        while end >= lowest, u32(data, end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { return nil }
        var count = UInt64(u16(data, end + 10))
        var offset = UInt64(u32(data, end + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF, end >= 20, u32(data, end - 20) == 0x0706_4B50 {
            let record = u64(data, end - 20 + 8)
            guard record <= UInt64(data.count - 56), u32(data, Int(record)) == 0x0606_4B50 else { return nil }
            count = u64(data, Int(record) + 32)
            offset = u64(data, Int(record) + 48)
        }
        guard offset <= UInt64(data.count), count <= UInt64(data.count / 46) else { return nil }
        return (Int(offset), Int(count))
    }

    /// The central directory entry at `offset`, and where the next one starts.
    static func centralEntry(in data: Data, at offset: Int) -> (Entry, Int)? {
        guard offset >= 0, offset + 46 <= data.count, u32(data, offset) == 0x0201_4B50 else { return nil }
        let nameLength = Int(u16(data, offset + 28))
        let extraLength = Int(u16(data, offset + 30))
        let commentLength = Int(u16(data, offset + 32))
        let next = offset + 46 + nameLength + extraLength + commentLength
        guard next <= data.count else { return nil }
        let nameStart = data.startIndex + offset + 46
        let nameBytes = data[nameStart..<(nameStart + nameLength)]
        let path =
            String(validating: nameBytes, as: UTF8.self)
            ?? String(decoding: nameBytes.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        var entry = Entry(
            path: path, method: u16(data, offset + 10), flags: u16(data, offset + 8),
            crc32: u32(data, offset + 16), compressedSize: UInt64(u32(data, offset + 20)),
            uncompressedSize: UInt64(u32(data, offset + 24)),
            localHeaderOffset: UInt64(u32(data, offset + 42)))
        // Zip64: the sizes and offset that do not fit in 32 bits are in extra field 0x0001, in order.
        var extra = offset + 46 + nameLength
        let extraEnd = extra + extraLength
        while extra + 4 <= extraEnd {
            let id = u16(data, extra)
            let size = Int(u16(data, extra + 2))
            var field = extra + 4
            let fieldEnd = min(field + size, extraEnd)
            if id == 0x0001 {
                func take(_ value: inout UInt64) {
                    guard value == 0xFFFF_FFFF, field + 8 <= fieldEnd else { return }
                    value = u64(data, field)
                    field += 8
                }
                take(&entry.uncompressedSize)
                take(&entry.compressedSize)
                take(&entry.localHeaderOffset)
            }
            extra += 4 + size
        }
        return (entry, next)
    }

    /// Where a member's data starts, from its local header (whose name and extra-field lengths
    /// may differ from the central directory's); nil when there is no local header there.
    static func dataOffset(in data: Data, localHeader: UInt64) -> Int? {
        guard localHeader <= UInt64(data.count), Int(localHeader) + 30 <= data.count,
            u32(data, Int(localHeader)) == 0x0403_4B50
        else { return nil }
        let start =
            Int(localHeader) + 30 + Int(u16(data, Int(localHeader) + 26))
            + Int(u16(data, Int(localHeader) + 28))
        return start <= data.count ? start : nil
    }
}
