import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Bulk input and output as bytes with read(2) and write(2), for commands that read a whole
/// document on stdin and answer with another (`recall scheduler replay`): no `Data` or `String`
/// copy of either, and a failed write is an error rather than a crash.
extension Console {
    /// Standard input to its end.
    static func readStandardInput() throws(ConsoleError) -> [UInt8] {
        var info = stat()
        let size =
            fstat(STDIN_FILENO, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        var bytes = [UInt8](repeating: 0, count: max(size + 1, 1 << 16))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(STDIN_FILENO, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if count > 0 {
                filled += count
            } else if count == 0 {
                bytes.removeSubrange(filled...)
                return bytes
            } else if errno != EINTR {
                throw .failed("read standard input", code: errno)
            }
        }
    }

    /// Writes all of `bytes` to standard output.
    static func writeStandardOutput(_ bytes: [UInt8]) throws(ConsoleError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(STDOUT_FILENO, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if count >= 0 {
                written += count
            } else if errno != EINTR {
                throw .failed("write standard output", code: errno)
            }
        }
    }
}

/// Why standard input or output could not be used.
enum ConsoleError: LocalizedError, Equatable {
    /// A read or write on a standard stream failed (`code` is the `errno`).
    case failed(String, code: Int32)

    var errorDescription: String? {
        switch self {
        case .failed(let operation, let code): "could not \(operation): \(String(cString: strerror(code)))"
        }
    }
}
