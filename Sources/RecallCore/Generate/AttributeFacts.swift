/// One attribute's facts in deck order, with what the generator asks of them for every card
/// built once per deck: where each fact sits, whose subject it is, and the subject's name folded,
/// so a reverse card's wrong subjects and a text fact's distractor pool cost integer comparisons
/// rather than copies of every other fact and text folding.
struct AttributeFacts {
    /// The attribute's facts, in deck order.
    let facts: [Fact]
    /// Positions in `facts` of each fact id.
    private let positions: [String: [Int]]
    /// Per position, a number standing for the fact's subject (equal numbers, equal subjects).
    private let subjects: [Int]
    private let subjectCodes: [String: Int]
    /// Per position, the subject entity's name (nil when the deck has no such entity).
    let subjectNames: [String?]
    /// Per position, a number standing for the subject's folded name (-1 when it has none).
    private let nameFolds: [Int]
    private let foldCodes: [String: Int]

    init(_ facts: [Fact], entities: [String: Entity]) {
        self.facts = facts
        var positions: [String: [Int]] = [:]
        var subjectCodes: [String: Int] = [:]
        var foldCodes: [String: Int] = [:]
        var subjects: [Int] = []
        var names: [String?] = []
        var folds: [Int] = []
        for (position, fact) in facts.enumerated() {
            positions[fact.id, default: []].append(position)
            let subjectCode = subjectCodes[fact.subject] ?? subjectCodes.count
            subjectCodes[fact.subject] = subjectCode
            subjects.append(subjectCode)
            let name = entities[fact.subject]?.name
            names.append(name)
            if let name {
                let folded = TextFold.fold(name)
                let code = foldCodes[folded] ?? foldCodes.count
                foldCodes[folded] = code
                folds.append(code)
            } else {
                folds.append(-1)
            }
        }
        self.positions = positions
        self.subjects = subjects
        self.subjectCodes = subjectCodes
        subjectNames = names
        nameFolds = folds
        self.foldCodes = foldCodes
    }

    /// Positions of the facts with these ids, ascending.
    func positions(of ids: Set<String>) -> [Int] {
        ids.flatMap { positions[$0] ?? [] }.sorted()
    }

    /// The facts other than those at `excluded` (ascending positions), as a collection that
    /// indexes them without copying.
    func excluding(_ excluded: [Int]) -> Remaining {
        Remaining(facts: facts, excluded: excluded)
    }

    /// Facts not excluded, in order: element `k` is the `k`-th fact whose position is not excluded.
    struct Remaining {
        let facts: [Fact]
        let excluded: [Int]

        var count: Int { facts.count - excluded.count }

        subscript(position: Int) -> Fact {
            var index = position
            for skipped in excluded {
                if skipped <= index { index += 1 } else { break }
            }
            return facts[index]
        }
    }

    /// Positions of the facts whose subjects could be wrong answers to a reverse question about
    /// `subject` (named `subjectName`): other subjects, not at `excluded` (ascending positions),
    /// one per folded name (its first fact), none reading as `subjectName`.
    func otherSubjects(than subject: String, named subjectName: String, excluding excluded: [Int]) -> [Int] {
        let own = subjectCodes[subject] ?? -1
        var seen = [Bool](repeating: false, count: foldCodes.count)
        if let code = foldCodes[TextFold.fold(subjectName)] { seen[code] = true }
        var next = 0
        var found: [Int] = []
        for position in subjects.indices {
            if next < excluded.count, excluded[next] == position {
                next += 1
                continue
            }
            let fold = nameFolds[position]
            guard subjects[position] != own, fold >= 0, !seen[fold] else { continue }
            seen[fold] = true
            found.append(position)
        }
        return found
    }
}

extension Array {
    /// `shuffled(using:).prefix(length)`, drawing the same numbers from `generator` (so it is left
    /// as the whole shuffle leaves it) without moving the elements past `length`: the standard
    /// library's shuffle fixes position `i` at its `i`-th draw, so only the first `length` draws
    /// choose elements; the rest are drawn for the generator's sake.
    func shuffledPrefix(_ length: Int, using generator: inout some RandomNumberGenerator) -> [Element] {
        guard count > 1 else { return Array(prefix(length)) }
        var moved: [Int: Int] = [:]
        var picked: [Element] = []
        var amount = count
        var current = 0
        while amount > 1 {
            let random = Int.random(in: 0..<amount, using: &generator)
            amount -= 1
            if current < length {
                let other = current + random
                let there = moved[other] ?? other
                moved[other] = moved[current] ?? current
                picked.append(self[there])
            }
            current += 1
        }
        if picked.count < Swift.min(length, count) { picked.append(self[moved[current] ?? current]) }
        return picked
    }
}
