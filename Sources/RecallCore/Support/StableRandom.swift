/// FNV-1a, a hash that is the same in every process (Swift's `Hasher` is seeded per run).
public enum StableHash {
    public static func fnv1a(_ text: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A short hexadecimal digest, for ids made of several parts.
    public static func digest(_ text: String) -> String {
        let value = fnv1a(text)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// SplitMix64: a small, fast, seedable generator, so that every draw can be reproduced in a test.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one purpose (e.g. one card's distractors) under a session seed.
    public init(seed: UInt64, purpose: String) {
        state = StableHash.fnv1a(purpose, seed: StableHash.fnv1a(String(seed)))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
