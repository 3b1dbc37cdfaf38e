/// FNV-1a digests of text: the same in every process (Swift's `Hasher` is seeded per run).
package enum StableHash {
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

/// The 64-bit Fowler–Noll–Vo hash, variant 1a: stable across processes and platforms.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }
}
