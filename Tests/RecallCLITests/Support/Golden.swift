import Foundation
import Testing

/// Whole-screen comparisons against files in `Tests/RecallCLITests/Golden/`, as argument-parser's
/// tests compare whole help screens: a change to what a user reads shows up as a diff of a file.
///
/// `Scripts/update-golden` (that is, `RECALL_UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests`)
/// rewrites the files from the current output; review the diff before committing it.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    static var isUpdating: Bool { ProcessInfo.processInfo.environment["RECALL_UPDATE_GOLDEN"] == "1" }

    /// Expects `actual` to equal the golden file `name`, or writes it when updating.
    static func expect(
        _ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let url = folder.appendingPathComponent(name)
        if isUpdating {
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "no golden file \(name); run Scripts/update-golden to create it",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard actual != expected else { return }
        Issue.record(
            "\(name) differs from the output (Scripts/update-golden rewrites it):\n\(firstDifference(expected, actual))",
            sourceLocation: sourceLocation)
    }

    /// The first line that differs, with its number, for a readable failure.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : "(end of file)"
            let after = index < new.count ? new[index] : "(end of output)"
            if before != after { return "line \(index + 1):\n  golden: \(before)\n  output: \(after)" }
        }
        return "(no line differs)"
    }
}
