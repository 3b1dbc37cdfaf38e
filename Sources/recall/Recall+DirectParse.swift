import ArgumentParser

extension Recall {
    /// The REPL (`recall`, `recall repl`) and `recall study`, the commands a learner starts every
    /// day, parsed by ArgumentParser with their own command as the root: that spares building
    /// the tree of every subcommand, with the run-time conformance look-ups that go with it, at
    /// each launch. Only a parse that succeeds is used. Anything it refuses, including `--help`,
    /// `--version`, a completion-script request and every mistake, gives nil, and the caller
    /// parses again from `Recall`, so that help, usage and error messages are the root's.
    ///
    /// A parse that succeeds here gives the command the root's parse gives (the root has no
    /// options of its own, and these commands take no positional arguments, so no word can be
    /// read as a subcommand by one and as a value by the other); `RecallDirectParseTests` checks
    /// it case by case.
    static func parsedDirectly(_ arguments: [String]) -> (any ParsableCommand)? {
        let command: any ParsableCommand.Type
        var rest = arguments[...]
        switch arguments.first {
        case "study"?:
            command = Study.self
            rest = rest.dropFirst()
        case "repl"?:
            command = ReplCommand.self
            rest = rest.dropFirst()
        case let first? where !first.hasPrefix("-"):
            return nil
        default:
            command = ReplCommand.self
        }
        // A help request parses too, as ArgumentParser's own help command: that is the root's.
        guard let parsed = try? command.parseAsRoot(Array(rest)), type(of: parsed) == command else {
            return nil
        }
        return parsed
    }
}
