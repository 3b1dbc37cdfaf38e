import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `export -o` and import's deck file never replace a link, a device or a FIFO with a regular
/// file. The special files are made in a temporary folder: never the real /dev/null or /dev/stdout.
@Suite final class ExportSpecialFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "recall-special-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func type(_ name: String) -> mode_t {
        var info = stat()
        return lstat(path(name), &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test(arguments: ["md", "apkg"]) func aDeviceNodeIsWrittenThroughNotReplaced(_ format: String) throws {
        // A character device like /dev/null (1, 3), made here, so the real one is never at risk.
        guard mknod(path("null"), S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 else {
            Issue.record("mknod failed: \(String(cString: strerror(errno))) (tests run as root)")
            return
        }
        let result = try RecallProcess.run(["export", "csto", "--format", format, "-o", path("null")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(type("null") == S_IFCHR, "still a device")
    }

    @Test func aFIFOIsWrittenThrough() throws {
        #expect(mkfifo(path("pipe"), 0o644) == 0)
        let reader = FIFOReader(path: path("pipe"))
        let result = try RecallProcess.run(["export", "csto", "--format", "md", "-o", path("pipe")])
        #expect(result.status == 0, "\(result.stderr)")
        let received = reader.wait()
        #expect(String(decoding: received, as: UTF8.self).contains("Q: "))
        #expect(type("pipe") == S_IFIFO)
    }

    @Test func aSymbolicLinkIsFollowedAndItsFileReplaced() throws {
        try Data("old\n".utf8).write(to: folder.appendingPathComponent("real.md"))
        try FileManager.default.createSymbolicLink(atPath: path("link.md"), withDestinationPath: "real.md")
        let result = try RecallProcess.run(["export", "csto", "--format", "md", "-o", path("link.md")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(type("link.md") == S_IFLNK, "the link stays a link")
        #expect(try String(contentsOfFile: path("real.md"), encoding: .utf8).contains("Q: "))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func importFollowsALinkedDeckFile() throws {
        let decks = folder.appendingPathComponent("Decks")
        try FileManager.default.createDirectory(at: decks, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("cards.tsv")
        try Data("What is 2+2?\t4\n".utf8).write(to: source)
        try FileManager.default.createSymbolicLink(
            atPath: decks.appendingPathComponent("maths.yaml").path, withDestinationPath: path("kept.yaml"))
        let result = try RecallProcess.run(
            ["import", source.path, "--deck", "maths", "--decks-dir", decks.path], currentDirectory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(type("Decks/maths.yaml") == S_IFLNK)
        #expect(try String(contentsOfFile: path("kept.yaml"), encoding: .utf8).contains("2+2"))
    }
}

/// Reads a FIFO to its end on another thread, as a consumer process would.
final class FIFOReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(path: String) {
        Thread.detachNewThread {
            self.data = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readToEnd()) ?? Data()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
