import Foundation

/// Finds files in `Tests/RecallCoreTests/Fixtures`: in the test bundle's resources when SwiftPM
/// copied them, else next to this source file (for builds that skip resources).
enum FixtureFile {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "fixture '\(name)' is neither in Bundle.module nor next to the sources" }
    }

    static func url(_ name: String) throws -> URL {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        if let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures") {
            return url
        }
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // RecallCoreTests
            .appendingPathComponent("Fixtures")
            .appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: source.path) else { throw Missing(name: name) }
        return source
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }
}
