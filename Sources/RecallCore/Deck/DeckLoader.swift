public import Foundation
import Yams

/// Reads deck files: YAML in, a validated `Deck` out, or every problem with its place.
public struct DeckLoader: Sendable {
    /// Decks larger than this are refused before parsing: a deck is hand-written text.
    public static let maximumFileSize = 8 * 1024 * 1024

    public init() {}

    /// Loads and validates the deck at `url`.
    /// - Throws: `DeckError.unreadable` or `DeckError.invalid` with every error found.
    public func load(contentsOf url: URL, displayPath: String? = nil) throws(DeckError) -> Deck {
        let path = displayPath ?? url.path
        return try load(data: try Self.readDeckFile(url, displayPath: path), path: path)
    }

    /// The bytes of a deck file, refusing folders and files over the size limit before reading.
    static func readDeckFile(_ url: URL, displayPath path: String) throws(DeckError) -> Data {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
                throw DeckError.unreadable(path: path, reason: "it is a folder, not a deck file")
            }
            if let size = (attributes[.size] as? NSNumber)?.intValue, size > maximumFileSize {
                throw DeckError.invalid([
                    Diagnostic(.error, file: path, at: SourceLocation(line: 1, column: 1), tooLarge(size))
                ])
            }
            return try Data(contentsOf: url)
        } catch let error as DeckError {
            throw error
        } catch {
            throw DeckError.unreadable(path: path, reason: reason(error))
        }
    }

    static func tooLarge(_ size: Int) -> String {
        let megabytes = Double(size) / 1_048_576
        return
            "the file is \(Int(megabytes.rounded())) MB; a deck may be at most \(maximumFileSize / 1_048_576) MB"
    }

    /// Loads and validates a deck from bytes; `path` names it in diagnostics.
    public func load(data: Data, path: String) throws(DeckError) -> Deck {
        let result = parse(data: data, path: path)
        if let deck = result.deck, !result.diagnostics.contains(where: { $0.severity == .error }) {
            return deck
        }
        throw DeckError.invalid(result.diagnostics.filter { $0.severity == .error })
    }

    /// Parses and validates, returning whatever deck could be built and every diagnostic
    /// (errors and warnings), for `recall deck lint`.
    public func parse(data: Data, path: String) -> (deck: Deck?, diagnostics: [Diagnostic]) {
        let reader = YAMLReader(file: path)
        guard data.count <= Self.maximumFileSize else {
            reader.error(Self.tooLarge(data.count), at: SourceLocation(line: 1, column: 1))
            return (nil, reader.diagnostics)
        }
        guard let text = decodeText(data, reader: reader) else { return (nil, reader.diagnostics) }
        guard let root = compose(text, reader: reader) else { return (nil, reader.diagnostics) }
        let deck = DeckBuilder(reader: reader).build(root, path: path)
        var diagnostics = reader.diagnostics
        if let deck {
            diagnostics += DeckValidator(deck: deck).diagnostics()
        }
        diagnostics.sort {
            ($0.location, $0.severity == .error ? 0 : 1) < ($1.location, $1.severity == .error ? 0 : 1)
        }
        return (deck, diagnostics)
    }

    /// UTF-8 text, or an error at the first NUL byte or invalid sequence (a binary file).
    private func decodeText(_ data: Data, reader: YAMLReader) -> String? {
        var bytes = [UInt8](data)
        // A UTF-8 byte-order mark (Anki's text files and many editors write one) is not content.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            reader.error(
                "the file is binary, not a YAML deck (a NUL byte)", at: Self.location(ofByte: nul, in: bytes))
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = Self.firstInvalidUTF8(bytes)
            reader.error(
                "the file is not UTF-8 text (an invalid byte)", at: Self.location(ofByte: bad, in: bytes))
            return nil
        }
        if text.allSatisfy(\.isWhitespace) {
            reader.error(
                "the file is empty; a deck needs at least a 'deck:' section with an id and a name",
                at: SourceLocation(line: 1, column: 1))
            return nil
        }
        return text
    }

    private func compose(_ text: String, reader: YAMLReader) -> Node? {
        do {
            // The parser keeps the anchors alive, so anchored nodes can be found while it exists.
            // The reader reads every scalar as text (`YAMLReader`), never by its resolved tag, so
            // the basic resolver is enough; the default one runs regular expressions on each scalar.
            let parser = try Yams.Parser(yaml: text, resolver: .basic)
            guard let root = try parser.singleRoot() else {
                reader.error("the file holds no YAML document", at: SourceLocation(line: 1, column: 1))
                return nil
            }
            if let anchored = withExtendedLifetime(parser, { Self.firstAnchoredNode(in: root) }) {
                reader.error(
                    "YAML anchors and aliases ('&name', '*name') are not allowed in a deck: recall's format"
                        + " has no use for them and they can multiply a small file many times over;"
                        + " write the value out where it is needed",
                    at: reader.location(of: anchored))
                return nil
            }
            return root
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                let where_ = context.map { " \($0.text)" } ?? ""
                reader.error(
                    "YAML syntax: \(problem)\(where_)",
                    at: SourceLocation(line: mark.line, column: mark.column))
            case .duplicatedKeysInMapping(let duplicates, let context):
                reader.error(
                    "key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears more than once in the same mapping",
                    at: SourceLocation(line: context.mark.line, column: context.mark.column))
            case .reader(let problem, let offset, _, _):
                let bytes = Array(text.utf8)
                reader.error("YAML: \(problem)", at: Self.location(ofByte: offset ?? 0, in: bytes))
            default:
                reader.error("YAML: \(error)", at: SourceLocation(line: 1, column: 1))
            }
            return nil
        } catch {
            reader.error("YAML: \(error)", at: SourceLocation(line: 1, column: 1))
            return nil
        }
    }

    /// The first node in document order that carries an anchor (every alias refers to one).
    ///
    /// An anchor precedes its aliases, so the walk stops before it reaches any expanded copy:
    /// its cost is bounded by the file's size, however often the anchor is used.
    static func firstAnchoredNode(in root: Node) -> Node? {
        var stack = [root]
        while let node = stack.popLast() {
            if node.anchor != nil { return node }
            switch node {
            case .mapping(let mapping):
                for pair in mapping.reversed() {
                    stack.append(pair.value)
                    stack.append(pair.key)
                }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence.reversed())
            case .scalar, .alias:
                break
            }
        }
        return nil
    }

    static func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let prefix = bytes[lineStart..<min(offset, bytes.count)]
        let column = (String(validating: prefix, as: UTF8.self)?.unicodeScalars.count ?? prefix.count) + 1
        return SourceLocation(line: line, column: column)
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput, .error: return offset
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        return nsError.localizedDescription
    }
}
