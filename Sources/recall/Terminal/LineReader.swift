@preconcurrency import CReadline

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What reading a line gave.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: the line being typed was dropped.
    case interrupted
    /// Ctrl-D on an empty line, a closed pipe, SIGTERM or SIGHUP.
    case end
}

/// Where the REPL's lines come from.
protocol LineReader {
    /// A line; `remember`: whether it goes into the command history (answers never do).
    mutating func read(prompt: String, remember: Bool) -> LineInput
    /// One key (for the rating after an answer); a whole line where there is no terminal.
    mutating func readKey(prompt: String) -> LineInput
    func saveHistory()
    /// Saves the history where it was kept and goes on with the one at `path` (nil: none).
    mutating func useHistory(at path: String?)
    /// Whether `readKey` reads one key (so the Enter typed after it comes as a line of its own).
    var readsSingleKeys: Bool { get }
}

extension LineReader {
    mutating func read(prompt: String) -> LineInput { read(prompt: prompt, remember: true) }
    mutating func useHistory(at path: String?) {}
    var readsSingleKeys: Bool { false }

    /// The next line, or nil at the end of input (an interrupt reads as an empty line).
    mutating func readLine(prompt: String) -> String? {
        switch read(prompt: prompt) {
        case .line(let text): text
        case .interrupted: ""
        case .end: nil
        }
    }
}

/// Piped or redirected input: plain lines, no prompt, no editing, no escape codes. SIGTERM and
/// SIGHUP end input: the handlers (without SA_RESTART) interrupt the read(2) waiting for the next
/// line, so a session fed by a pipe also closes cleanly and releases its lock.
struct PipeLineReader: LineReader {
    /// Bytes read but not yet returned, shared by the copies of a reader (the REPL hands its
    /// reader to the study loop and takes it back).
    private final class Buffer {
        var bytes: [UInt8] = []
        var ended = false
    }

    private let buffer = Buffer()

    init() {
        terminationPending = 0
        // A parent may have started us with these blocked (posix_spawn keeps the mask).
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in [SIGTERM, SIGHUP] { sigaddset(&unblocked, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for signal in [SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in terminationPending = 1 }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    mutating func read(prompt: String, remember: Bool) -> LineInput {
        while terminationPending == 0 {
            if let newline = buffer.bytes.firstIndex(of: 10) {
                let end = newline > 0 && buffer.bytes[newline - 1] == 13 ? newline - 1 : newline
                let line = String(decoding: buffer.bytes[..<end], as: UTF8.self)
                buffer.bytes.removeSubrange(...newline)
                return .line(line)
            }
            if buffer.ended {
                guard !buffer.bytes.isEmpty else { return .end }
                let line = String(decoding: buffer.bytes, as: UTF8.self)
                buffer.bytes.removeAll()
                return .line(line)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = Glibc.read(STDIN_FILENO, &chunk, chunk.count)
            if count > 0 {
                buffer.bytes += chunk[..<count]
            } else if count == 0 || errno != EINTR {
                buffer.ended = true
            }
        }
        return .end
    }

    mutating func readKey(prompt: String) -> LineInput { read(prompt: prompt) }

    func saveHistory() {}
}

/// Set by signal handlers; read on the main thread by readline's signal hook.
nonisolated(unsafe) var interruptPending: sig_atomic_t = 0
nonisolated(unsafe) var terminationPending: sig_atomic_t = 0
nonisolated(unsafe) var lineWasInterrupted = false

/// GNU readline: line editing, a history file, Tab completion, and Ctrl-C that drops the line
/// being typed instead of the program.
struct ReadlineLineReader: LineReader {
    private(set) var historyPath: String?
    var readsSingleKeys: Bool { true }

    init(historyPath: String?, completion: Completion) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("recall"))  // for `$if recall` in ~/.inputrc
        if isatty(STDOUT_FILENO) == 0 {
            rl_outstream = fdopen(STDERR_FILENO, "w")  // keep the prompt on the terminal
        }
        Completion.install(completion)
        Self.installSignalHandling()
        stifle_history(1000)
        if let historyPath { _ = read_history(historyPath) }
    }

    mutating func read(prompt: String, remember: Bool) -> LineInput {
        lineWasInterrupted = false
        guard terminationPending == 0, let raw = CReadline.readline(prompt) else {
            rl_crlf()
            return .end
        }
        defer { free(raw) }
        if terminationPending != 0 { return .end }
        if lineWasInterrupted { return .interrupted }
        let line = String(cString: raw)
        if remember, line.contains(where: { !$0.isWhitespace }) { add_history(raw) }
        return .line(line)
    }

    /// One key without Enter, read with the terminal in non-canonical mode.
    mutating func readKey(prompt: String) -> LineInput {
        Console.writeTerminal(prompt)
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return read(prompt: "") }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &original) }
        let event = nextByte(from: STDIN_FILENO)
        if case .byte(let key) = event, (0x21..<0x7F).contains(key) {
            Console.writeTerminal(String(UnicodeScalar(key)))
        }
        Console.writeTerminal("\n")
        let byte: UInt8
        switch event {
        case .signal:
            if terminationPending != 0 { return .end }
            interruptPending = 0
            return .interrupted
        case .end:
            return .end
        case .byte(let value):
            byte = value
        }
        switch byte {
        case 3: return .interrupted  // Ctrl-C arrives as a byte: ISIG stays on, but just in case
        case 4: return .end
        case 10, 13, 32: return .line("")
        default:
            // An Enter typed with the key (`3⏎`) already waiting is part of it, not the next line.
            // Anything else already typed goes back to readline for the next line.
            var waiting = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            var next: UInt8 = 0
            if byte != UInt8(ascii: ":"), poll(&waiting, 1, 0) == 1, Glibc.read(STDIN_FILENO, &next, 1) == 1,
                next != 10, next != 13
            {
                _ = rl_stuff_char(Int32(next))
            }
            return .line(String(UnicodeScalar(byte)))
        }
    }

    func saveHistory() {
        guard let historyPath else { return }
        _ = write_history(historyPath)
    }

    mutating func useHistory(at path: String?) {
        saveHistory()
        clear_history()
        historyPath = path
        if let path { _ = read_history(path) }
    }

    /// Ctrl-C drops the line being typed and makes readline return it empty, flagged as
    /// interrupted; SIGTERM and SIGHUP end input the same way, so a session closes cleanly.
    ///
    /// Readline's own signal handling only acts on the next key, so it is turned off: our
    /// handlers (without SA_RESTART) interrupt the read in our `rl_getc_function`, which turns
    /// the signal into an Enter on an emptied line.
    private static func installSignalHandling() {
        interruptPending = 0
        terminationPending = 0
        rl_catch_signals = 0
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            signalPipeRead = fds[0]
            signalPipeWrite = fds[1]
            _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
            _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        }
        // A parent may have started us with these blocked (posix_spawn keeps the mask).
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblocked, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        setHandler(SIGINT) { _ in
            interruptPending = 1
            wakeReader()
        }
        setHandler(SIGTERM) { _ in
            terminationPending = 1
            wakeReader()
        }
        setHandler(SIGHUP) { _ in
            terminationPending = 1
            wakeReader()
        }
        rl_getc_function = { stream in
            let fd = stream.map { fileno($0) } ?? STDIN_FILENO
            switch nextByte(from: fd) {
            case .byte(let byte): return Int32(byte)
            case .end: return EOF
            case .signal:
                if interruptPending != 0 { lineWasInterrupted = true }
                interruptPending = 0
                rl_replace_line("", 0)
                return 10
            }
        }
    }

    private static func setHandler(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}

/// The self-pipe a signal handler writes to, so a reader waiting in poll(2) wakes up even when
/// the signal arrived just before it started waiting.
nonisolated(unsafe) var signalPipeRead: Int32 = -1
nonisolated(unsafe) var signalPipeWrite: Int32 = -1

/// Async-signal-safe: one byte into the self-pipe.
func wakeReader() {
    var byte: UInt8 = 1
    _ = Glibc.write(signalPipeWrite, &byte, 1)
}

/// What waiting for input gave.
enum ReaderEvent {
    case byte(UInt8)
    case end
    case signal
}

/// The next byte of `fd`, or `.signal` as soon as SIGINT, SIGTERM or SIGHUP is pending.
func nextByte(from fd: Int32) -> ReaderEvent {
    while true {
        if interruptPending != 0 || terminationPending != 0 {
            var drain = [UInt8](repeating: 0, count: 16)
            while Glibc.read(signalPipeRead, &drain, 16) > 0 {}
            return .signal
        }
        var watched = [
            pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalPipeRead, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&watched, signalPipeRead >= 0 ? 2 : 1, -1)
        if ready < 0 { if errno == EINTR { continue } else { return .end } }
        if watched[0].revents != 0 {
            var byte: UInt8 = 0
            let count = Glibc.read(fd, &byte, 1)
            if count == 1 { return .byte(byte) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            return .end
        }
    }
}

enum Terminal {
    /// Whether standard input is an interactive terminal (and not `TERM=dumb`).
    static var isInteractive: Bool {
        isatty(STDIN_FILENO) != 0 && getenv("TERM").map { String(cString: $0) } != "dumb"
    }

    /// Colour only on a terminal, never with `NO_COLOR` set or `TERM=dumb`.
    static var usesColor: Bool {
        isatty(STDOUT_FILENO) != 0 && getenv("NO_COLOR") == nil
            && getenv("TERM").map { String(cString: $0) } != "dumb"
    }

    /// A line reader fit for standard input.
    static func lineReader(historyPath: String? = nil, completion: Completion = Completion())
        -> any LineReader
    {
        isInteractive
            ? ReadlineLineReader(historyPath: historyPath, completion: completion) : PipeLineReader()
    }
}
