@preconcurrency import CReadline

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the REPL's lines come from. `nil` means end of input (Ctrl-D or a closed pipe).
protocol LineReader {
    mutating func readLine(prompt: String) -> String?
}

/// Piped or redirected input: no editing, and the prompt is printed only for a terminal.
struct PipeLineReader: LineReader {
    mutating func readLine(prompt: String) -> String? {
        Swift.readLine(strippingNewline: true)
    }
}

/// Set by the SIGINT handler; read on the main thread by readline's signal hook.
nonisolated(unsafe) var interruptPending: sig_atomic_t = 0

/// GNU readline: line editing, history, and Ctrl-C that drops the line instead of the program.
struct ReadlineLineReader: LineReader {
    let historyPath: String?

    init(historyPath: String?) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("recall"))  // for `$if recall` in ~/.inputrc
        if isatty(STDOUT_FILENO) == 0 {
            rl_outstream = fdopen(STDERR_FILENO, "w")  // keep the prompt on the terminal
        }
        rl_attempted_completion_over = 1
        Self.installInterruptHandling()
        stifle_history(1000)
        if let historyPath { _ = read_history(historyPath) }
    }

    mutating func readLine(prompt: String) -> String? {
        guard let raw = CReadline.readline(prompt) else {
            rl_crlf()
            return nil
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if line.contains(where: { !$0.isWhitespace }) { add_history(raw) }
        return line
    }

    func saveHistory() {
        guard let historyPath else { return }
        _ = write_history(historyPath)
    }

    /// Ctrl-C clears the line being typed and shows a fresh prompt (readline re-raises SIGINT to
    /// our handler, then calls the hook on the main thread).
    private static func installInterruptHandling() {
        interruptPending = 0
        signal(SIGINT) { _ in interruptPending = 1 }
        rl_signal_event_hook = {
            guard interruptPending != 0 else { return 0 }
            interruptPending = 0
            rl_replace_line("", 0)
            rl_crlf()
            rl_on_new_line()
            rl_redisplay()
            return 0
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
    static func lineReader(historyPath: String? = nil) -> any LineReader {
        isInteractive ? ReadlineLineReader(historyPath: historyPath) : PipeLineReader()
    }
}
