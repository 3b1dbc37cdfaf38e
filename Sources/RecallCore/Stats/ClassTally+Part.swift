extension ClassTally {
    /// One learner's contribution, computed from its profile alone: its row, and its counts per
    /// card and per wrong answer, by card id and folded answer for the class to number.
    struct LearnerPart: Sendable {
        /// A wrong answer given to a card, as indices in the part's arrays.
        struct Given: Sendable {
            var card: Int32
            var answer: Int32
            var spelling: Int32
            var count: Int
        }

        var learner: ClassReport.Learner
        /// The cards reviewed (in the deck, when one is given), each once.
        var cardIDs: [String] = []
        /// Reviews, repeated and remembered reviews of `cardIDs[i]`.
        var counts: [Counts] = []
        /// The cards (in the deck) with lapses, reviewed or not.
        var lapses: [(id: String, lapses: Int)] = []
        /// Distinct folded wrong answers.
        var foldedAnswers: [String] = []
        /// Wrong answers as typed, trimmed.
        var spellings: [String] = []
        /// Per card and folded answer: the spelling first given and how often.
        var wrong: [Given] = []
    }

    /// The learner's row and per-card counts, from its profile.
    func part(name: String, profile: Profile) -> LearnerPart {
        part(name: name, profile: StreamedProfile(profile, keepsWrongAnswers: true))
    }

    /// The learner's row and per-card counts, from its profile read with `ReviewLogReader`
    /// (wrong answers kept).
    func part(name: String, profile streamed: StreamedProfile) -> LearnerPart {
        let log = streamed.log
        let isIncluded = prompts == nil ? nil : log.cardIDs.map(included)
        var counter = LearnerCounter(log: log, isIncluded: isIncluded)
        // In time order, ties in log order. A log is usually in time order already: counted as
        // it stands, and over again sorted if a review turns out earlier than the one before.
        var last = -Double.infinity
        for review in log.reviews {
            guard !(last > review.time) else {
                counter = LearnerCounter(log: log, isIncluded: isIncluded)
                var reviews = Array(log.reviews)
                reviews.sort { $0.time < $1.time }
                for review in reviews { counter.count(review) }
                break
            }
            last = review.time
            counter.count(review)
        }
        var part = counter.part(name: name, cardIDs: log.cardIDs)
        let profile = streamed.profile
        part.learner.mature = profile.states.count { id, state in
            guard state.phase == .review, let last = state.lastReview else { return false }
            return state.due.timeIntervalSince(last) >= ClassReport.matureDays * 86_400 && included(id)
        }
        for (id, flags) in profile.flags where included(id) {
            part.learner.lapses += flags.lapses
            if flags.lapses > 0 { part.lapses.append((id, flags.lapses)) }
        }
        return part
    }
}

/// Counts one learner's reviews by the log's card numbers, and each distinct wrong answer it
/// typed trimmed and folded once.
private struct LearnerCounter {
    let log: ReviewLog
    /// Per log card number, whether the report counts it; nil for all.
    let isIncluded: [Bool]?
    var counts: [ClassTally.Counts]
    /// Answer as typed → its index in `spellings`, or -1 when blank.
    var typed: [String: Int32] = [:]
    var spellings: [String] = []
    /// Per spelling, its folded answer's index in `foldedAnswers`.
    var spellingAnswer: [Int32] = []
    var answerNumbers: [String: Int32] = [:]
    var foldedAnswers: [String] = []
    var wrong: [ClassTally.LearnerPart.Given] = []
    /// Per log card number, its latest entry in `wrong` (-1 for none); per entry, the card's one
    /// before: a card's wrong answers are few, so a walk is cheaper than hashing.
    var lastWrong: [Int32]
    var previousWrong: [Int32] = []

    init(log: ReviewLog, isIncluded: [Bool]?) {
        self.log = log
        self.isIncluded = isIncluded
        counts = Array(repeating: ClassTally.Counts(), count: log.cardIDs.count)
        lastWrong = Array(repeating: -1, count: log.cardIDs.count)
    }

    mutating func count(_ review: ReviewLog.Entry) {
        let card = Int(review.card)
        if let isIncluded, !isIncluded[card] { return }
        if counts[card].reviews > 0 {
            counts[card].repeated += 1
            if review.rating != .again { counts[card].remembered += 1 }
        }
        counts[card].reviews += 1
        guard review.verdict == .wrong, let answer = log.answer(of: review) else { return }
        let spelling = self.spelling(of: answer)
        guard spelling >= 0 else { return }
        let folded = spellingAnswer[Int(spelling)]
        var index = lastWrong[card]
        while index >= 0 {
            if wrong[Int(index)].answer == folded {
                wrong[Int(index)].count += 1
                return
            }
            index = previousWrong[Int(index)]
        }
        previousWrong.append(lastWrong[card])
        lastWrong[card] = Int32(wrong.count)
        wrong.append(.init(card: review.card, answer: folded, spelling: spelling, count: 1))
    }

    /// The index of `answer` trimmed in `spellings` (folded once per distinct text), -1 if blank.
    private mutating func spelling(of answer: String) -> Int32 {
        // Known by its bytes: `String` equality would also take a canonically equivalent
        // spelling (é as e + ◌́) for this one, and the report shows a card's first spelling as typed.
        let slot = typed.index(forKey: answer)
        if let slot, typed[slot].key.utf8.elementsEqual(answer.utf8) { return typed[slot].value }
        let trimmed = answer.trimmingWhitespace
        var number: Int32 = -1
        if !trimmed.isEmpty {
            number = Int32(spellings.count)
            spellings.append(trimmed)
            let folded = TextFold.fold(trimmed)
            if let known = answerNumbers[folded] {
                spellingAnswer.append(known)
            } else {
                let new = Int32(foldedAnswers.count)
                answerNumbers[folded] = new
                foldedAnswers.append(folded)
                spellingAnswer.append(new)
            }
        }
        // Only the first of equivalent spellings is kept (storing another would keep the first's
        // key with the other's number).
        if slot == nil { typed[answer] = number }
        return number
    }

    /// The part: cards renumbered in the order of the log's numbers, reviewed ones only.
    func part(name: String, cardIDs ids: [String]) -> ClassTally.LearnerPart {
        var part = ClassTally.LearnerPart(
            learner: ClassReport.Learner(
                name: name, reviews: 0, cards: 0, passRate: nil, mature: 0, lapses: 0))
        var renumbered = [Int32](repeating: -1, count: counts.count)
        var repeated = 0
        var remembered = 0
        for (card, counted) in counts.enumerated() where counted.reviews > 0 {
            renumbered[card] = Int32(part.cardIDs.count)
            part.cardIDs.append(ids[card])
            part.counts.append(counted)
            part.learner.reviews += counted.reviews
            repeated += counted.repeated
            remembered += counted.remembered
        }
        part.learner.cards = part.cardIDs.count
        part.learner.passRate = repeated == 0 ? nil : Double(remembered) / Double(repeated)
        part.foldedAnswers = foldedAnswers
        part.spellings = spellings
        part.wrong = wrong.map { given in
            var given = given
            given.card = renumbered[Int(given.card)]
            return given
        }
        return part
    }
}
