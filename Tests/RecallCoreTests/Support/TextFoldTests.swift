import Foundation
import Testing

@testable import RecallCore

/// Whole-word search on folded text: the byte search for ASCII must decide exactly as the
/// padded string search it stands in for (and which non-ASCII text still goes through).
@Suite struct TextFoldTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let haystack: String
        let needle: String
        let contains: Bool
        var testDescription: String { "'\(needle)' in '\(haystack)'" }
    }

    static let cases: [Case] = [
        Case(haystack: "What is the capital of Armenia?", needle: "Armenia", contains: true),
        Case(haystack: "What is the capital of Armenia?", needle: "capital of", contains: true),
        Case(haystack: "The capitals of Europe", needle: "capital", contains: false),
        Case(haystack: "Founded in 2002.", needle: "2002", contains: true),
        Case(haystack: "Founded in 20022.", needle: "2002", contains: false),
        Case(haystack: "x", needle: "x y", contains: false),
        Case(haystack: "ab", needle: "b", contains: false),
        Case(haystack: "a b", needle: "A-B", contains: true),
        Case(haystack: "anything", needle: "?!", contains: false),
        Case(haystack: "Where is Yerevan", needle: "Yerevan", contains: true),
        Case(haystack: "Who led the émigrés?", needle: "emigres", contains: true),
        Case(haystack: "Who led the émigrés?", needle: "Émigrés", contains: true),
        Case(haystack: "Kyiv, Київ", needle: "київ", contains: true),
        Case(haystack: "Kyiv, Київ", needle: "Ки", contains: false),
    ]

    @Test(arguments: cases) func containsWholeWords(_ test: Case) {
        #expect(TextFold.containsWords(test.haystack, test.needle) == test.contains)
        let padded = " " + TextFold.fold(test.haystack) + " "
        let word = TextFold.fold(test.needle)
        #expect(
            TextFold.containsWords(test.haystack, test.needle)
                == (!word.isEmpty && padded.contains(" " + word + " ")))
    }
}
