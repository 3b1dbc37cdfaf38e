import Foundation
import Testing

/// The folders of `RecallCore` form layers: a folder may use the types of the folders below it,
/// never the other way round. The compiler cannot see this (one module), so the test reads the
/// sources: it finds the top-level types each folder declares and the folders whose files name
/// them, and fails on any cycle in that graph.
@Suite struct FolderLayeringTests {
    @Test func noFolderOfTheCoreDependsOnAFolderThatDependsOnIt() throws {
        let graph = try SourceGraph(root: Self.coreSources)
        #expect(graph.folders.count > 5, "the sources were not found at \(Self.coreSources.path)")
        let cycles = graph.cycles()
        #expect(cycles.isEmpty, "folder cycles:\n\(cycles.map(graph.explain).joined(separator: "\n"))")
    }

    @Test func aCycleIsFoundWhereOneExists() throws {
        let graph = SourceGraph(files: [
            "A/One.swift": "struct One { let two: Two }",
            "B/Two.swift": "struct Two { func make() -> One? { nil } }",
            "C/Three.swift": "struct Three { let one: One }  // Two in a comment is no use",
        ])
        #expect(graph.cycles() == [["A", "B"]])
    }

    @Test func nestedTypesAndStringsAreNotUses() throws {
        let graph = SourceGraph(files: [
            "A/Card.swift": "struct Card {}",
            "B/Request.swift":
                "struct Request {\n    struct Card {}\n    let cards: [Card]\n    let n = \"Card\"\n}",
            "A/Uses.swift": "struct Uses { let r: Request }",
        ])
        #expect(graph.cycles().isEmpty)
    }

    static let coreSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/RecallCore")
}

/// Which folder declares each top-level type, and which folders name it.
private struct SourceGraph {
    /// folder → the folders whose types it names, with the names that make the edge.
    var uses: [String: [String: Set<String>]] = [:]
    var folders: Set<String> = []

    init(root: URL) throws {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(root.path.count + 1))
            files[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        self.init(files: files)
    }

    init(files: [String: String]) {
        var owner: [String: String] = [:]
        var nested: [String: Set<String>] = [:]
        let cleaned = files.mapValues(Self.withoutCommentsAndStrings)
        for (path, text) in cleaned {
            let folder = Self.folder(of: path)
            folders.insert(folder)
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                guard let name = Self.declaredName(in: line) else { continue }
                if line.first?.isWhitespace == false {
                    owner[name] = owner[name] ?? folder
                } else {
                    nested[folder, default: []].insert(name)
                }
            }
        }
        for (path, text) in cleaned {
            let folder = Self.folder(of: path)
            for word in Self.capitalisedWords(in: text) {
                guard let home = owner[word], home != folder, nested[folder]?.contains(word) != true
                else { continue }
                uses[folder, default: [:]][home, default: []].insert(word)
            }
        }
    }

    /// Every strongly connected group of two or more folders, each sorted, the groups sorted.
    func cycles() -> [[String]] {
        var groups: [[String]] = []
        var seen: Set<String> = []
        for start in folders.sorted() where !seen.contains(start) {
            let forward = reachable(from: start)
            let group = forward.filter { reachable(from: $0).contains(start) }.union([start])
            seen.formUnion(group)
            if group.count > 1 { groups.append(group.sorted()) }
        }
        return groups
    }

    func explain(_ group: [String]) -> String {
        var lines: [String] = []
        for from in group {
            for to in group where to != from {
                if let names = uses[from]?[to] {
                    lines.append("  \(from) uses \(to): \(names.sorted().joined(separator: ", "))")
                }
            }
        }
        return group.joined(separator: " ⇄ ") + "\n" + lines.joined(separator: "\n")
    }

    private func reachable(from start: String) -> Set<String> {
        var found: Set<String> = []
        var stack = [start]
        while let next = stack.popLast() {
            for target in uses[next]?.keys ?? [:].keys where !found.contains(target) {
                found.insert(target)
                stack.append(target)
            }
        }
        return found
    }

    private static func folder(of path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count > 1 ? String(parts[0]) : "."
    }

    private static let keywords: Set<Substring> = [
        "struct", "enum", "class", "protocol", "actor", "typealias",
    ]
    private static let modifiers: Set<Substring> = [
        "public", "package", "internal", "private", "fileprivate", "final", "indirect", "nonisolated",
    ]

    private static func declaredName(in line: Substring) -> String? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var index = 0
        while index < words.count, modifiers.contains(words[index]) || words[index].hasPrefix("@") {
            index += 1
        }
        guard index + 1 < words.count, keywords.contains(words[index]) else { return nil }
        let name = words[index + 1].prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
        return name.first?.isUppercase == true ? String(name) : nil
    }

    private static func capitalisedWords(in text: String) -> Set<String> {
        var words: Set<String> = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
            } else {
                if current.first?.isUppercase == true { words.insert(current) }
                current = ""
            }
        }
        if current.first?.isUppercase == true { words.insert(current) }
        return words
    }

    /// The text with `//` comments, `/* */` comments and string literals blanked out.
    private static func withoutCommentsAndStrings(_ text: String) -> String {
        var output = ""
        var characters = Array(text)[...]
        while let character = characters.first {
            if characters.starts(with: "//") {
                while let next = characters.first, next != "\n" { characters.removeFirst() }
            } else if characters.starts(with: "/*") {
                characters.removeFirst(2)
                while !characters.isEmpty, !characters.starts(with: "*/") { characters.removeFirst() }
                characters = characters.dropFirst(2)
                output.append(" ")
            } else if characters.starts(with: "\"\"\"") {
                characters.removeFirst(3)
                while !characters.isEmpty, !characters.starts(with: "\"\"\"") { characters.removeFirst() }
                characters = characters.dropFirst(3)
                output.append("\"\"")
            } else if character == "\"" {
                characters.removeFirst()
                while let next = characters.first, next != "\"", next != "\n" {
                    characters.removeFirst()
                    if next == "\\" { characters = characters.dropFirst() }
                }
                characters = characters.dropFirst()
                output.append("\"\"")
            } else {
                output.append(character)
                characters.removeFirst()
            }
        }
        return output
    }
}
