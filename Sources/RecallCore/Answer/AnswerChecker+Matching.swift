/// Matching one normalized reply against accepted spellings, and telling typos from near misses.
extension AnswerChecker {
    /// How a reply matches a list of spellings.
    enum Match: Equatable {
        /// Equal after normalization.
        case exact
        /// Within the typo allowance, `distance` edits away.
        case close(distance: Int)
        case none
    }

    /// How `reply` matches the best of `spellings`.
    func match(_ reply: NormalizedAnswer, against spellings: [NormalizedAnswer]) -> Match {
        if spellings.contains(where: reply.isEquivalent) { return .exact }
        guard let distance = spellings.compactMap(reply.typoDistance).min() else { return .none }
        return .close(distance: distance)
    }

    /// Whether a reply `distance` edits from the right answer names another thing instead: it equals
    /// a name of a different vocabulary group (or of `otherGroups`, e.g. the other options), or is
    /// no farther from one than from the right answer.
    ///
    /// A vocabulary group counts as the right thing when one of its names equals a right name.
    func namesSomethingElse(
        _ reply: NormalizedAnswer, distance: Int, rightNames: [NormalizedAnswer],
        otherGroups: [[NormalizedAnswer]] = []
    ) -> Bool {
        let isRightThing = { (group: [NormalizedAnswer]) in
            group.contains { name in rightNames.contains(where: name.isEquivalent) }
        }
        for group in vocabulary + otherGroups where !isRightThing(group) {
            for name in group {
                if reply.isEquivalent(to: name) || reply.distance(to: name, limit: distance) <= distance {
                    return true
                }
            }
        }
        return false
    }
}
