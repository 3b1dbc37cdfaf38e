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
        guard entry.compressedSize <= fileSize else {
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
