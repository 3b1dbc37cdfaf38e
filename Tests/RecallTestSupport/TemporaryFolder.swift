public import Foundation

/// A fresh folder under the temporary directory, removed with everything in it when the value
/// goes away: the one way tests make scratch space, so that no test leaves anything behind.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    /// - Parameter prefix: the start of the folder's name, to tell whose it is in a listing.
    public init(prefix: String = "recall-tests") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The URL of `name` inside the folder.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` as UTF-8 to `name` inside the folder.
    public func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    /// The bytes of `name` inside the folder.
    public func read(_ name: String) throws -> Data {
        try Data(contentsOf: url.appendingPathComponent(name))
    }
}
