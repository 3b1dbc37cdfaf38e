import Dispatch
import Foundation

/// Splits work over the processor's cores with `DispatchQueue.concurrentPerform`.
enum Parallel {
    /// Shards for `count` units of work: one per core, fewer for small work.
    static func shardCount(for count: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 64))
    }

    /// The part of `count` items that shard `shard` of `shards` takes: consecutive runs, in order,
    /// of sizes differing by at most one.
    static func range(ofShard shard: Int, of shards: Int, count: Int) -> Range<Int> {
        (count * shard / shards)..<(count * (shard + 1) / shards)
    }

    /// Runs `body` for shards 0..<shards concurrently and returns the results in shard order.
    ///
    /// Each shard writes only its own slot of a preallocated buffer, and `concurrentPerform`
    /// returns after every shard is done, so no slot is ever read while written.
    static func map<Result: Sendable>(
        shards: Int, _ body: @Sendable (Int) -> Result
    ) -> [Result] {
        guard shards > 1 else { return [body(0)] }
        let slots = Slots<Result>(count: shards)
        DispatchQueue.concurrentPerform(iterations: shards) { shard in
            slots.store(body(shard), at: shard)
        }
        return slots.results()
    }

    /// Per-shard result slots; unchecked because each index is written by one shard only and read
    /// after all have finished (the join of `concurrentPerform`).
    private final class Slots<Result>: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<Result?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }

        func store(_ value: Result, at index: Int) {
            buffer[index] = value
        }

        func results() -> [Result] {
            buffer.compactMap { $0 }
        }
    }
}
