import Dispatch
import Synchronization

/// Writes snapshots of card states off the answer path: one at a time, in the order asked, on a
/// queue of their own, so that compaction costs an answer only the journal's rotation.
///
/// The store waits for it (`wait`) before any snapshot it writes itself and before it releases
/// the profile's lock, so a late background write never replaces a newer snapshot or another
/// process's file.
final class SnapshotWriter: Sendable {
    private let queue = DispatchQueue(label: "recall.progress.snapshot")
    private let failure = Mutex<ProgressError?>(nil)

    /// Encodes `profile`'s states and the log's index (its log is not read) and replaces `path` atomically, later.
    func write(
        _ profile: Profile, index: ReviewTimeIndex, logSequence: Int, logGeneration: Int, to path: String,
        io: FileIO
    ) {
        queue.async { [self] in
            do throws(ProgressError) {
                let bytes = try ProfileSnapshot.encode(
                    profile, index: index, logSequence: logSequence, logGeneration: logGeneration)
                try io.replaceAtomically(path, with: bytes)
            } catch {
                self.failure.withLock { $0 = error }
            }
        }
    }

    /// Waits until every snapshot asked for is written; returns the last failure since the last
    /// call, if any.
    @discardableResult
    func wait() -> ProgressError? {
        queue.sync {}
        return failure.withLock { failure in
            defer { failure = nil }
            return failure
        }
    }
}
