/// Decimal digits read eight at a time, for the readers of long logs (a line's time and its
/// review id's milliseconds are a dozen digits each).
enum DecimalDigits {
    /// The value of eight ASCII digits loaded little-endian into `word` (the first digit in the
    /// lowest byte), or nil if any of the eight bytes is not a digit.
    @inline(__always)
    static func eight(_ word: UInt64) -> UInt64? {
        // Every byte 0x30...0x39: its high nibble 3, and adding 6 keeps it there.
        let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let threes: UInt64 = 0x3030_3030_3030_3030
        guard word & highNibbles == threes, (word &+ 0x0606_0606_0606_0606) & highNibbles == threes else {
            return nil
        }
        var value = word &- threes
        // Pairs of digits, then fours, then all eight, each step halving the number of lanes.
        value = (value &* 10) &+ (value >> 8)
        let pairs: UInt64 = 0x0000_00FF_0000_00FF
        value =
            ((value & pairs) &* (100 + (1_000_000 << 32)) &+ ((value >> 16) & pairs) &* (1 + (10_000 << 32)))
            >> 32
        return value
    }
}
