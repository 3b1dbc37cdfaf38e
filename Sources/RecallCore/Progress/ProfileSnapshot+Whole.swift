import Foundation

extension ProfileSnapshot {
    /// A whole profile, log included, as a version-1 file: what backups of a profile before a change
    /// of the whole log hold (one file `readProfile(at:)` and `recall progress merge` read).
    static func encodeWhole(_ profile: Profile, journalSequence: Int = 0) throws(ProgressError) -> [UInt8] {
        let settings = try encodedSettings(profile.settings, of: profile)
        var writer = JSONWriter()
        writer.bytes.reserveCapacity(160 * profile.reviews.count + 200 * profile.states.count + 1024)
        writer.raw("{\n\"schema_version\": 1,\n\"profile\": ")
        writer.string(profile.name)
        writer.raw(",\n\"journal_sequence\": \(journalSequence),\n\"settings\": ")
        writer.bytes.append(contentsOf: settings)
        writeCards(of: profile, to: &writer)
        writer.raw("\n},\n\"reviews\": [")
        for (position, review) in profile.reviews.enumerated() {
            position == 0 ? writer.literal("\n") : writer.literal(",\n")
            writer.review(review)
        }
        writer.raw("\n]")
        // Only profiles with due changes have the key, so other files keep their layout (and the
        // fast reader); those with it are read by `JSONDecoder`.
        if !profile.dueChanges.isEmpty {
            writer.raw(",\n\"due_changes\": [")
            for (position, change) in profile.dueChanges.enumerated() {
                position == 0 ? writer.literal("\n") : writer.literal(",\n")
                writer.dueChange(change)
            }
            writer.raw("\n]")
        }
        writer.raw("\n}\n")
        return writer.bytes
    }
}
