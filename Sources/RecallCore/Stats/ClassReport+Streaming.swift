public import Foundation

extension ClassReport {
    /// The report of `count` learners loaded one at a time: `load(i)` reads learner `i`, each
    /// worker counts one learner and drops its profile before taking the next, and the counts are
    /// merged in learner order, so memory is bounded by a learner per worker and the report is
    /// the same as `init(profiles:cards:top:)` over all of them.
    ///
    /// - Parameters:
    ///   - workers: threads counting learners (at least 1; the processor count by default).
    ///   - load: reads learner `i`'s name and profile (`ReviewLogReader`, wrong answers kept); an
    ///     error leaves that learner out.
    /// - Returns: the report, and the learners left out (index and error) in order.
    public static func streaming(
        learners count: Int, cards: [Card]? = nil, top: Int = 10,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        load: @Sendable (Int) throws -> (name: String, profile: StreamedProfile)
    ) -> (report: ClassReport, failures: [(index: Int, error: any Error)]) {
        let merger = OrderedMerger(tally: ClassTally(cards: cards), count: count)
        let threads = max(1, min(workers, count))
        _ = Parallel.map(shards: threads) { _ in
            while let index = merger.nextIndex() {
                do {
                    let learner = try load(index)
                    merger.deliver(
                        .success(merger.tally.part(name: learner.name, profile: learner.profile)), at: index)
                } catch {
                    merger.deliver(.failure(error), at: index)
                }
            }
        }
        return (merger.finished().report(top: top), merger.failures)
    }
}

/// Hands out learner indices and merges their counts in index order, parking the few that
/// finish early; unchecked because every access goes through `lock`.
final class OrderedMerger: @unchecked Sendable {
    private let lock = NSLock()
    private var accumulated: ClassTally
    private let count: Int
    private var handedOut = 0
    private var merged = 0
    private var parked: [Int: Result<ClassTally.LearnerPart, any Error>] = [:]
    private(set) var failures: [(index: Int, error: any Error)] = []
    /// The empty tally, for computing parts (which read only its card filter).
    let tally: ClassTally

    init(tally: ClassTally, count: Int) {
        self.accumulated = tally
        self.tally = tally
        self.count = count
    }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard handedOut < count else { return nil }
        handedOut += 1
        return handedOut - 1
    }

    func deliver(_ result: Result<ClassTally.LearnerPart, any Error>, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        parked[index] = result
        while let next = parked.removeValue(forKey: merged) {
            switch next {
            case .success(let part): accumulated.add(part)
            case .failure(let error): failures.append((merged, error))
            }
            merged += 1
        }
    }

    func finished() -> ClassTally {
        lock.lock()
        defer { lock.unlock() }
        return accumulated
    }
}
