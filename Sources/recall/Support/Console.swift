import Foundation

/// Writing to the terminal: results to stdout, diagnostics to stderr.
enum Console {
    /// One line on stderr: a newline in the message (from a file or a file name) cannot start
    /// a line of its own.
    static func error(_ message: String) {
        writeError("error: \(Style.safe(message, oneLine: true))\n")
    }

    static func warning(_ message: String) {
        writeError("warning: \(Style.safe(message, oneLine: true))\n")
    }

    /// Writes diagnostics to stderr. They quote decks, progress files and file names, so the
    /// whole text passes the neutraliser (recall never styles stderr).
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(Style.safe(text).utf8))
    }

    /// Prints `output` to stdout in one write (no partial lines when piped into `head`).
    static func write(_ output: String) {
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}

extension Console {
    /// Writes to the terminal the prompt goes to: stdout, or stderr when stdout is redirected.
    static func writeTerminal(_ text: String) {
        if isatty(STDOUT_FILENO) != 0 {
            FileHandle.standardOutput.write(Data(text.utf8))
        } else {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
