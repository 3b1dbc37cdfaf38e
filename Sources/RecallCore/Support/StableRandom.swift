/// FNV-1a digests of text: the same in every process (Swift's `Hasher` is seeded per run).
public enum StableHash {
    public static func fnv1a(_ text: String, seed: UInt64? = nil) -> UInt64 {
        var hash = FNV1a64()
        if let seed { withUnsafeBytes(of: seed.littleEndian) { hash.combine($0) } }
        hash.combine(text.utf8)
        return hash.value
    }

    /// A short hexadecimal digest, for ids made of several parts.
    public static func digest(_ text: String) -> String {
        let hex = String(fnv1a(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension SplitMix64 {
    /// A generator for one purpose (one card's distractors, one quiz) under a seed, so that each
    /// draw is reproducible on its own whatever else was drawn before.
    public init(seed: UInt64, purpose: String) {
        self.init(seed: StableHash.fnv1a(purpose, seed: seed))
    }
}
