import Foundation

/// A flag another thread (a signal handler's queue) sets to stop a long computation, which checks
/// it between steps.
public final class CancellationFlag: @unchecked Sendable {
    // NSLock rather than Synchronization.Atomic, which needs macOS 15 (the package supports 13).
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    /// Asks the computation to stop at its next check.
    public func cancel() {
        lock.withLock { cancelled = true }
    }

    public var isCancelled: Bool {
        lock.withLock { cancelled }
    }
}
