import Foundation

extension Profile {
    /// This profile and `other` combined: the union of both review logs with copies dropped by
    /// review id (and of their due changes, by id), flags combined (`CardFlags.merged(with:)`), states rebuilt by replay.
    ///
    /// The name and settings are this profile's. On logs, states and flags the result does not
    /// depend on the order (`a.merged(with: b)` equals `b.merged(with: a)` there) and merging a
    /// profile it already contains changes nothing.
    public func merged(with other: Profile, using scheduler: some CardScheduling) -> Profile {
        var all = reviews + other.reviews
        all.sort(by: Profile.logOrder)
        var seen = Set<String>()
        seen.reserveCapacity(all.count)
        let union = all.filter { seen.insert($0.id).inserted }

        var mergedFlags = flags
        for (cardID, theirs) in other.flags {
            mergedFlags[cardID] = mergedFlags[cardID].map { $0.merged(with: theirs) } ?? theirs
        }
        // Cards without reviews keep a state only if one side had it (e.g. from an old migration).
        var mergedStates: [String: CardState] = [:]
        for (cardID, state) in states.merging(other.states, uniquingKeysWith: Profile.laterState) {
            mergedStates[cardID] = state
        }
        var seenChanges = Set<String>()
        let changes = (dueChanges + other.dueChanges).sorted(by: DueChange.logOrder)
            .filter { seenChanges.insert($0.id).inserted }
        let result = Profile(
            name: name, settings: settings, states: mergedStates, flags: mergedFlags, reviews: union,
            dueChanges: changes)
        return result.replayed(using: scheduler)
    }

    /// A total order on reviews, so merged logs come out the same whichever side is first.
    static func logOrder(_ a: Review, _ b: Review) -> Bool {
        if a.reviewedAt != b.reviewedAt { return a.reviewedAt < b.reviewedAt }
        if a.id != b.id { return a.id < b.id }
        if a.cardID != b.cardID { return a.cardID < b.cardID }
        if a.rating != b.rating { return a.rating.rawValue < b.rating.rawValue }
        if a.answer != b.answer { return a.answer < b.answer }
        if a.verdict != b.verdict { return a.verdict.rawValue < b.verdict.rawValue }
        return a.duration < b.duration
    }

    /// Of two states for a card, the one reviewed (then due) later; symmetric so merge commutes.
    static func laterState(_ a: CardState, _ b: CardState) -> CardState {
        let keyA = (a.lastReview ?? .distantPast, a.due)
        let keyB = (b.lastReview ?? .distantPast, b.due)
        if keyA != keyB { return keyA > keyB ? a : b }
        return (a.stability ?? 0, a.difficulty ?? 0) >= (b.stability ?? 0, b.difficulty ?? 0) ? a : b
    }
}
