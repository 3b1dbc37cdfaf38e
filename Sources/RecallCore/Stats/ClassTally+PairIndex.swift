extension ClassTally {
    /// Numbers by pairs of numbers (a card and a folded answer), for the class's wrong answers: a
    /// class of a thousand learners looks up millions of pairs in a table of hundreds of
    /// thousands. Open addressing with the pair and its number in one slot, so that a lookup is a
    /// multiplication and usually one cache line, where a `Dictionary` hashes with SipHash and
    /// touches its bitmap, keys and values.
    struct PairIndex {
        private struct Slot {
            var key: UInt64 = 0
            /// -1 when the slot is free.
            var value: Int32 = -1
        }

        private var slots = [Slot](repeating: Slot(), count: 1 << 10)
        private var shift: UInt64 = 64 - 10
        private(set) var count = 0

        /// The number of (`first`, `second`), or nil after giving it `new`.
        mutating func number(_ first: Int32, _ second: Int32, orInsert new: Int32) -> Int32? {
            if count * 2 >= slots.count { grow() }
            let key = UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
            let found = Self.find(key, in: slots, shift: shift)
            if found.value >= 0 { return found.value }
            slots[found.index] = Slot(key: key, value: new)
            count += 1
            return nil
        }

        /// The slot holding `key`, or the free one where it belongs.
        private static func find(_ key: UInt64, in slots: [Slot], shift: UInt64) -> (
            index: Int, value: Int32
        ) {
            slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                // Fibonacci hashing: the top bits of the product spread consecutive keys.
                var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while slots[index].value >= 0, slots[index].key != key { index = (index + 1) & mask }
                return (index, slots[index].value)
            }
        }

        private mutating func grow() {
            let old = slots
            slots = [Slot](repeating: Slot(), count: old.count * 2)
            shift -= 1
            for slot in old where slot.value >= 0 {
                let found = Self.find(slot.key, in: slots, shift: shift)
                slots[found.index] = slot
            }
        }
    }
}
