import Foundation

extension CardTable {
    /// The numbers of `ids` in the table, -1 for an id it does not hold, as `number(_:)` would
    /// find them (by bytes, then by `String` equality) but without adding any.
    ///
    /// The ids are looked for at once by their bytes (their cache misses overlapped); only an id
    /// not found that way is looked for again by `find(_:)`, so the rules of equality stay the
    /// table's own.
    func numbers(of ids: [String]) -> [Int32] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 32)
        var pending: [ReviewLog.PendingCard] = []
        pending.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            let start = bytes.count
            bytes.append(contentsOf: id.utf8)
            pending.append(
                ReviewLog.PendingCard(entry: index, start: start, count: bytes.count - start, hash: 0))
        }
        var found = bytes.withUnsafeBytes { buffer in
            for index in pending.indices {
                pending[index].hash = ByteTable.hash(
                    UnsafeRawBufferPointer(
                        rebasing: buffer[pending[index].start..<(pending[index].start + pending[index].count)]
                    ))
            }
            return find(pending, in: buffer)
        }
        for index in found.indices where found[index] < 0 {
            found[index] = find(ids[index]) ?? -1
        }
        return found
    }
}
