import CSystemZlib
public import Foundation

/// Parsed decks and their generated cards, kept on disk by the digest of the deck file's bytes,
/// so that a deck is parsed and its cards generated once per change of the file, not at every
/// start (issue 14).
///
/// An entry's key names everything that decides its contents: the deck file's bytes, the cache
/// format, recall's version and the program file's size and time (so a rebuilt recall with
/// another generator never reads the cards of the last one), and for cards the seed.
/// Files are replaced atomically (a temporary file renamed) and never trusted: a file whose
/// header, key, length or checksum does not match, or whose contents do not decode, is ignored
/// and rebuilt. A cache that cannot be read or written costs speed, never a card.
public struct DeckCache: Sendable {
    /// The folder holding the entries (`<cache>/decks`).
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The cache of the workspace the current folder is in (`Workspace.cache`), or nil when
    /// `RECALL_CACHE` is `off`.
    public static func located(environment: [String: String], currentDirectory: URL) -> DeckCache? {
        guard environment[Workspace.cacheVariable] != "off" else { return nil }
        let root = Workspace.locate(environment: environment, currentDirectory: currentDirectory)
            .cache(environment: environment, currentDirectory: currentDirectory)
        return DeckCache(directory: root.appendingPathComponent("decks", isDirectory: true))
    }

    /// Bumped when the binary form of an entry changes.
    static let formatVersion: UInt64 = 1
    static let magic = Array("recall-deck-cache\n".utf8)
    /// Past this many entries, writing one removes the oldest.
    static let maximumEntries = 64

    /// The deck in `data` (a deck file's bytes): from the cache when an entry for these bytes
    /// exists, else parsed and validated by `loader` and then kept.
    /// - Throws: what `DeckLoader.load(data:path:)` throws; a deck with errors is never kept.
    public func deck(data: Data, path: String, loader: DeckLoader = DeckLoader()) throws(DeckError) -> Deck {
        let digest = Self.digest(of: data)
        let key = "deck \(digest)"
        if let deck = read(key, { reader throws(CacheByteReader.Damaged) in try reader.deck(path: path) }) {
            var deck = deck
            deck.origin = DeckOrigin(digest: digest)
            return deck
        }
        var deck = try loader.load(data: data, path: path)
        deck.origin = DeckOrigin(digest: digest)
        var writer = CacheByteWriter(capacity: data.count)
        writer.deck(deck)
        write(key, writer.bytes)
        return deck
    }

    // MARK: - Entries

    /// The full key written into an entry: what it holds and everything that decides it.
    static func fullKey(_ key: String) -> String {
        "\(key) format \(formatVersion) recall \(RecallVersion.current) build \(buildIdentity)"
    }

    /// The running program's own file, by size and modification time: a rebuilt recall (with
    /// another generator, at the same version) never reads the cards the last build made. When
    /// the file cannot be examined, a value of this process alone: nothing is read back.
    ///
    /// (A digest of the core's sources made by the build plugin was tried first: SwiftPM then
    /// refused to build a package depending on this one after a source file was renamed.)
    static let buildIdentity: String = {
        #if os(Linux)
            let path = "/proc/self/exe"
        #else
            let path = Bundle.main.executablePath ?? ""
        #endif
        var info = stat()
        guard stat(path, &info) == 0 else { return "process-\(UUID().uuidString)" }
        #if os(Linux)
            let modified = info.st_mtim
        #else
            let modified = info.st_mtimespec
        #endif
        return "\(info.st_size)-\(modified.tv_sec).\(modified.tv_nsec)"
    }()

    /// The entry's file: named by a digest of its full key.
    func file(for key: String) -> URL {
        directory.appendingPathComponent(StableHash.digest(Self.fullKey(key)) + ".bin")
    }

    /// The digest of a deck file's bytes: FNV-1a and CRC-32 of them, and their count.
    static func digest(of data: Data) -> String {
        data.withUnsafeBytes { raw in
            var fnv = FNV1a64()
            fnv.combine(raw)
            let crc = CSystemZlib.crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count))
            return "\(String(fnv.value, radix: 16))-\(String(crc, radix: 16))-\(raw.count)"
        }
    }

    /// An entry's contents decoded by `decode`, or nil when there is none or it is damaged.
    func read<Value>(
        _ key: String, _ decode: (inout CacheByteReader) throws(CacheByteReader.Damaged) -> Value
    )
        -> Value?
    {
        guard let data = FileManager.default.contents(atPath: file(for: key).path) else { return nil }
        return data.withUnsafeBytes { raw -> Value? in
            var reader = CacheByteReader(raw)
            do {
                for byte in Self.magic where try reader.byte() != byte { return nil }
                guard try reader.unsigned() == Self.formatVersion, try reader.string() == Self.fullKey(key)
                else {
                    return nil
                }
                let length = try reader.unsigned()
                let checksum = try reader.unsigned()
                let start = reader.offset
                guard length == UInt64(raw.count - start) else { return nil }
                let payload = UnsafeRawBufferPointer(rebasing: raw[start...])
                let crc = CSystemZlib.crc32(
                    0, payload.bindMemory(to: Bytef.self).baseAddress, uInt(payload.count))
                guard UInt64(crc) == checksum else { return nil }
                let value = try decode(&reader)
                return reader.isAtEnd ? value : nil
            } catch {
                return nil
            }
        }
    }

    /// Writes an entry atomically; a failure (read-only folder, full disk) is ignored.
    func write(_ key: String, _ payload: [UInt8]) {
        var writer = CacheByteWriter(capacity: payload.count + 200)
        for byte in Self.magic { writer.byte(byte) }
        writer.unsigned(Self.formatVersion)
        writer.string(Self.fullKey(key))
        writer.unsigned(UInt64(payload.count))
        let crc = payload.withUnsafeBytes { raw in
            CSystemZlib.crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count))
        }
        writer.unsigned(UInt64(crc))
        var bytes = writer.bytes
        bytes += payload
        let url = file(for: key)
        let manager = FileManager.default
        do {
            if !manager.fileExists(atPath: directory.path) {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            return
        }
        removeOldEntries()
    }

    /// Keeps the folder to `maximumEntries` files, removing the least recently written.
    private func removeOldEntries() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path),
            names.count > Self.maximumEntries
        else { return }
        let dated = names.map { name -> (String, Date) in
            let path = directory.appendingPathComponent(name).path
            let attributes = try? manager.attributesOfItem(atPath: path)
            return (path, attributes?[.modificationDate] as? Date ?? .distantPast)
        }
        for (path, _) in dated.sorted(by: { $0.1 < $1.1 }).prefix(names.count - Self.maximumEntries) {
            try? manager.removeItem(atPath: path)
        }
    }
}
