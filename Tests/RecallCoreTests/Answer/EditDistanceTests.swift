import Testing

@testable import RecallCore

@Suite struct EditDistanceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var a: String
        var b: String
        var limit: Int
        var distance: Int
        var testDescription: String { "'\(a)' → '\(b)' (limit \(limit))" }
    }

    static let cases: [Case] = [
        Case(a: "", b: "", limit: 2, distance: 0),
        Case(a: "", b: "abc", limit: 5, distance: 3),
        Case(a: "moscow", b: "moscow", limit: 2, distance: 0),
        Case(a: "kitten", b: "sitting", limit: 5, distance: 3),
        Case(a: "tokaev", b: "tokayev", limit: 2, distance: 1),
        Case(a: "kazakhtsan", b: "kazakhstan", limit: 2, distance: 1),  // transposition
        Case(a: "ca", b: "ac", limit: 2, distance: 1),
        Case(a: "ca", b: "abc", limit: 5, distance: 3),  // optimal string alignment, not full Damerau
        Case(a: "kazakhstan", b: "kyrgyzstan", limit: 9, distance: 5),
        Case(a: "kazakhstan", b: "kyrgyzstan", limit: 2, distance: 3),  // stops at limit + 1
        Case(a: "a", b: "abcdefgh", limit: 2, distance: 3),  // length gap alone exceeds the limit
    ]

    @Test(arguments: cases) func distance(_ c: Case) {
        #expect(EditDistance.optimalStringAlignment(c.a, c.b, limit: c.limit) == c.distance)
    }

    @Test func distanceIsSymmetric() {
        for c in Self.cases {
            #expect(
                EditDistance.optimalStringAlignment(c.a, c.b, limit: c.limit)
                    == EditDistance.optimalStringAlignment(c.b, c.a, limit: c.limit))
        }
    }

    @Test(arguments: [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (40, 2)])
    func typoAllowanceScalesWithLength(length: Int, allowance: Int) {
        #expect(EditDistance.typoAllowance(forLength: length) == allowance)
    }
}
