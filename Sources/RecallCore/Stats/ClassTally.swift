/// The class report's counts so far: learners added one at a time, each as a `LearnerPart`
/// computed from its profile alone, so that profiles can be read, counted and dropped one by one
/// (and on several threads; see `ClassReport.streaming`).
///
/// Cards, learners' names and folded wrong answers are numbered as they first come, so that
/// adding a learner is array arithmetic and one lookup per card id and per distinct answer,
/// not a dictionary of names and answers per card.
struct ClassTally {
    /// A card's counts across the class.
    struct Counts {
        var reviews = 0
        /// Reviews after each learner's first of the card.
        var repeated = 0
        /// Repeated reviews not rated Again.
        var remembered = 0
        var lapses = 0
        /// Distinct names of the learners who reviewed it.
        var learners = 0

        var passRate: Double? {
            repeated == 0 ? nil : Double(remembered) / Double(repeated)
        }
    }

    /// A wrong answer given to a card: the spelling it was first given in, and how often.
    struct WrongAnswer {
        var card: Int32
        var spelling: String
        var count: Int
    }

    let prompts: [String: String]?
    private(set) var learners: [ClassReport.Learner] = []
    /// The cards, numbered as they first come (the log's own numbering, by bytes).
    private var cards = CardTable()
    private var counts: [Counts] = []
    private var nameNumbers: [String: Int] = [:]
    /// Per learner name, a bit per card number: whether a learner of that name reviewed it.
    private var reviewedBy: [[UInt64]] = []
    private var answerNumbers: [String: Int32] = [:]
    /// (card number, folded answer number) → index in `wrong`.
    private var wrongIndex = PairIndex()
    private var wrong: [WrongAnswer] = []

    init(cards: [Card]?) {
        prompts = cards.map {
            Dictionary($0.map { ($0.id, $0.prompt) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func included(_ id: String) -> Bool { prompts.map { $0[id] != nil } ?? true }

    /// Adds a learner; learners must be added in the order they are listed (a wrong answer keeps
    /// the spelling of the first learner who gave it).
    mutating func add(_ part: LearnerPart) {
        learners.append(part.learner)
        let name = number(name: part.learner.name)
        let numbers = part.cardIDs.map { number(card: $0) }
        for (index, card) in numbers.enumerated() {
            let counted = part.counts[index]
            counts[Int(card)].reviews += counted.reviews
            counts[Int(card)].repeated += counted.repeated
            counts[Int(card)].remembered += counted.remembered
            if markReviewed(card: Int(card), byName: name) { counts[Int(card)].learners += 1 }
        }
        for (id, lapses) in part.lapses { counts[Int(number(card: id))].lapses += lapses }
        let answers = part.foldedAnswers.map { folded in
            if let known = answerNumbers[folded] { return known }
            let new = Int32(answerNumbers.count)
            answerNumbers[folded] = new
            return new
        }
        for given in part.wrong {
            let card = numbers[Int(given.card)]
            if let index = wrongIndex.number(card, answers[Int(given.answer)], orInsert: Int32(wrong.count)) {
                wrong[Int(index)].count += given.count
            } else {
                wrong.append(
                    WrongAnswer(card: card, spelling: part.spellings[Int(given.spelling)], count: given.count)
                )
            }
        }
    }

    func report(top: Int) -> ClassReport {
        let cardIDs = cards.ids
        var wrongByCard = [[Int]](repeating: [], count: cardIDs.count)
        for (index, answer) in wrong.enumerated() { wrongByCard[Int(answer.card)].append(index) }
        let hardest = cardIDs.indices.compactMap { card -> ClassReport.CardSummary? in
            let counted = counts[card]
            guard counted.repeated > 0 || counted.lapses > 0 || !wrongByCard[card].isEmpty else { return nil }
            return ClassReport.CardSummary(
                cardID: cardIDs[card], prompt: prompts?[cardIDs[card]], reviews: counted.reviews,
                learners: counted.learners, passRate: counted.passRate, lapses: counted.lapses,
                wrongAnswers: commonWrongAnswers(wrongByCard[card].map { wrong[$0] }))
        }
        .sorted(by: ClassReport.harder)
        .prefix(max(0, top)).map { $0 }
        return ClassReport(learners: learners, hardest: hardest)
    }

    /// The three most common, most frequent first, then by spelling.
    private func commonWrongAnswers(_ answers: [WrongAnswer]) -> [ClassReport.WrongAnswer] {
        answers.sorted { ($1.count, $0.spelling) < ($0.count, $1.spelling) }.prefix(3)
            .map { ClassReport.WrongAnswer(answer: $0.spelling, count: $0.count) }
    }

    private mutating func number(card id: String) -> Int32 {
        let number = cards.number(id)
        if Int(number) == counts.count { counts.append(Counts()) }
        return number
    }

    private mutating func number(name: String) -> Int {
        if let known = nameNumbers[name] { return known }
        nameNumbers[name] = reviewedBy.count
        reviewedBy.append([])
        return reviewedBy.count - 1
    }

    /// Marks `card` reviewed by a learner called `name`; false if one of that name already had.
    private mutating func markReviewed(card: Int, byName name: Int) -> Bool {
        let word = card / 64
        let bit = UInt64(1) << UInt64(card % 64)
        if reviewedBy[name].count <= word {
            reviewedBy[name].append(contentsOf: repeatElement(0, count: word + 1 - reviewedBy[name].count))
        }
        guard reviewedBy[name][word] & bit == 0 else { return false }
        reviewedBy[name][word] |= bit
        return true
    }
}
