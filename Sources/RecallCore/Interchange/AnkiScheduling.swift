import Foundation

/// A learner's progress as Anki stores it: card scheduling columns, the FSRS memory state in
/// `cards.data`, and one `revlog` row per review, so a learner can move to Anki and keep their
/// schedule (see `shared/docs/anki-formats.md` §4).
struct AnkiScheduling {
    /// The scheduling columns of one card row.
    struct CardColumns: Equatable {
        var type: Int64
        var queue: Int64
        var due: Int64
        var ivl: Int64
        var factor: Int64
        var reps: Int64
        var lapses: Int64
        var data: String
    }

    /// One `revlog` row.
    struct LogRow: Equatable {
        var id: Int64
        var ease: Int64
        var ivl: Int64
        var lastIvl: Int64
        var factor: Int64
        var time: Int64
        var type: Int64
    }

    let profile: Profile
    let scheduler: Scheduler
    /// Collection creation, seconds at a day boundary: review cards' `due` counts days from it.
    let creation: Int64
    private let reviewsByCard: [String: [Review]]
    private let changesByCard: [String: [DueChange]]

    init(profile: Profile, now: Date) throws(InterchangeError) {
        self.profile = profile
        do {
            scheduler = try Scheduler(settings: profile.settings)
        } catch {
            throw .invalidProgress(
                "the profile's scheduler settings are invalid: \(error.localizedDescription)")
        }
        reviewsByCard = Dictionary(grouping: profile.reviews, by: \.cardID)
            .mapValues { $0.sorted { $0.reviewedAt < $1.reviewedAt } }
        changesByCard = Dictionary(grouping: profile.dueChanges, by: \.cardID)
        let earliest = min(
            now, profile.reviews.map(\.reviewedAt).min() ?? now, profile.states.values.map(\.due).min() ?? now
        )
        let seconds = Int64(earliest.timeIntervalSince1970.rounded(.down))
        creation = seconds - ((seconds % 86_400) + 86_400) % 86_400
    }

    /// The columns for a card the learner has reviewed or given a due date, or nil for a card
    /// still new.
    func columns(for cardID: String) -> CardColumns? {
        guard let state = profile.states[cardID], !state.isNew else { return nil }
        let flags = profile.flags(of: cardID)
        guard let lastReview = state.lastReview else {
            // Given a due date before any answer: a review card without a memory state, interval
            // 0, as Anki's "Set due date" leaves a new card with FSRS on.
            return CardColumns(
                type: 2, queue: flags.isSuspended ? -1 : 2, due: day(of: state.due), ivl: 0, factor: 2500,
                reps: 0, lapses: Int64(flags.lapses), data: "")
        }
        let reps = Int64(reviewsByCard[cardID]?.count ?? 0)
        var columns = CardColumns(
            type: 0, queue: 0, due: 0, ivl: 0, factor: 2500, reps: reps,
            lapses: Int64(flags.lapses), data: memoryData(state))
        let span = state.due.timeIntervalSince(lastReview)
        switch state.phase {
        case .review:
            columns.type = 2
            columns.queue = 2
            columns.due = day(of: state.due)
            columns.ivl = max(1, Int64((span / 86_400).rounded()))
        case .learning, .relearning:
            columns.type = state.phase == .learning ? 1 : 3
            if span >= 86_400 {
                columns.queue = 3
                columns.due = day(of: state.due)
            } else {
                columns.queue = 1
                columns.due = Int64(state.due.timeIntervalSince1970.rounded())
            }
        }
        if flags.isSuspended { columns.queue = -1 }
        return columns
    }

    /// Days from collection creation to `date`.
    func day(of date: Date) -> Int64 {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return (seconds - creation) / 86_400
    }

    /// `{"s":…,"d":…,"dr":…,"lrt":…}`: FSRS memory state, as Anki's `CardData` reads it.
    func memoryData(_ state: CardState) -> String {
        guard let stability = state.stability, let difficulty = state.difficulty,
            stability.isFinite, difficulty.isFinite, let last = state.lastReview
        else { return "" }
        let object: [String: Any] = [
            "s": (stability * 10_000).rounded() / 10_000,
            "d": (difficulty * 1_000).rounded() / 1_000,
            "dr": (profile.settings.desiredRetention * 100).rounded() / 100,
            "lrt": Int64(last.timeIntervalSince1970),
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return ""
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The card's reviews as revlog rows, replayed with the profile's scheduler to get each
    /// review's interval; `usedIDs` keeps row ids (review times in ms) unique across cards.
    func log(for cardID: String, usedIDs: inout Set<Int64>) -> [LogRow] {
        var rows = reviewRows(for: cardID, usedIDs: &usedIDs)
        // Each due change as Anki logs a "Set due date": a manual row (type 4, ease 0), with a
        // factor so that it is not read as a "Forget".
        for change in changesByCard[cardID] ?? [] {
            var id = Int64((change.changedAt.timeIntervalSince1970 * 1000).rounded())
            while !usedIDs.insert(id).inserted { id += 1 }
            let factor = change.ease.map { Int64(($0 * 1000).rounded()) } ?? 2500
            rows.append(
                LogRow(
                    id: id, ease: 0, ivl: Int64(change.interval ?? 0), lastIvl: 0, factor: max(factor, 1),
                    time: 0, type: 4))
        }
        return rows.sorted { $0.id < $1.id }
    }

    private func reviewRows(for cardID: String, usedIDs: inout Set<Int64>) -> [LogRow] {
        guard let reviews = reviewsByCard[cardID], let first = reviews.first else { return [] }
        var state = CardState.new(at: first.reviewedAt)
        var lastIvl: Int64 = 0
        var rows: [LogRow] = []
        for review in reviews {
            let before = state
            state = scheduler.review(state, id: cardID, rating: review.rating, at: review.reviewedAt)
            let span = state.due.timeIntervalSince(review.reviewedAt)
            let ivl =
                state.phase == .review
                ? max(1, Int64((span / 86_400).rounded())) : -max(1, Int64(span.rounded()))
            let type: Int64 = before.isNew || before.phase == .learning ? 0 : before.phase == .review ? 1 : 2
            var id = Int64((review.reviewedAt.timeIntervalSince1970 * 1000).rounded())
            while !usedIDs.insert(id).inserted { id += 1 }
            let milliseconds = min(Int64((review.duration * 1000).rounded()), 3_600_000)
            rows.append(
                LogRow(
                    id: id, ease: Int64(review.rating.rawValue), ivl: ivl, lastIvl: lastIvl,
                    factor: 2500, time: milliseconds, type: type))
            lastIvl = ivl
        }
        return rows
    }
}
