import Foundation

/// The store's rules for reading a log, over a `ReviewLog`: `applyToLog` (`Profile+Log.swift`) for
/// the lines the snapshot reflects and `LoadedProfile.fold` for the lines after it, with the same
/// results (`ReviewLogReaderTests` compares the two on generated and damaged logs).
extension StreamedProfile {
    /// Adds a segment's lines the snapshot reflects: its answers, and its other lines where they stand.
    mutating func apply(_ segment: ReviewLogReader.Segment, sharedCards: Int, knownChanges: inout Set<String>)
    {
        var done = 0
        for (position, entry) in segment.others {
            log.append(contentsOf: segment.log, range: done..<position, sharedCards: sharedCards)
            done = position
            applyToLog(entry, knownChanges: &knownChanges)
        }
        log.append(contentsOf: segment.log, range: done..<segment.log.entries.count, sharedCards: sharedCards)
    }

    /// `Profile.applyToLog`: the review joins the log, an undone one leaves it, a replaced one
    /// changes in place, a due change not seen yet joins the profile's.
    private mutating func applyToLog(_ entry: Journal.Entry, knownChanges: inout Set<String>) {
        if let replaced = entry.replace, let review = entry.review {
            if let index = log.lastIndex(ofID: replaced) {
                log.replace(at: index, by: review)
            } else {
                log.append(review)
            }
        } else if let review = entry.review {
            log.append(review)
        } else if let undone = entry.undo, let index = log.lastIndex(ofID: undone) {
            log.remove(at: index)
        } else if let change = entry.dueChange, knownChanges.insert(change.id).inserted {
            profile.dueChanges.append(change)
        }
    }

    /// `LoadedProfile.fold` of the lines after the snapshot (`entries`), without its notes.
    mutating func fold(_ entries: [(line: Int, entry: Journal.Entry)], snapshotSequence: Int) {
        let earliest = entries.compactMap { $0.entry.review?.reviewedAt }.min()
        var known = Set<String>()
        if let earliest {
            let time = earliest.timeIntervalSinceReferenceDate
            for index in log.entries.indices
            where !log.entries[index].isRemoved && log.entries[index].time >= time {
                known.insert(log.id(at: index))
            }
        }
        let undone = Set(entries.compactMap { $0.entry.undo })
        var knownChanges: Set<String>?
        if entries.contains(where: { $0.entry.dueChange != nil }) {
            knownChanges = Set(profile.dueChanges.map(\.id))
        }
        let foldsAll = entries.contains { line in
            guard line.entry.sequence <= snapshotSequence else { return false }
            if let change = line.entry.dueChange { return knownChanges?.contains(change.id) == false }
            guard let review = line.entry.review else { return false }
            return !known.contains(review.id) && !undone.contains(review.id)
        }
        for (_, entry) in entries where foldsAll || entry.sequence > snapshotSequence {
            if let replaced = entry.replace, let review = entry.review, let state = entry.state {
                replace(review, newState: state, flags: entry.flags ?? profile.flags(of: review.cardID))
                known.insert(replaced)
                known.insert(review.id)
            } else if let review = entry.review, let state = entry.state {
                guard known.insert(review.id).inserted else { continue }
                record(review, newState: state)
            } else if let change = entry.dueChange {
                guard knownChanges?.insert(change.id).inserted == true else { continue }
                profile.recordUnchecked(change, newState: entry.state)
            } else if let review = entry.review {
                guard known.insert(review.id).inserted else { continue }
                record(review, newState: profile.state(of: review.cardID, at: review.reviewedAt))
            } else if let card = entry.card, let flags = entry.flags {
                profile.setFlags(flags, for: card)
            } else if let reviewID = entry.undo, let state = entry.state {
                if undo(reviewID, restoring: state.isNew ? nil : state) { known.remove(reviewID) }
            }
        }
    }

    /// `Profile.recordUnchecked` of an answer.
    private mutating func record(_ review: Review, newState: CardState) {
        if Profile.isLapse(before: profile.states[review.cardID], rating: review.rating) {
            let lapses = profile.flags[review.cardID]?.lapses ?? 0
            profile.flags[review.cardID, default: CardFlags()].lapses = lapses < Int.max ? lapses + 1 : lapses
        }
        profile.states[review.cardID] = newState.storable
        log.append(review)
    }

    /// `Profile.undoUnchecked`.
    private mutating func undo(_ reviewID: String, restoring previous: CardState?) -> Bool {
        guard let index = log.lastIndex(ofID: reviewID) else { return false }
        let entry = log.entries[index]
        let cardID = log.cardID(of: entry)
        log.remove(at: index)
        if Profile.isLapse(before: previous, rating: entry.rating), var cardFlags = profile.flags[cardID] {
            cardFlags.lapses = cardFlags.lapses > 0 ? cardFlags.lapses - 1 : 0
            profile.storeFlags(cardFlags, for: cardID)
        }
        profile.states[cardID] = previous?.storable
        return true
    }

    /// `Profile.replaceUnchecked`.
    private mutating func replace(_ review: Review, newState: CardState, flags: CardFlags) {
        if let index = log.lastIndex(ofID: review.id) {
            log.replace(at: index, by: review)
        } else {
            log.append(review)
        }
        profile.states[review.cardID] = newState.storable
        profile.storeFlags(flags, for: review.cardID)
    }
}
