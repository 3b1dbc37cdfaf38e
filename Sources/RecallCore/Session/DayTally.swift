import Foundation

/// The day's counts of some cards (`StudySession.DayCounts`, what a new session counts) kept fact
/// by fact, so that after a change to a few cards only their facts are counted again: the
/// prompt's counts after an answer, a bury or a flag cost O(the facts changed + today's answers),
/// not O(cards).
///
/// A card's standing is `CardStatusBoard`'s (the one definition); how a fact's cards fill today's
/// queue mirrors `StudySession.buildQueue` (one card per fact: a fact answered today or in its
/// learning steps holds its due and new cards back, a fact with a due review holds its new cards
/// back), which depends on nothing but the fact's own cards. What is global — the daily limits
/// less what was done today — comes from today's answers (`StudySession.DayProgress`). The
/// counts are exact for the study day they were made in, with no exam plan (it picks cards by
/// the clock); `DayCountsCache` counts again at a rollover, when a burial ends, and with an exam.
struct DayTally {
    /// What one fact's cards add to the day's counts.
    struct Part: Hashable {
        /// Available cards in their learning or relearning steps (the session's learning count).
        var learning = 0
        /// Available review cards due today.
        var dueReviews = 0
        /// Available new cards.
        var fresh = 0
        /// Cards held back because another card of their fact was answered today (new; not new).
        var siblingNew = 0
        var siblingOld = 0
        /// `CardStatusBoard.Counts`'s due, buried and suspended.
        var due = 0
        var buried = 0
        var suspended = 0
        /// 1 when the fact gives today's queue a review: it has a due review and was neither
        /// answered today nor is in its learning steps.
        var reviewFacts = 0
        /// 1 when the fact gives today's queue a new card: it has an available new card and
        /// nothing above holds it (no answer today, no learning step, no due review).
        var newFacts = 0

        static func + (lhs: Part, rhs: Part) -> Part {
            var sum = lhs
            sum.add(rhs, sign: 1)
            return sum
        }

        mutating func add(_ other: Part, sign: Int) {
            learning += sign * other.learning
            dueReviews += sign * other.dueReviews
            fresh += sign * other.fresh
            siblingNew += sign * other.siblingNew
            siblingOld += sign * other.siblingOld
            due += sign * other.due
            buried += sign * other.buried
            suspended += sign * other.suspended
            reviewFacts += sign * other.reviewFacts
            newFacts += sign * other.newFacts
        }
    }

    /// The cards in deck order (a card listed twice is counted at its first place only).
    private let cards: [Card]
    /// Each card's fact (an index into `facts`), by card id.
    private let factOfCard: [String: Int]
    /// Each fact's cards, as indices into `cards` in deck order.
    private let facts: [[Int]]
    private var parts: [Part]
    private(set) var total = Part()

    /// Counts every card at `now` (O(cards)).
    init(cards: [Card], store: some ProfileStoring, now: Date, days: StudyCalendar) {
        var factOfCard: [String: Int] = [:]
        var factOfKey: [String: Int] = [:]
        var facts: [[Int]] = []
        factOfCard.reserveCapacity(cards.count)
        factOfKey.reserveCapacity(cards.count)
        for index in cards.indices {
            // (Reading the two ids in place: a copy of each card would retain all its parts.)
            let id = cards[index].id
            guard factOfCard[id] == nil else { continue }
            let key = cards[index].siblingKey
            let fact: Int
            if let known = factOfKey[key] {
                fact = known
            } else {
                fact = facts.count
                factOfKey[key] = fact
                facts.append([])
            }
            factOfCard[id] = fact
            facts[fact].append(index)
        }
        self.cards = cards
        self.factOfCard = factOfCard
        self.facts = facts
        let board = CardStatusBoard(store: store, cards: cards, now: now, days: days)
        let profile = store.profile
        // Facts are counted independently: over the cores, each shard a run of facts.
        let shards = Parallel.shardCount(for: facts.count / 16)
        parts = Parallel.map(shards: shards) { [facts] shard in
            facts[Parallel.range(ofShard: shard, of: shards, count: facts.count)].map {
                Self.part(of: $0, in: cards, board: board, profile: profile)
            }
        }.flatMap { $0 }
        total = parts.reduce(Part(), +)
    }

    /// Counts again the facts of the cards changed (ids outside these cards are ignored), at a
    /// moment of the same study day.
    mutating func recount(changed: Set<String>, store: some ProfileStoring, now: Date, days: StudyCalendar) {
        let changedFacts = Set(changed.compactMap { factOfCard[$0] }).sorted()
        guard !changedFacts.isEmpty else { return }
        let board = CardStatusBoard(
            store: store, cards: changedFacts.flatMap { facts[$0].map { cards[$0] } }, now: now, days: days)
        let profile = store.profile
        for fact in changedFacts {
            total.add(parts[fact], sign: -1)
            parts[fact] = Self.part(of: facts[fact], in: cards, board: board, profile: profile)
            total.add(parts[fact], sign: 1)
        }
    }

    /// The day's counts, given what was done today (for the daily limits).
    func counts(progress: StudySession.DayProgress, options: StudyOptions) -> StudySession.DayCounts {
        let room = max(0, options.reviewLimit - progress.reviews)
        let quota = max(0, options.newPerDay - progress.newCards)
        let reviews = min(room, total.reviewFacts)
        let new = min(quota, total.newFacts)
        let heldBack = StudySession.HeldBack(
            new: min(total.siblingNew + total.fresh - new, quota - new),
            reviews: total.siblingOld + total.dueReviews - total.reviewFacts,
            overLimit: total.reviewFacts - reviews)
        return StudySession.DayCounts(
            learning: total.learning, review: reviews, new: new, due: total.due, buried: total.buried,
            suspended: total.suspended, heldBack: heldBack)
    }

    /// What one fact's cards add (see `Part`).
    private static func part(of fact: [Int], in cards: [Card], board: CardStatusBoard, profile: Profile)
        -> Part
    {
        var part = Part()
        var answeredToday = false
        for index in fact {
            let card = cards[index]
            // The days since a wrong answer are not counted: not asked for.
            let status = board.status(of: card, state: profile.states[card.id], needsDaysSinceWrong: false)
            answeredToday = answeredToday || board.factAnsweredToday(card)
            if status.isSuspended {
                part.suspended += 1
            } else if status.burial != nil {
                part.buried += 1
                if status.burial == .sibling {
                    if status.phase == .new { part.siblingNew += 1 } else { part.siblingOld += 1 }
                }
            } else if status.isDue {
                part.due += 1
            }
            guard status.isAvailable else { continue }
            switch status.phase {
            case .new: part.fresh += 1
            case .learning, .relearning: part.learning += 1
            case .review where status.isDueToday: part.dueReviews += 1
            case .review: break
            }
        }
        let held = answeredToday || part.learning > 0
        part.reviewFacts = !held && part.dueReviews > 0 ? 1 : 0
        part.newFacts = !held && part.dueReviews == 0 && part.fresh > 0 ? 1 : 0
        return part
    }
}
