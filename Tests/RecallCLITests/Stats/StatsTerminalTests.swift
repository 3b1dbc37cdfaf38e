import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `recall stats` on a pseudo-terminal: the width comes from the terminal itself and colour is
/// used unless `NO_COLOR` is set.
@Suite struct StatsTerminalTests {
    /// Runs `recall stats` with standard output on a pseudo-terminal `columns` wide and returns
    /// what it printed (line ends as written by the program).
    static func runOnTerminal(columns: UInt16, noColor: Bool) throws -> (status: Int32, output: String) {
        // posix_openpt, unlockpt and ptsname are not in Swift's Glibc module; these are the Linux
        // ioctls behind them (the same numbers on x86_64 and arm64).
        let unlock: UInt = 0x4004_5431  // TIOCSPTLCK
        let number: UInt = 0x8004_5430  // TIOCGPTN
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(master >= 0)
        defer { close(master) }
        var locked: Int32 = 0
        var index: UInt32 = 0
        try #require(ioctl(master, unlock, &locked) == 0)
        try #require(ioctl(master, number, &index) == 0)
        let slave = open("/dev/pts/\(index)", O_RDWR | O_NOCTTY)
        try #require(slave >= 0)
        var size = winsize(ws_row: 50, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        try #require(ioctl(slave, UInt(TIOCSWINSZ), &size) == 0)
        // Raw output: no "\n" → "\r\n" translation.
        var settings = termios()
        tcgetattr(slave, &settings)
        settings.c_oflag &= ~tcflag_t(OPOST)
        tcsetattr(slave, TCSANOW, &settings)

        let process = try RecallProcess.process(
            [
                "stats", "--progress-dir",
                FileManager.default.temporaryDirectory.appendingPathComponent("recall-none").path,
            ],
            environment: ["TERM": "xterm", "COLUMNS": "200"])
        if !noColor { process.environment?.removeValue(forKey: "NO_COLOR") }
        process.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        close(slave)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }  // EIO once the program has exited and closed the terminal
            bytes += buffer[0..<count]
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
    }

    @Test func widthComesFromTheTerminalNotColumns() throws {
        let (status, output) = try Self.runOnTerminal(columns: 52, noColor: true)
        #expect(status == 0)
        let lines = output.split(separator: "\n")
        #expect(lines.count > 10)
        #expect(lines.allSatisfy { $0.unicodeScalars.count <= 52 })
        // The state bar spans the whole terminal: 52 columns less the indent.
        #expect(lines.contains { $0 == "  " + String(repeating: "░", count: 50) })
        #expect(!output.contains("\u{1B}"))
    }

    @Test func colourOnATerminalWithoutNoColor() throws {
        let (status, output) = try Self.runOnTerminal(columns: 80, noColor: false)
        #expect(status == 0)
        #expect(output.contains("\u{1B}[1mStatistics"))
    }
}
