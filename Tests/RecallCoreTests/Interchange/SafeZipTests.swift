import Foundation
import Testing

@testable import RecallCore

/// SafeZip reads the central directory and inflates members itself: damaged deflate data whose
/// headers are intact (what made ZIPFoundation's inflate loop spin for ever) is refused at once.
@Suite(.timeLimit(.minutes(1))) struct SafeZipTests {
    /// A deflated member as a zip writer made it: its raw deflate bytes, CRC and size.
    struct Deflated {
        var data: Data
        var crc32: UInt32
        var size: UInt64
    }

    static let text = Data((0..<4000).map { "line \($0) of a collection\n" }.joined().utf8)

    static func deflated(in folder: URL) throws -> Deflated {
        let url = folder.appendingPathComponent("seed.zip")
        try ImportBadInputTests.zip([("collection.anki2", text)], at: url)
        let bytes = try Data(contentsOf: url)
        let zip = try SafeZip(url: url, displayPath: "seed.zip")
        let entry = try #require(zip.entries["collection.anki2"])
        #expect(entry.method == 8)
        let start = try #require(SafeZip.dataOffset(in: bytes, localHeader: entry.localHeaderOffset))
        return Deflated(
            data: bytes[start..<start + Int(entry.compressedSize)], crc32: entry.crc32,
            size: entry.uncompressedSize)
    }

    /// A one-member zip whose headers say what they are told to, whatever the data.
    static func zip(name: String, method: UInt16, data: Data, crc32: UInt32, size: UInt64) -> Data {
        func le(_ value: UInt64, _ bytes: Int) -> [UInt8] {
            (0..<bytes).map { UInt8((value >> (8 * $0)) & 0xFF) }
        }
        let nameBytes = Array(name.utf8)
        var local: [UInt8] = le(0x0403_4B50, 4) + le(20, 2) + le(0, 2) + le(UInt64(method), 2) + le(0, 4)
        local += le(UInt64(crc32), 4) + le(UInt64(data.count), 4) + le(size, 4)
        local += le(UInt64(nameBytes.count), 2) + le(0, 2) + nameBytes
        var central: [UInt8] = le(0x0201_4B50, 4) + le(20, 2) + le(20, 2) + le(0, 2) + le(UInt64(method), 2)
        central += le(0, 4) + le(UInt64(crc32), 4) + le(UInt64(data.count), 4) + le(size, 4)
        central += le(UInt64(nameBytes.count), 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4)
        central += le(0, 4) + nameBytes
        let directoryOffset = UInt64(local.count + data.count)
        var end: [UInt8] = le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(1, 2) + le(1, 2)
        end += le(UInt64(central.count), 4) + le(directoryOffset, 4) + le(0, 2)
        return Data(local) + data + Data(central) + Data(end)
    }

    static func read(_ bytes: Data, in folder: URL) throws -> Result<Data, InterchangeError> {
        let url = folder.appendingPathComponent("member.zip")
        try bytes.write(to: url)
        return Result { () throws(InterchangeError) in
            try SafeZip(url: url, displayPath: "p.apkg").data("collection.anki2")
        }
    }

    @Test func anIntactMemberIsReadThroughTheOwnInflate() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let member = try Self.deflated(in: folder)
        let bytes = Self.zip(
            name: "collection.anki2", method: 8, data: member.data, crc32: member.crc32, size: member.size)
        #expect(try Self.read(bytes, in: folder) == .success(Self.text))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var reason: String
        var damage: @Sendable (Deflated) -> (data: Data, crc32: UInt32, size: UInt64)
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "deflate stream cut in half", reason: "its compressed data is cut short") {
            (Data($0.data.prefix($0.data.count / 2)), $0.crc32, $0.size)
        },
        Case(name: "deflate stream cut to one byte", reason: "its compressed data is cut short") {
            (Data($0.data.prefix(1)), $0.crc32, $0.size)
        },
        Case(name: "no deflate data at all", reason: "its compressed data is cut short") {
            (Data(), $0.crc32, $0.size)
        },
        Case(name: "declares fewer bytes than it expands to", reason: "it expands past the size it declares")
        {
            ($0.data, $0.crc32, $0.size / 2)
        },
        Case(
            name: "declares more bytes than it expands to",
            reason: "it holds \(text.count) bytes, not the \(text.count * 2) it declares"
        ) { ($0.data, $0.crc32, $0.size * 2) },
        Case(name: "wrong checksum", reason: "its checksum is wrong") { ($0.data, $0.crc32 ^ 1, $0.size) },
        Case(name: "garbage as deflate data", reason: "its compressed data is invalid") {
            (Data(repeating: 0xFF, count: 64), $0.crc32, $0.size)
        },
    ]

    @Test(arguments: cases)
    func damagedDeflateDataIsRefusedWithTheReason(_ item: Case) throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let damaged = item.damage(try Self.deflated(in: folder))
        let bytes = Self.zip(
            name: "collection.anki2", method: 8, data: damaged.data, crc32: damaged.crc32, size: damaged.size)
        #expect(
            try Self.read(bytes, in: folder)
                == .failure(
                    .notAnkiPackage(path: "p.apkg", reason: "'collection.anki2' is damaged (\(item.reason))"))
        )
    }

    /// Mutations of the deflate data alone, the headers left whole: every one is read or refused,
    /// none waits (each round must finish in a fraction of a second).
    @Test func mutatedDeflateDataWithIntactHeadersNeverHangs() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let member = try Self.deflated(in: folder)
        var mutator = Mutator(seed: 5, purpose: "deflate")
        let clock = ContinuousClock()
        var refused = 0
        for round in 0..<500 {
            let data = Data(mutator.mutate([UInt8](member.data)))
            let bytes = Self.zip(
                name: "collection.anki2", method: 8, data: data, crc32: member.crc32, size: member.size)
            let started = clock.now
            if case .failure(let error) = try Self.read(bytes, in: folder) {
                refused += 1
                #expect(error.errorDescription?.contains("collection.anki2") == true)
            }
            #expect(clock.now - started < .milliseconds(500), "round \(round) was slow")
        }
        #expect(refused > 400)
    }

    @Test func aStoredMemberMustDeclareOneSize() throws {
        let folder = try InterchangeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = Self.zip(name: "collection.anki2", method: 0, data: Data("abc".utf8), crc32: 0, size: 9)
        #expect(
            try Self.read(bytes, in: folder)
                == .failure(
                    .notAnkiPackage(
                        path: "p.apkg",
                        reason: "'collection.anki2' is damaged (its stored size and its size differ)"
                    )))
    }
}
