import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A running `recall` driven line by line: through pipes, or through a pseudo-terminal so that
/// readline, Tab completion and Ctrl-C behave as for a person at a terminal.
///
/// Tests synchronise on what the program prints (`waitFor`), never on sleeps; the deadline
/// only turns a hang into a failure.
final class InteractiveProcess: @unchecked Sendable {
    let process: Process
    private let input: FileHandle
    private let state = State()

    /// Output and exit, shared with the reader thread and the termination handler.
    private final class State: @unchecked Sendable {
        let lock = NSCondition()
        var buffer = ""
        var ended = false
        var exited = false
    }

    /// Starts `recall arguments`; with `terminal`, on a new pseudo-terminal of 100×30.
    init(_ arguments: [String], terminal: Bool, environment: [String: String] = [:], currentDirectory: URL)
        throws
    {
        process = try RecallProcess.process(
            arguments, environment: environment.merging(["TERM": "xterm"]) { $1 },
            currentDirectory: currentDirectory)
        let output: FileHandle
        let state = state
        process.terminationHandler = { _ in
            state.lock.lock()
            state.exited = true
            state.lock.broadcast()
            state.lock.unlock()
        }
        if terminal {
            // A new session with the pseudo-terminal as its controlling terminal, as a login
            // shell would give it, so that Ctrl-C raises SIGINT in recall (util-linux setsid -c).
            let recall = try RecallProcess.executable
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            process.arguments = ["-c", recall.path] + arguments
            var master: Int32 = 0
            var slave: Int32 = 0
            var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
            guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
            let slaveHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
            process.standardInput = slaveHandle
            process.standardOutput = slaveHandle
            process.standardError = slaveHandle
            input = FileHandle(fileDescriptor: master, closeOnDealloc: false)
            output = FileHandle(fileDescriptor: dup(master), closeOnDealloc: true)
            try process.run()
            try slaveHandle.close()
        } else {
            let stdin = Pipe()
            let stdout = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stdout
            input = stdin.fileHandleForWriting
            output = stdout.fileHandleForReading
            try process.run()
        }
        let thread = Thread {
            // Plain read(2): FileHandle traps on EINTR, and a pseudo-terminal ends with EIO.
            let fd = output.fileDescriptor
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 4096) }
                if count < 0, errno == EINTR { continue }
                state.lock.lock()
                if count <= 0 {
                    state.ended = true
                } else {
                    state.buffer += String(decoding: chunk[0..<count], as: UTF8.self)
                }
                state.lock.broadcast()
                state.lock.unlock()
                if count <= 0 { break }
            }
            _ = output
        }
        thread.start()
    }

    /// Everything printed so far.
    var transcript: String {
        state.lock.lock()
        defer { state.lock.unlock() }
        return state.buffer
    }

    func send(_ text: String) {
        try? input.write(contentsOf: Data(text.utf8))
    }

    /// Waits until the output after `offset` contains `text`; returns the offset just past it.
    @discardableResult
    func waitFor(_ text: String, after offset: String.Index? = nil, timeout: TimeInterval = 20) throws
        -> String.Index
    {
        let deadline = Date().addingTimeInterval(timeout)
        state.lock.lock()
        defer { state.lock.unlock() }
        while true {
            let buffer = state.buffer
            let start = offset.map { min($0, buffer.endIndex) } ?? buffer.startIndex
            if let range = buffer.range(of: text, range: start..<buffer.endIndex) { return range.upperBound }
            if state.ended || !state.lock.wait(until: deadline) {
                let tail = String(buffer.suffix(600))
                throw WaitError(
                    description:
                        "did not see '\(text)'\(state.ended ? " (output ended)" : ""); last output:\n\(tail)")
            }
        }
    }

    /// Waits for the process to exit and returns its status.
    func waitForExit(timeout: TimeInterval = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        state.lock.lock()
        while !state.exited {
            if !state.lock.wait(until: deadline) {
                state.lock.unlock()
                throw WaitError(description: "the process did not exit")
            }
        }
        state.lock.unlock()
        return process.terminationStatus
    }

    func closeInput() {
        try? input.close()
    }

    struct WaitError: Error, CustomStringConvertible {
        var description: String
    }
}
