import Foundation

extension ProfileSnapshot {
    /// A whole profile, log included, as a version-1 file: what backups of a profile before a change
    /// of the whole log hold (one file `readProfile(at:)` and `recall progress merge` read).
    static func encodeWhole(_ profile: Profile, journalSequence: Int = 0) throws(ProgressError) -> [UInt8] {
        let settings: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            settings = try encoder.encode(profile.settings)
        } catch {
            // Only a non-finite number in the settings can make this fail.
            throw .malformed(
                file: profile.name, line: 1, column: 1,
                reason: "the settings hold a number JSON cannot store: \(error.localizedDescription)")
        }
        var writer = JSONWriter()
        writer.bytes.reserveCapacity(160 * profile.reviews.count + 200 * profile.states.count + 1024)
        writer.raw("{\n\"schema_version\": 1,\n\"profile\": ")
        writer.string(profile.name)
        writer.raw(",\n\"journal_sequence\": \(journalSequence),\n\"settings\": ")
        writer.bytes.append(contentsOf: settings)
        writer.raw(",\n\"cards\": {")
        let cardIDs = Set(profile.states.keys).union(profile.flags.keys).sorted()
        for (position, cardID) in cardIDs.enumerated() {
            position == 0 ? writer.literal("\n") : writer.literal(",\n")
            writer.string(cardID)
            writer.raw(": {")
            if let state = profile.states[cardID] {
                writer.key("state")
                writer.state(state)
            }
            if let flags = profile.flags[cardID], !flags.isEmpty,
                let encoded = try? JSONEncoder().encode(flags)
            {
                writer.raw(profile.states[cardID] == nil ? "" : ",")
                writer.key("flags")
                writer.bytes.append(contentsOf: encoded)
            }
            writer.raw("}")
        }
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
