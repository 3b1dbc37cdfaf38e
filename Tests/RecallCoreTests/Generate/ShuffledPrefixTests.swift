import Testing

@testable import RecallCore

/// A reverse card's options come from `shuffledPrefix`: it must pick what the whole shuffle puts
/// first and leave the generator where the whole shuffle leaves it, or cards would change.
@Suite struct ShuffledPrefixTests {
    @Test(arguments: [0, 1, 2, 3, 4, 5, 17, 100, 1_000]) func matchesTheWholeShuffle(_ count: Int) {
        for seed in 0..<50 as Range<UInt64> {
            for length in [0, 1, 3, count, count + 2] {
                let items = (0..<count).map { "item \($0)" }
                var whole = SplitMix64(seed: seed, purpose: "test")
                var partial = whole
                let expected = Array(items.shuffled(using: &whole).prefix(length))
                #expect(items.shuffledPrefix(length, using: &partial) == expected)
                #expect(partial.next() == whole.next())
            }
        }
    }
}
