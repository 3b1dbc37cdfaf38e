import Foundation

/// A coarse comparison key for text: lower case, no diacritics, words separated by single spaces.
///
/// Used where the deck compares names with names (shared aliases, prompts that give their answer
/// away); grading what a learner typed is the answer checker's finer job.
enum TextFold {
    static func fold(_ text: String) -> String {
        // Plain ASCII (most deck text) is folded byte by byte; anything else goes through
        // Foundation's Unicode folding, which is far slower.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return foldUnicode(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            let isDigit = byte >= 0x30 && byte <= 0x39
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            guard isDigit || isUpper || isLower else {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(isUpper ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func foldUnicode(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
    }

    /// Whether the words of `needle` appear together, as whole words, in `haystack`.
    static func containsWords(_ haystack: String, _ needle: String) -> Bool {
        containsWords(folded: fold(haystack), needle)
    }

    /// As `containsWords`, with the haystack already folded.
    static func containsWords(folded haystack: String, _ needle: String) -> Bool {
        let word = fold(needle)
        guard !word.isEmpty else { return false }
        if let found = asciiContainsWord(haystack, word) { return found }
        return (" " + haystack + " ").contains(" " + word + " ")
    }

    /// `" " + haystack + " "` contains `" " + word + " "`, by bytes, when both are ASCII (where
    /// that is what Foundation's search decides, without its cost); nil otherwise.
    private static func asciiContainsWord(_ haystack: String, _ word: String) -> Bool? {
        var haystack = haystack
        var word = word
        return haystack.withUTF8 { text in
            word.withUTF8 { needle -> Bool? in
                guard text.allSatisfy({ $0 < 0x80 }), needle.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard needle.count <= text.count else { return false }
                for start in 0...(text.count - needle.count) {
                    let end = start + needle.count
                    guard start == 0 || text[start - 1] == 0x20, end == text.count || text[end] == 0x20
                    else { continue }
                    if (0..<needle.count).allSatisfy({ text[start + $0] == needle[$0] }) { return true }
                }
                return false
            }
        }
    }
}
