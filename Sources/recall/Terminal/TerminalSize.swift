import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// How wide the terminal is, for output that must fit it.
enum TerminalSize {
    /// The width used when neither the terminal nor `$COLUMNS` says.
    static let fallbackColumns = 80

    /// Columns of the terminal on standard output (`TIOCGWINSZ`), else `$COLUMNS`, else 80.
    static var columns: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return columns(environment: ProcessInfo.processInfo.environment)
    }

    /// `$COLUMNS` if it is a positive number, else 80.
    static func columns(environment: [String: String]) -> Int {
        if let text = environment["COLUMNS"], let value = Int(text.trimmingCharacters(in: .whitespaces)),
            value > 0
        {
            return value
        }
        return fallbackColumns
    }
}
