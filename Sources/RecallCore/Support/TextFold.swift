import Foundation

/// A coarse comparison key for text: lower case, no diacritics, words separated by single spaces.
///
/// Used where the deck compares names with names (shared aliases, prompts that give their answer
/// away); grading what a learner typed is the answer checker's finer job.
enum TextFold {
    static func fold(_ text: String) -> String {
        // Plain ASCII needs no Unicode folding, which is slow; most deck text is ASCII.
        let folded = text.utf8.allSatisfy { $0 < 0x80 }
            ? text.lowercased() : text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
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
