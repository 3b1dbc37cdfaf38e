public import Foundation

/// A small, fast, seedable random number generator (Steele, Lea and Flood's SplitMix64).
///
/// Used for fuzz so that a schedule can be reproduced: the same seed yields the same sequence on
/// every machine and every run.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The generator's whole state; the next output is a function of it alone.
    public private(set) var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// A generator seeded from a card id and a review time, so that a review's fuzz is the same
    /// whenever that review is replayed.
    ///
    /// The seed is the 64-bit FNV-1a hash of the id's UTF-8 bytes, a 0xFF separator (never part of
    /// UTF-8) and the review time in whole milliseconds since 1970 (little-endian). Swift's `Hasher`
    /// is not used: it is seeded randomly in every process.
    public init(cardID: String, reviewedAt: Date) {
        var hash = FNV1a64()
        hash.combine(cardID.utf8)
        hash.combine(CollectionOfOne(0xFF))
        let milliseconds = (reviewedAt.timeIntervalSince1970 * 1000).rounded(.down)
        let clamped = milliseconds.isNaN ? 0 : Int64(min(max(milliseconds, -9e18), 9e18))
        withUnsafeBytes(of: clamped.littleEndian) { hash.combine($0) }
        self.init(seed: hash.value)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A generator for one purpose (one card's distractors, one quiz) under a seed, so that each
    /// draw is reproducible on its own whatever else was drawn before.
    public init(seed: UInt64, purpose: String) {
        self.init(seed: StableHash.fnv1a(purpose, seed: seed))
    }
}
