public import Foundation

/// A day's study: which card comes next, grading, and everything a grading changes — the
/// schedule, siblings, leeches — recorded durably through the progress store before the next
/// card is shown.
///
/// The queue follows Anki: learning and relearning cards whose step is due come first; then
/// review cards due today, the most at risk (lowest retrievability) first and at most the daily
/// limit, with new cards up to the daily limit spread among them. Once a card is answered, its
/// siblings (cards of the same fact) wait until tomorrow. The clock is a parameter of every call.
public final class StudySession {
    /// What a grading did, for the learner to be told.
    public struct Outcome: Sendable, Hashable {
        public var review: Review
        public var state: CardState
        /// The card lapsed once too often: it is now tagged a leech and suspended.
        public var becameLeech: Bool
    }

    /// What can be taken back with `undo`.
    struct Graded {
        var card: Card
        var reviewID: String
        var previousState: CardState?
        var previousFlags: CardFlags
        var wasNew: Bool
        var buriedSiblings: [Card]
    }

    public let store: any ProfileStoring
    public let scheduler: Scheduler
    public let options: StudyOptions
    /// Made at the first answer: a session built only for its counts (the REPL's prompt) never
    /// grades, and normalising every name of the decks was a tenth of the time to the prompt.
    private(set) lazy var checker = AnswerChecker(vocabulary: vocabulary, decks: decks)
    private let vocabulary: [[String]]
    private let decks: [Deck]
    let cards: [String: Card]
    let deckOrder: [String]

    /// Review and new cards still to show today, in order.
    var queue = ReviewQueue()
    /// Learning and relearning cards waiting for their step, by due time.
    var learning = LearningIndex()
    var history: [Graded] = []
    /// Buries and suspensions, for `takeBack` (see `StudySession+TakeBack.swift`).
    var flagChanges: [FlagChange] = []
    /// Sibling keys answered today.
    var answeredSiblings: Set<String> = []
    /// Due reviews beyond today's limit, most at risk first, and new cards beyond today's quota,
    /// in deck order: what the queue is topped up from when a sibling leaves it.
    var backlog: [Card] = []
    var reserve: [Card] = []
    /// What today's queue leaves out, and why.
    var heldBack = HeldBack()
    /// Counts for the summary.
    public internal(set) var summary = StudySummary()
    /// The study day the queue was built for.
    private(set) var day: Date
    /// The status board the queue was last built from, and the store's change count then: what
    /// `counts(now:)` reuses at the same moment instead of building it again.
    var queueBoard: (board: CardStatusBoard, changeCount: Int)?

    /// - Parameters:
    ///   - cards: the cards of the decks being studied.
    ///   - vocabulary: names the decks know, for grading (see `AnswerChecker`).
    ///   - decks: the decks the cards come from, whose facts grading reads (see `AnswerChecker`).
    public init(
        cards: [Card], vocabulary: [[String]], decks: [Deck] = [], store: any ProfileStoring,
        scheduler: Scheduler, options: StudyOptions = StudyOptions(), now: Date
    ) {
        self.store = store
        self.scheduler = scheduler
        self.options = options
        self.vocabulary = vocabulary
        self.decks = decks
        self.cards = Dictionary(cards.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Each card once (the same card twice would be queued and counted twice).
        var seen: Set<String> = []
        self.deckOrder =
            self.cards.count == cards.count
            ? cards.map(\.id) : cards.map(\.id).filter { seen.insert($0).inserted }
        self.day = options.clock.startOfDay(containing: now)
        summary.startedAt = now
        buildQueue(now: now)
    }

    /// The card to show now, in the presentation its memory strength calls for (see
    /// `PresentationRule`), or nil when today's study is done.
    public func next(now: Date) -> Card? {
        nextCard(now: now).map(presented)
    }

    /// The card as the session asks it now.
    func presented(_ card: Card) -> Card {
        let state = store.profile.states[card.id]
        let style = PresentationRule.style(for: card, state: state, recallOnly: asksRecallOnly)
        return card.presented(as: style) ?? card
    }

    /// Every card as typed recall: by the `--recall-only` flag, or by the profile's saved setting.
    public var asksRecallOnly: Bool {
        options.recallOnly || store.profile.settings.recallOnly == true
    }

    /// `new · choose`: the card's phase and the way it is asked.
    public func label(for card: Card) -> String {
        PresentationRule.label(state: store.profile.states[card.id], style: card.style)
    }

    /// For a card never answered: its fact and where it comes from, shown before it is asked.
    public func introduction(for card: Card) -> String? {
        guard store.profile.states[card.id] == nil, !card.why.isEmpty else { return nil }
        return card.why
    }

    private func nextCard(now: Date) -> Card? {
        if options.clock.startOfDay(containing: now) != day {
            day = options.clock.startOfDay(containing: now)
            answeredSiblings = []
            buildQueue(now: now)
        }
        if let first = learning.earliest(), first.due <= now { return first.card }
        while let head = queue.first {
            if isAvailable(head, now: now) { return head }
            queue.removeFirst()
        }
        if let first = learning.earliest(), first.due <= now.addingTimeInterval(options.learnAhead) {
            return first.card
        }
        return nil
    }

    /// Cards left today: learning, review and new.
    public func remaining(now: Date) -> (learning: Int, review: Int, new: Int) {
        let available = queue.filter { isAvailable($0, now: now) }
        // New as `CardStatus` says: no state, or one without an answer.
        let newCount = available.count { store.profile.states[$0.id]?.isNew ?? true }
        return (learning.count, available.count - newCount, newCount)
    }

    /// Grades a reply (with the learner's own accepted spellings for this card).
    public func grade(_ reply: String, for card: Card) -> Grade {
        var card = card
        card.accepted += store.profile.flags(of: card.id).aliases
        return checker.grade(reply, for: card)
    }

    /// The rating a grade suggests: wrong → Again; right in typed recall → Hard when close, slow
    /// or helped by a hint, Good otherwise (never Easy: only the learner chooses Easy, as in Anki,
    /// and the time rule only lowers); right in an easy form (choice, true/false) → Hard once
    /// graduated, Good in the learning steps (see `PresentationRule.rating`).
    public func suggestedRating(for grade: Grade, duration: TimeInterval, hintsUsed: Int, card: Card)
        -> Rating
    {
        let rating = PresentationRule.rating(
            recall: recallRating(for: grade, duration: duration, hintsUsed: hintsUsed, card: card),
            style: card.style, state: store.profile.states[card.id])
        // A hint caps the grade at Hard in every form.
        return hintsUsed > 0 && rating.rawValue > Rating.hard.rawValue ? .hard : rating
    }

    private func recallRating(for grade: Grade, duration: TimeInterval, hintsUsed: Int, card: Card) -> Rating
    {
        guard grade.isAccepted else { return .again }
        if hintsUsed > 0 || grade.verdict == .close { return .hard }
        // Sets and orderings take longer to type than a single word.
        let scale: Double = [.set, .order, .cloze].contains(card.kind) ? 2 : 1
        if duration > options.slowAnswer * scale { return .hard }
        return .good
    }

    /// Records an answer: schedules the card, appends the review durably, buries its siblings
    /// for the day and suspends it as a leech when it has lapsed too often.
    @discardableResult
    public func record(
        _ card: Card, reply: String, grade: Grade, rating: Rating, duration: TimeInterval, hints: Int = 0,
        now: Date
    ) throws(ProgressError) -> Outcome {
        let previousState = store.profile.states[card.id]
        let previousFlags = store.profile.flags(of: card.id)
        let review = Review(
            id: Self.reviewID(card: card.id, at: now), cardID: card.id, reviewedAt: now, rating: rating,
            answer: reply, verdict: grade.verdict, duration: max(0, duration), hints: hints,
            overridden: grade.verdict == .wrong && rating != .again)
        let state = try store.record(review, using: scheduler)
        var becameLeech = false
        var flags = store.profile.flags(of: card.id)
        if flags.lapses >= options.leechThreshold, !flags.isLeech {
            flags.isLeech = true
            flags.isSuspended = true
            try store.setFlags(flags, for: card.id)
            becameLeech = true
        }
        let buried = buryingSiblings(of: card)
        history.append(
            Graded(
                card: card, reviewID: review.id, previousState: previousState, previousFlags: previousFlags,
                wasNew: previousState == nil, buriedSiblings: buried))
        queue.remove(id: card.id)
        learning.remove(id: card.id)
        if state.phase != .review, !flags.isSuspended { learning.insert(card, due: state.due) }
        summary.count(review, wasNew: previousState == nil)
        return Outcome(review: review, state: state, becameLeech: becameLeech)
    }

    /// Takes back the last grading: state, log and flags as before; the card is shown again next.
    /// Repeatable. Returns the card, or nil when nothing is left to undo.
    @discardableResult
    public func undo() throws(ProgressError) -> Card? {
        guard let last = history.last else { return nil }
        let undone = store.profile.reviews.last { $0.id == last.reviewID }
        try store.undo(last.reviewID, restoring: last.previousState)
        if store.profile.flags(of: last.card.id) != last.previousFlags {
            try store.setFlags(last.previousFlags, for: last.card.id)
        }
        history.removeLast()
        if let undone { summary.uncount(undone, wasNew: last.wasNew) }
        learning.remove(id: last.card.id)
        answeredSiblings.remove(last.card.siblingKey)
        queue.prepend([last.card] + last.buriedSiblings)
        return last.card
    }

    /// Puts the card back at the end of today's queue.
    public func skip(_ card: Card) {
        queue.moveToEnd(id: card.id)
    }

    /// Hides the card until tomorrow (durably).
    public func bury(_ card: Card, now: Date) throws(ProgressError) {
        let previous = store.profile.flags(of: card.id)
        var flags = previous
        flags.buriedUntil = options.clock.endOfDay(containing: now)
        try store.setFlags(flags, for: card.id)
        noteFlagChange(of: card, from: previous)
    }

    /// Suspends the card until the learner unsuspends it (durably).
    public func suspend(_ card: Card) throws(ProgressError) {
        let previous = store.profile.flags(of: card.id)
        var flags = previous
        flags.isSuspended = true
        try store.setFlags(flags, for: card.id)
        noteFlagChange(of: card, from: previous)
    }

    /// After a wrong verdict the learner knows was right: regrades the last answer as correct with
    /// `rating` and remembers the spelling as the learner's own alias for the card, in one durable
    /// change (see `rerate`). Returns nil when the last answer was not to `card`.
    @discardableResult
    public func accept(
        _ reply: String, for card: Card, rating: Rating, duration: TimeInterval, now: Date
    ) throws(ProgressError) -> Outcome? {
        guard let last = history.last, last.card.id == card.id else { return nil }
        let spelling = reply.trimmingWhitespace
        return try rerate(rating: rating, verdict: .correct, alias: spelling.isEmpty ? nil : spelling)
    }

    /// Changes the rating of the last answer (and, for `accept`, its verdict and the card's
    /// aliases) in ONE journal entry that replaces the review: the answer is on disk throughout,
    /// with the old rating or the new. Returns nil when nothing was answered yet.
    @discardableResult
    public func rerate(rating: Rating, verdict: Grade.Verdict? = nil, alias: String? = nil)
        throws(ProgressError) -> Outcome?
    {
        guard let last = history.last,
            var review = store.profile.reviews.last(where: { $0.id == last.reviewID })
        else { return nil }
        let oldReview = review
        let card = last.card
        review.rating = rating
        if let verdict { review.verdict = verdict }
        review.overridden = review.verdict == .wrong && rating != .again
        let before = last.previousState ?? .new(at: review.reviewedAt)
        let state = scheduler.review(before, rating: rating, at: review.reviewedAt, cardID: card.id).storable
        var flags = store.profile.flags(of: card.id)
        let lapse = { (rating: Rating) in Profile.isLapse(before: last.previousState, rating: rating) ? 1 : 0
        }
        // The count may come from a file: clamped first, so the arithmetic cannot trap.
        let lapses = min(max(0, flags.lapses), Int.max - 1)
        flags.lapses = max(0, lapses - lapse(oldReview.rating)) + lapse(rating)
        if !last.previousFlags.isLeech, flags.isLeech, flags.lapses < options.leechThreshold {
            flags.isLeech = false
            flags.isSuspended = last.previousFlags.isSuspended
        }
        var becameLeech = false
        if flags.lapses >= options.leechThreshold, !flags.isLeech {
            flags.isLeech = true
            flags.isSuspended = true
            becameLeech = true
        }
        if let alias, !flags.aliases.contains(alias) { flags.aliases.append(alias) }
        try store.replaceLastReview(with: review, newState: state, flags: flags)
        summary.uncount(oldReview, wasNew: last.wasNew)
        summary.count(review, wasNew: last.wasNew)
        learning.remove(id: card.id)
        if state.phase != .review, !flags.isSuspended { learning.insert(card, due: state.due) }
        return Outcome(review: review, state: state, becameLeech: becameLeech)
    }

    /// Review ids are unique per card and millisecond, and the same on every machine, so merging
    /// two copies of a profile drops the duplicates.
    static func reviewID(card: String, at time: Date) -> String {
        "\(card)@\(Int64((time.timeIntervalSince1970 * 1000).rounded(.down)))"
    }
}
