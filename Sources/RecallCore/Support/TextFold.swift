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
        return !word.isEmpty && (" " + haystack + " ").contains(" " + word + " ")
    }
}
