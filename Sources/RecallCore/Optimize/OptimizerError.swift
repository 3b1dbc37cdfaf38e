public import Foundation

/// Why fitting parameters stopped without a result.
public enum OptimizerError: LocalizedError, Equatable, Sendable {
    /// The run was cancelled (Ctrl-C) before it finished; nothing was changed.
    case cancelled

    public var errorDescription: String? {
        switch self {
        case .cancelled: "optimization interrupted; the profile is unchanged"
        }
    }
}
