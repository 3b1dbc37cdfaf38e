@preconcurrency import CReadline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What Tab completes at the REPL: command names first; then, by command, deck ids, profile
/// names, query filters (`kind:choice`) or file paths.
struct Completion {
    var commands: [String] = []
    var decks: [String] = []
    var profiles: [String] = []
    var queryWords: [String] = []
    /// Commands whose arguments are deck ids, query terms, profile names or file paths.
    var deckCommands: Set<String> = ["study", "decks", "export"]
    var queryCommands: Set<String> = ["quiz", "cards", "search"]
    var profileCommands: Set<String> = ["profile"]
    var pathCommands: Set<String> = ["export"]

    /// The candidates for the word being typed, given the words before it.
    func candidates(for prefix: String, after words: [String]) -> (words: [String], files: Bool) {
        guard let command = words.first else { return (commands.filter { $0.hasPrefix(prefix) }, false) }
        var pool: [String] = []
        if deckCommands.contains(command) { pool += decks }
        if queryCommands.contains(command) { pool += queryWords }
        if profileCommands.contains(command) { pool += profiles }
        if command == "export", words.count >= 2 { pool += ["apkg", "tsv", "csv", "md", "quiz", "json"] }
        let matches = pool.filter { $0.hasPrefix(prefix) }
        return (matches, pathCommands.contains(command) && words.count >= 2)
    }

    /// Makes readline call back into `completion`.
    static func install(_ completion: Completion) {
        active = completion
        rl_attempted_completion_function = attempt
        rl_completer_word_break_characters = UnsafePointer(wordBreaks)
        _ = rl_variable_bind("show-all-if-ambiguous", "on")
    }

    // Readline calls back through C function pointers that cannot capture context.
    nonisolated(unsafe) static var active = Completion()
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var matchIndex = 0
    /// Words end at blanks and quotes only, so `kind:choice` and paths complete as one word
    /// (deliberately leaked: readline keeps the pointer).
    nonisolated(unsafe) static let wordBreaks = strdup(" \t\n\"'")

    private static let generator:
        @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
            if state == 0 { matchIndex = 0 }
            guard matchIndex < matches.count else { return nil }
            defer { matchIndex += 1 }
            return strdup(matches[matchIndex])
        }

    private static let attempt:
        @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<
            UnsafeMutablePointer<CChar>?
        >? = { text, start, _ in
            let prefix = text.map { String(cString: $0) } ?? ""
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            let before = String(line.utf8.prefix(Int(max(0, start)))) ?? ""
            let words = before.split(whereSeparator: \.isWhitespace).map(String.init)
            let found = active.candidates(for: prefix, after: words)
            matches = found.words
            if matches.isEmpty, found.files {
                rl_attempted_completion_over = 0  // fall back to readline's file names
                return nil
            }
            rl_attempted_completion_over = 1
            return rl_completion_matches(text, generator)
        }
}
