import ArgumentParser

/// `recall class …`: for instructors who collect their learners' progress files.
struct ClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class", abstract: "Look at a class's progress files.",
        subcommands: [ClassReportCommand.self])
}
