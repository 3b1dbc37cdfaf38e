import Foundation
import Yams

/// Walks a composed YAML tree, collecting diagnostics with the place of each problem.
///
/// Every read names what it expects, so an instructor sees `expected a list of entity ids`
/// at the line and column of the offending node rather than a decoder's coding path.
final class YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    func error(_ message: String, at node: Node?) {
        diagnostics.append(Diagnostic(.error, file: file, at: location(of: node), message))
    }

    func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, file: file, at: location, message))
    }

    func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(line: 1, column: 1) }
        return SourceLocation(line: mark.line, column: mark.column)
    }

    /// The key/value pairs of a mapping, in file order, or an error naming what was expected.
    func mapping(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error("expected \(what) (a mapping of 'key: value' lines), found \(describe(node))", at: node)
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                error("expected a plain key in \(what)", at: keyNode)
                continue
            }
            if !seen.insert(key.string).inserted {
                error("duplicate key '\(key.string)' in \(what)", at: keyNode)
                continue
            }
            pairs.append((key.string, keyNode, value))
        }
        return pairs
    }

    /// The fields of a mapping by name; unknown fields are reported and dropped.
    func fields(_ node: Node, _ what: String, allowed: Set<String>) -> [String: Node]? {
        guard let pairs = mapping(node, what) else { return nil }
        var result: [String: Node] = [:]
        for pair in pairs {
            if allowed.contains(pair.key) {
                result[pair.key] = pair.value
            } else {
                let known = allowed.sorted().joined(separator: ", ")
                var message = "unknown field '\(pair.key)' in \(what); known fields: \(known)"
                if let guess = Suggestion.closest(to: pair.key, in: allowed) {
                    message = "unknown field '\(pair.key)' in \(what); did you mean '\(guess)'?"
                }
                error(message, at: pair.keyNode)
            }
        }
        return result
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error("expected \(what) (a list), found \(describe(node))", at: node)
            return nil
        }
        return Array(sequence)
    }

    func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error("expected \(what) (text), found \(describe(node))", at: node)
            return nil
        }
        let text = scalar.string.trimmingWhitespace
        if text.isEmpty {
            error("\(what) is empty", at: node)
            return nil
        }
        return text
    }

    func int(_ node: Node, _ what: String) -> Int? {
        guard case .scalar(let scalar) = node,
            let value = Int(scalar.string.replacingOccurrences(of: "_", with: ""))
        else {
            error("expected \(what) (a whole number), found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar(let scalar) = node else {
            error("expected \(what) (true or false), found \(describe(node))", at: node)
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("expected \(what) (true or false), found '\(scalar.string)'", at: node)
            return nil
        }
    }

    func strings(_ node: Node, _ what: String) -> [String]? {
        if case .scalar = node, let single = string(node, what) { return [single] }
        guard let items = sequence(node, "a list of \(what)") else { return nil }
        let values = items.compactMap { string($0, what) }
        return values.count == items.count ? values : nil
    }

    /// An identifier: letters, digits, `-`, `_` and `.`, starting with a letter or digit.
    func identifier(_ node: Node, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        guard Self.isIdentifier(text) else {
            error("\(what) '\(text)' may only use letters, digits, '-', '_' and '.'", at: node)
            return nil
        }
        return text
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
            first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII
                && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                    || "-_.".unicodeScalars.contains($0))
        }
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string.prefix(40))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
