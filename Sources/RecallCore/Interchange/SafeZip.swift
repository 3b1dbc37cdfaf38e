import Foundation
import ZIPFoundation

/// Reads chosen members of an untrusted zip file with limits: entry count, total size, and
/// entry names that stay inside the folder they would be extracted to.
///
/// Sizes are counted while decompressing, not taken from the headers, so a zip bomb that lies
/// about its sizes is stopped as soon as it exceeds the limit.
struct SafeZip {
    /// Limits for one archive.
    struct Limits {
        var maximumEntries = 10_000
        /// The most bytes extracted from one archive, counted while decompressing.
        var maximumExtractedBytes = 256 * 1024 * 1024
    }

    let url: URL
    let displayPath: String
    let limits: Limits
    private let archive: Archive
    /// Entries by path, after the name and count checks.
    let entries: [String: Entry]
    /// The archive's size on disk: no entry's compressed data can be larger.
    let fileSize: UInt64
    /// The archive's bytes, to check each entry's local header before ZIPFoundation reads it.
    private let bytes: [UInt8]

    init(url: URL, displayPath: String, limits: Limits = Limits()) throws(InterchangeError) {
        self.url = url
        self.displayPath = displayPath
        self.limits = limits
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .notAnkiPackage(path: displayPath, reason: "it is not a readable zip file")
        }
        var found: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maximumEntries else {
                throw .zipBomb(
                    path: displayPath, reason: "it holds more than \(limits.maximumEntries) entries")
            }
            guard Self.isSafe(entry.path) else { throw .unsafePath(path: displayPath, entry: entry.path) }
            found[entry.path] = entry
        }
        entries = found
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        fileSize = (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
        bytes = [UInt8]((try? Data(contentsOf: url)) ?? Data())
    }

    /// Where member `name`'s data starts, from its local file header (signature, then the name
    /// and extra-field lengths at offsets 26 and 28); nil when no local header names it.
    func dataOffset(of name: String) -> Int? {
        let wanted = Array(name.utf8)
        var index = 0
        while index + 30 <= bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x03,
                bytes[index + 3] == 0x04
            {
                let nameLength = Int(bytes[index + 26]) | Int(bytes[index + 27]) << 8
                let extraLength = Int(bytes[index + 28]) | Int(bytes[index + 29]) << 8
                let start = index + 30
                if start + nameLength <= bytes.count, Array(bytes[start..<start + nameLength]) == wanted {
                    return start + nameLength + extraLength
                }
            }
            index += 1
        }
        return nil
    }

    /// Whether a member name stays inside the folder: relative, no `..`, no backslashes or NULs.
    static func isSafe(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0") else {
            return false
        }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// The bytes of member `name`, stopping at `limit` bytes (a zip bomb) and on a bad checksum.
    func data(_ name: String, limit: Int? = nil) throws(InterchangeError) -> Data {
        guard let entry = entries[name] else {
            throw .notAnkiPackage(path: displayPath, reason: "no '\(name)' inside")
        }
        guard entry.type == .file else {
            throw .notAnkiPackage(path: displayPath, reason: "'\(name)' is not a file")
        }
        // A damaged header can claim more compressed bytes than the file has; reading them would
        // wait at the end of the file for ever (ZIPFoundation keeps asking for the rest).
        // A stored entry is read by its uncompressed size.
        let size = entry.isCompressed ? entry.compressedSize : entry.uncompressedSize
        let end = dataOffset(of: name).map { UInt64($0) + size } ?? UInt64.max
        guard entry.compressedSize <= fileSize, end <= UInt64(bytes.count) else {
            throw .notAnkiPackage(
                path: displayPath, reason: "'\(name)' is damaged (it claims more bytes than the file has)")
        }
        let cap = min(limit ?? limits.maximumExtractedBytes, limits.maximumExtractedBytes)
        var result = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                guard result.count + chunk.count <= cap else { throw SizeExceeded() }
                result.append(chunk)
            }
        } catch is SizeExceeded {
            throw .zipBomb(
                path: displayPath, reason: "'\(name)' expands to more than \(InterchangeError.megabytes(cap))"
            )
        } catch {
            throw .notAnkiPackage(path: displayPath, reason: "'\(name)' cannot be extracted (\(error))")
        }
        return result
    }

    private struct SizeExceeded: Error {}
}
