import Foundation

/// The store's rules for a review log, in one place, over either layout of the log
/// (`ReviewLogStorage`): the profile's own `reviews` (the store, repair, the day's read-back) or
/// a `ReviewLog` beside a profile without reviews (stats and the class report, streamed). The
/// profile holds the states, flags and due changes the rules keep up with the log.
extension Profile {
    /// An answer joins the log and sets its card's state; forgetting a graduated card counts a
    /// lapse (saturating: the count may come from a file).
    mutating func record(_ review: Review, newState: CardState, in log: inout some ReviewLogStorage) {
        if Profile.isLapse(before: states[review.cardID], rating: review.rating) {
            let lapses = flags[review.cardID]?.lapses ?? 0
            flags[review.cardID, default: CardFlags()].lapses = lapses < Int.max ? lapses + 1 : lapses
        }
        states[review.cardID] = newState.storable
        log.append(review)
    }

    /// Takes back review `reviewID`: it leaves the log, the card returns to `previous`, and a
    /// lapse it counted is uncounted. Returns false when the log has no such review.
    mutating func undo(
        _ reviewID: String, restoring previous: CardState?, in log: inout some ReviewLogStorage
    )
        -> Bool
    {
        guard let index = log.lastIndex(ofID: reviewID) else { return false }
        let (cardID, rating) = log.removeReview(at: index)
        if Profile.isLapse(before: previous, rating: rating), var cardFlags = flags[cardID] {
            cardFlags.lapses = cardFlags.lapses > 0 ? cardFlags.lapses - 1 : 0  // from a file: never trap
            storeFlags(cardFlags, for: cardID)
        }
        states[cardID] = previous?.storable
        return true
    }

    /// Puts `review` in place of the review with its id (appending it if the log has none, so
    /// the answer is never dropped), with the card's new state and complete flags.
    mutating func replace(
        _ review: Review, newState: CardState, flags newFlags: CardFlags, in log: inout some ReviewLogStorage
    ) {
        if let index = log.lastIndex(ofID: review.id) {
            log.replace(at: index, by: review)
        } else {
            log.append(review)
        }
        states[review.cardID] = newState.storable
        storeFlags(newFlags, for: review.cardID)
    }

    /// Applies a log entry whose effect on states and flags the snapshot already holds: the
    /// review joins the log, an undone one leaves it, a replaced one changes in place, a due
    /// change whose id is not in `knownChanges` joins the profile's.
    mutating func applyToLog(
        _ entry: Journal.Entry, in log: inout some ReviewLogStorage, knownChanges: inout Set<String>
    ) {
        if let replaced = entry.replace, let review = entry.review {
            if let index = log.lastIndex(ofID: replaced) {
                log.replace(at: index, by: review)
            } else {
                log.append(review)
            }
        } else if let review = entry.review {
            log.append(review)
        } else if let undone = entry.undo, let index = log.lastIndex(ofID: undone) {
            _ = log.removeReview(at: index)
        } else if let change = entry.dueChange, knownChanges.insert(change.id).inserted {
            dueChanges.append(change)
        }
    }

    /// `applyToLog` on the profile's own reviews, for entries applied one at a time.
    mutating func applyToLog(_ entry: Journal.Entry) {
        // (The profile's change ids are only needed for a change.)
        var knownChanges: Set<String> = entry.dueChange == nil ? [] : Set(dueChanges.map(\.id))
        var log = takeReviews()
        applyToLog(entry, in: &log, knownChanges: &knownChanges)
        reviews = log
    }

    /// The reviews, taken out of the profile so that rules can change them and the profile's
    /// states at once (put them back afterwards).
    mutating func takeReviews() -> [Review] {
        let log = reviews
        reviews = []
        return log
    }

    /// What folding found that a reader may want to say (see `fold`).
    struct FoldNotes {
        enum Line {
            /// An answer dated before its card's last review, kept.
            case outOfOrder(line: Int, cardID: String)
            /// An undo of an answer the log does not hold.
            case unknownUndo(line: Int, reviewID: String)
        }
        /// Answers or due changes at or below the snapshot's sequence that the log lacked (then
        /// every entry was folded in, by review and change id).
        var missing = 0
        var lines: [Line] = []
        /// Answers after the snapshot that repeat one the log holds (each counted once).
        var duplicates = 0
    }

    /// Applies the log entries after a snapshot (`entries`, with their line numbers) to the
    /// profile and `log`.
    ///
    /// The log is a set of reviews: an answer whose id the log already holds is not counted twice,
    /// and one the log lacks is never dropped. Entries numbered at or below `snapshotSequence`
    /// are normally already in it (a crash between writing the snapshot and emptying the
    /// journal); if any answer among them is missing (a backup restored beside a newer journal, a
    /// sync conflict, a hand edit), every entry is folded in by review id.
    mutating func fold(
        _ entries: [(line: Int, entry: Journal.Entry)], snapshotSequence: Int,
        in log: inout some ReviewLogStorage
    ) -> FoldNotes {
        var notes = FoldNotes()
        let earliest = entries.compactMap { $0.entry.review?.reviewedAt }.min()
        var known = earliest.map { log.reviewIDs(from: $0) } ?? []
        let undone = Set(entries.compactMap { $0.entry.undo })
        var knownChanges: Set<String>?
        if entries.contains(where: { $0.entry.dueChange != nil }) {
            knownChanges = Set(dueChanges.map(\.id))
        }
        notes.missing = entries.count { line in
            guard line.entry.sequence <= snapshotSequence else { return false }
            if let change = line.entry.dueChange { return knownChanges?.contains(change.id) == false }
            guard let review = line.entry.review else { return false }
            return !known.contains(review.id) && !undone.contains(review.id)
        }
        let foldsAll = notes.missing > 0
        for (line, entry) in entries where foldsAll || entry.sequence > snapshotSequence {
            if let replaced = entry.replace, let review = entry.review, let state = entry.state {
                replace(review, newState: state, flags: entry.flags ?? flags(of: review.cardID), in: &log)
                known.insert(replaced)
                known.insert(review.id)
            } else if let review = entry.review, let state = entry.state {
                guard known.insert(review.id).inserted else {
                    if entry.sequence > snapshotSequence { notes.duplicates += 1 }
                    continue
                }
                if let last = states[review.cardID]?.lastReview, review.reviewedAt < last {
                    notes.lines.append(.outOfOrder(line: line, cardID: review.cardID))
                }
                record(review, newState: state, in: &log)
            } else if let change = entry.dueChange {
                // A change the log holds (folded in before, or in the snapshot) counts once.
                guard knownChanges?.insert(change.id).inserted == true else { continue }
                recordUnchecked(change, newState: entry.state)
            } else if let review = entry.review {
                // An answer of a log written whole, whose state the lost snapshot held (a repair
                // replays the log afterwards).
                guard known.insert(review.id).inserted else { continue }
                record(review, newState: state(of: review.cardID, at: review.reviewedAt), in: &log)
            } else if let card = entry.card, let flags = entry.flags {
                setFlags(flags, for: card)
            } else if let reviewID = entry.undo, let state = entry.state {
                // A card taken back to never reviewed has no state, as before its first answer.
                if undo(reviewID, restoring: state.isNew ? nil : state, in: &log) {
                    known.remove(reviewID)
                } else if !foldsAll || entry.sequence > snapshotSequence {
                    notes.lines.append(.unknownUndo(line: line, reviewID: reviewID))
                }
            }
        }
        return notes
    }
}
