import Foundation
import PackagePlugin

/// Builds the decks that ship inside `recall` from the files in `Decks/`, so the program has the
/// bundled deck from any folder and no generated copy is committed beside its source.
@main
struct EmbedDecks: BuildToolPlugin {
    /// The deck files built into the program: the bundled CSTO deck. Decks an instructor adds to
    /// `Decks/` are read from the folder at run time, not built in.
    static let bundled = ["csto.yaml"]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(path: "Scripts/embed-decks")
        let inputs = Self.bundled.map { package.appending(path: "Decks/\($0)") }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledDecks.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(Self.bundled.joined(separator: ", ")) into \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, output.path] + inputs.map(\.path),
                inputFiles: [script] + inputs,
                outputFiles: [output])
        ]
    }
}
