import Foundation
import RecallCore

/// Seeded mutations of a valid input, for fuzz tests: flip, insert, delete, duplicate and
/// truncate bytes, biased towards the characters that parsers treat specially.
struct Mutator {
    static let special: [UInt8] =
        Array("\"'\t\n\r,;:{}[]#-&<>\\|*!?%@`=+ ".utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF, 0xE2, 0x80]

    var random: SplitMix64

    init(seed: UInt64, purpose: String) {
        random = SplitMix64(seed: seed, purpose: purpose)
    }

    /// One to four mutations of `input`.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            bytes = mutateOnce(bytes)
        }
        return bytes
    }

    private mutating func mutateOnce(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        guard !bytes.isEmpty else { return [Self.special.randomElement(using: &random) ?? 0] }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0: bytes[at] = Self.special.randomElement(using: &random) ?? 0
        case 1: bytes.insert(Self.special.randomElement(using: &random) ?? 0, at: at)
        case 2: bytes[at] ^= UInt8.random(in: 1...255, using: &random)
        case 3: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &random)))
        case 4:
            let end = min(bytes.count, at + Int.random(in: 1...200, using: &random))
            let copy = bytes[at..<end]
            bytes.insert(contentsOf: copy, at: Int.random(in: 0...bytes.count, using: &random))
        case 5: bytes = Array(bytes.prefix(at))
        default:
            // Swap two lines: structure out of order.
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if lines.count > 2 {
                let a = Int.random(in: 0..<lines.count, using: &random)
                let b = Int.random(in: 0..<lines.count, using: &random)
                lines.swapAt(a, b)
            }
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
        return bytes
    }
}
