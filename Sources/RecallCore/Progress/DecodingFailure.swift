import Foundation

/// Turns a decoder's error into `ProgressError.malformed` with a line and column.
enum DecodingFailure {
    /// The error for `error`, thrown while decoding `data` read from `file`.
    ///
    /// - Parameter firstLine: the line `data` starts on in `file` (journal lines are decoded one by one).
    static func progressError(
        for error: any Error, in data: Data, file: String, firstLine: Int = 1
    ) -> ProgressError {
        let bytes = [UInt8](data)
        let (offset, reason) = locate(error, in: bytes)
        let (line, column) = JSONLocator.lineColumn(of: offset, in: bytes)
        return .malformed(file: file, line: firstLine + line - 1, column: column, reason: reason)
    }

    static func locate(_ error: any Error, in bytes: [UInt8]) -> (offset: Int, reason: String) {
        if let syntax = JSONLocator.firstSyntaxError(in: bytes) {
            return (syntax.offset, "invalid JSON: \(syntax.message)")
        }
        guard let decoding = error as? DecodingError else {
            return (0, error.localizedDescription)
        }
        switch decoding {
        case .dataCorrupted(let context):
            return (
                JSONLocator.offset(of: context.codingPath, in: bytes),
                described(context.codingPath, context.debugDescription)
            )
        case .typeMismatch(_, let context):
            return (
                JSONLocator.offset(of: context.codingPath, in: bytes),
                described(context.codingPath, lowercasedFirst(context.debugDescription))
            )
        case .valueNotFound(_, let context):
            return (
                JSONLocator.offset(of: context.codingPath, in: bytes),
                described(context.codingPath, "a value is required here, not null")
            )
        case .keyNotFound(let key, let context):
            return (
                JSONLocator.offset(of: context.codingPath, in: bytes),
                described(context.codingPath, "missing key '\(key.stringValue)'")
            )
        @unknown default:
            return (0, String(describing: decoding))
        }
    }

    /// `reviews[3].rating: unknown rating '7' …`
    static func described(_ path: [any CodingKey], _ message: String) -> String {
        guard !path.isEmpty else { return message }
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return "\(text): \(message)"
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
