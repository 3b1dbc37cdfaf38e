import Foundation

/// Moves progress from the card ids of recall before fact-centred cards (one card per question
/// kind: `deck:fact:typed`, `:choice`, `:truefalse`, `:member.x`, `:event-by-date`, timelines of
/// overlapping windows) to one card per fact and direction.
///
/// Each old card's reviews move to the new card of the same fact and direction; the review log
/// is the truth, so the new card's state is the replay of the joined log. Ids that map to no
/// card of the decks (a fact since removed) are left as they are.
public enum CardIDMigration {
    /// What a migration did.
    public struct Result: Sendable {
        public var profile: Profile
        /// New card id → the old ids whose reviews were joined into it.
        public var joined: [String: [String]]
    }

    /// The profile with old ids moved to the cards of `decks`, or nil when no id needs moving.
    public static func migrate(
        _ profile: Profile, decks: [Deck], cards: [Card], using scheduler: some CardScheduling
    )
        -> Result?
    {
        let current = currentIDs(of: cards)
        // Only the ids the decks lack are collected: at every start, usually none.
        var unknown: Set<String> = []
        for id in profile.states.keys where !current.contains(id) { unknown.insert(id) }
        for id in profile.flags.keys where !current.contains(id) { unknown.insert(id) }
        for review in profile.reviews where !current.contains(review.cardID) { unknown.insert(review.cardID) }
        for change in profile.dueChanges where !current.contains(change.cardID) {
            unknown.insert(change.cardID)
        }
        let target = targets(of: unknown, current: current, decks: decks, cards: cards)
        guard !target.isEmpty else { return nil }
        var migrated = profile
        migrated.reviews = profile.reviews.map { review in
            var moved = review
            moved.cardID = target[review.cardID] ?? review.cardID
            return moved
        }
        migrated.dueChanges = profile.dueChanges.map { change in
            var moved = change
            moved.cardID = target[change.cardID] ?? change.cardID
            return moved
        }
        var joined: [String: [String]] = [:]
        for (old, new) in target.sorted(by: { $0.key < $1.key }) {
            joined[new, default: []].append(old)
            migrated.states[old] = nil
            if let flags = migrated.flags.removeValue(forKey: old) {
                migrated.flags[new] = (migrated.flags[new] ?? CardFlags()).merged(with: flags)
            }
        }
        // Cards that now share a log get their state from replaying it.
        let replayed = migrated.replayed(using: scheduler)
        return Result(profile: replayed, joined: joined)
    }

    /// The ids of `cards`, in a card table: probed for every id a profile holds at every start,
    /// and found by its bytes without hashing a `String`.
    static func currentIDs(of cards: [Card]) -> CardTable {
        var current = CardTable()
        current.reserveCapacity(cards.count)
        for index in cards.indices { _ = current.number(cards[index].id) }
        return current
    }

    /// The old card ids among `unknown` (ids the decks lack) → the new ids they move to.
    static func targets(of unknown: Set<String>, current: CardTable, decks: [Deck], cards: [Card])
        -> [String: String]
    {
        // The usual case at every start: nothing to move, so no deck's old timelines are rebuilt.
        guard !unknown.isEmpty else { return [:] }
        let timelines = decks.reduce(into: [String: String]()) { map, deck in
            map.merge(legacyTimelineTargets(deck, cards: cards)) { first, _ in first }
        }
        var target: [String: String] = [:]
        for old in unknown {
            if let new = timelines[old] ?? newID(for: old, current: current) { target[old] = new }
        }
        return target
    }

    /// The new id of an old fact card, by fact and direction, if the decks have that card.
    static func newID(for old: String, current: CardTable) -> String? {
        let parts = old.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { return nil }
        let (deck, fact, template) = (parts[0], parts[1], parts[2])
        let forward = CardID.fact(deck: deck, fact: fact, direction: .forward).rawValue
        let reverse = CardID.fact(deck: deck, fact: fact, direction: .reverse).rawValue
        let candidates: [String]
        switch template {
        case "typed", "choice", "truefalse", "set", "choose", "choose-not": candidates = [forward]
        case "reverse", "event-by-date": candidates = [reverse]
        case _ where template.hasPrefix("member."): candidates = [forward]
        default: candidates = []
        }
        return candidates.first { current.contains($0) }
    }

    /// Old timeline ids (overlapping windows of four events, two apart) → the new timeline card
    /// sharing the most of their facts.
    static func legacyTimelineTargets(_ deck: Deck, cards: [Card]) -> [String: String] {
        let events = CardBuilder.events(of: DeckIndex(deck))
        let timelines = cards.filter { $0.deck == deck.id && $0.kind == .order }
        var targets: [String: String] = [:]
        var start = 0
        while start < events.count {
            var group: [CardBuilder.Event] = []
            for event in events[start...]
            where group.allSatisfy({ $0.date.isDistinguishable(from: event.date) }) {
                group.append(event)
                if group.count == 4 { break }
            }
            start += 2
            guard group.count >= 3 else { continue }
            let facts = Set(group.map(\.fact.id))
            let old = CardID.timeline(deck: deck.id, facts: Array(facts)).rawValue
            let best = timelines.map { ($0.id, Set($0.facts).intersection(facts).count) }
                .filter { $0.1 > 0 }
                .max { ($0.1, $1.0) < ($1.1, $0.0) }
            if let best, targets[old] == nil, best.0 != old { targets[old] = best.0 }
        }
        return targets
    }
}

extension ProgressStore {
    /// Moves progress on old card ids to the cards of `decks` (see `CardIDMigration`), keeping
    /// the original snapshot as `<profile>.json.cardids.bak`; returns a note of what was joined,
    /// or nil when nothing needed moving.
    @discardableResult
    public func migrateCardIDs(decks: [Deck], cards: [Card], using scheduler: some CardScheduling)
        throws(ProgressError) -> ProgressIssue?
    {
        // The usual case, no id to move, is found from the states (a card reviewed has one).
        guard CardIDMigration.migrate(profile, decks: decks, cards: cards, using: scheduler) != nil else {
            return nil
        }
        try loadWholeLog()
        guard let result = CardIDMigration.migrate(profile, decks: decks, cards: cards, using: scheduler)
        else {
            return nil
        }
        let backup = try replaceProfile(result.profile, backupSuffix: "cardids.bak")
        let moved = result.joined.values.reduce(0) { $0 + $1.count }
        let note = ProgressIssue(
            .note,
            "moved the reviews of \(moved) old card ids to \(result.joined.count) cards (one per fact and direction); the original is kept as '\(backup)'"
        )
        return note
    }
}

extension CardIDMigration {
    /// The profile as the cards of `decks` see it, old card ids moved (in memory only), for
    /// commands that read a profile without writing it; unchanged when nothing needs moving or
    /// its settings are out of range.
    public static func migrated(_ profile: Profile, decks: [Deck]) -> Profile {
        guard !decks.isEmpty, let scheduler = try? Scheduler(settings: profile.settings) else {
            return profile
        }
        let generator = QuestionGenerator()
        let cards = decks.flatMap { generator.cards(for: $0) }
        return migrate(profile, decks: decks, cards: cards, using: scheduler)?.profile ?? profile
    }

    /// `migrated(_:decks:)` for a profile read with `ReviewLogReader`: unchanged unless an old id
    /// needs moving, when the profile is read whole (`readWhole`) and migrated, as every command
    /// reads it. The usual case costs a look at each card id.
    static func migrated(
        _ streamed: StreamedProfile, decks: [Deck], readWhole: () throws(ProgressError) -> Profile?
    ) throws(ProgressError) -> StreamedProfile {
        guard !decks.isEmpty, (try? Scheduler(settings: streamed.profile.settings)) != nil else {
            return streamed
        }
        let generator = QuestionGenerator()
        let cards = decks.flatMap { generator.cards(for: $0) }
        let current = currentIDs(of: cards)
        let unknown = streamed.cardIDs.filter { !current.contains($0) }
        guard !targets(of: unknown, current: current, decks: decks, cards: cards).isEmpty,
            let whole = try readWhole()
        else { return streamed }
        return StreamedProfile(
            migrated(whole, decks: decks), keepsWrongAnswers: streamed.log.keepsWrongAnswers)
    }
}
