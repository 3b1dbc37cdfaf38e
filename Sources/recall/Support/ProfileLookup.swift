import Foundation
import RecallCore

/// Reading a profile that must already exist, without locking it (for read-only commands).
enum ProfileLookup {
    /// The named profile, read without a lock. The default profile may not exist yet (a new
    /// learner's), and then is empty; any other name must have progress files.
    /// Old card ids are moved to the cards of `decks` in memory (see `ProfileOpening`).
    /// - Throws: `ProfileError.unknown` for a name with no files, `ProgressError` if they do not parse.
    static func existing(_ options: ProgressOptions, decks: [Deck]) throws -> Profile {
        if let profile = try options.peekProfile(decks: decks) { return profile }
        guard options.profile == ProgressLocation.defaultProfile else {
            throw ProfileError.unknown(
                options.profile, folder: options.directory.path,
                available: ProgressLocation.profiles(in: options.directory))
        }
        return Profile(name: options.profile)
    }
}

/// Why a profile could not be used.
enum ProfileError: LocalizedError, Equatable {
    /// No progress files for this name in the folder.
    case unknown(String, folder: String, available: [String])

    var errorDescription: String? {
        switch self {
        case .unknown(let name, let folder, let available):
            "no profile '\(name)' in '\(folder)'"
                + (available.isEmpty ? "" : "; profiles: \(available.joined(separator: ", "))")
                + (Suggestion.closest(to: name, in: available).map { " (did you mean '\($0)'?)" } ?? "")
                + "; 'recall profile \(name) --create' makes it"
        }
    }
}
