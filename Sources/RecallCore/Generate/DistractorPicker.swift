/// Picks plausible wrong options of the same type as a fact's value, never one that is true.
///
/// Years come from near the answer, places and organs from entities of the same type (and the
/// deck's extra `distractors`), texts from the same attribute of other subjects, numbers from
/// nearby magnitudes. Anything the deck holds true for the same subject and attribute, or that
/// reads the same as the answer, is never offered.
struct DistractorPicker {
    let index: DeckIndex

    /// Qualifiers that make a number a lower bound: a smaller option would be true as well, and
    /// a larger one is not settled by the source, so a bounded number has no distractors.
    static let lowerBounds: Set<String> = ["more than", "over", "at least", "upwards of", "in excess of"]
    /// Qualifiers that make a number an upper bound.
    static let upperBounds: Set<String> = ["less than", "fewer than", "under", "at most", "up to"]

    /// Whether the value is a number with a bound ("more than 2,000"), which nothing false contradicts.
    func isBounded(_ value: FactValue) -> Bool {
        guard case .number(_, _, let qualifier?) = value else { return false }
        let folded = TextFold.fold(qualifier)
        return Self.lowerBounds.contains(folded) || Self.upperBounds.contains(folded)
    }

    /// Facts never used as distractors for `fact`: those it names as confusable and those naming it.
    func confusableFacts(of fact: Fact) -> Set<String> {
        Set(fact.confusableWith).union(index.confusableNaming[fact.id] ?? [])
    }

    /// Up to `count` wrong options, as displayed: none for a bounded number, no year after the
    /// source's date, never a value of a confusable fact, and years from both sides of the answer.
    func distractors(for fact: Fact, count: Int, using rng: inout SplitMix64) -> [String] {
        if isBounded(fact.value) { return [] }
        let truths = Set(index.trueValues(of: fact).flatMap { index.accepted($0) }.map(TextFold.fold))
        switch pool(for: fact) {
        case .nearestFirst(let values):
            // Years and numbers: draw from the nearest few so the options stay plausible.
            let window = usable(values.prefix(max(count * 2, 6)), excluding: truths)
            var picked = Array(window.shuffled(using: &rng).prefix(count))
            if case .date(let date) = fact.value { picked = bothSides(picked, window: window, of: date) }
            return picked
        case .any(let size, let option):
            // Names and texts: a random sample, so a large deck costs the same per card as a
            // small one; the whole pool only when the sample falls short.
            var picked = usable(sample(size, using: &rng).lazy.compactMap(option), excluding: truths)
            if picked.count < count, size > Self.sampleSize * 2 {
                picked = usable((0..<size).lazy.compactMap(option), excluding: truths)
            }
            return Array(picked.shuffled(using: &rng).prefix(count))
        }
    }

    /// Years on one side of the answer only give it away (always the earliest or the latest):
    /// swap one for a year on the other side when the window has one.
    private func bothSides(_ picked: [String], window: [String], of date: DeckDate) -> [String] {
        func year(_ text: String) -> Int? { Int(text.split(separator: " ").last ?? "") }
        let years = picked.compactMap(year)
        guard years.count == picked.count, picked.count >= 2 else { return picked }
        let later = years.filter { $0 > date.year }.count
        guard later == 0 || later == years.count else { return picked }
        guard
            let other = window.first(where: { text in
                guard let y = year(text) else { return false }
                return later == 0 ? y > date.year : y < date.year
            })
        else { return picked }
        return Array(picked.dropLast()) + [other]
    }

    /// Candidate options: nearest first, or any of `size` options (nil for one that never fits).
    private enum Pool {
        case nearestFirst([String])
        case any(size: Int, option: (Int) -> String?)
    }

    private static let sampleSize = 12

    /// Distinct options that read differently from every true value and from each other.
    private func usable(_ options: some Sequence<String>, excluding truths: Set<String>) -> [String] {
        var seen = truths
        return options.filter { seen.insert(TextFold.fold($0)).inserted }
    }

    /// `sampleSize` distinct indices below `size` at random (all of them when there are few).
    private func sample(_ size: Int, using rng: inout SplitMix64) -> [Int] {
        guard size > Self.sampleSize * 2 else { return Array(0..<size) }
        var indices: Set<Int> = []
        while indices.count < Self.sampleSize { indices.insert(Int.random(in: 0..<size, using: &rng)) }
        return indices.sorted()
    }

    /// A distractor as it reads in a sentence (an entity's mention rather than its name).
    func inSentence(_ display: String, like value: FactValue) -> String {
        if case .entity = value, let entity = index.entitiesByName[display] {
            return entity.inSentence
        }
        return display
    }

    private func pool(for fact: Fact) -> Pool {
        switch fact.value {
        case .date(let date):
            return .nearestFirst(dates(near: date))
        case .number(let number, let unit, let qualifier):
            return .nearestFirst(numbers(near: number, unit: unit, qualifier: qualifier))
        case .entity(let id):
            guard let answer = index.entities[id] else { return .nearestFirst([]) }
            let sameType = index.entitiesByType[answer.type] ?? []
            let extra = index.deck.distractors[answer.type] ?? []
            return .any(size: sameType.count + extra.count) { position in
                guard position < sameType.count else { return extra[position - sameType.count] }
                let entity = sameType[position]
                return entity.id == id || entity.id == fact.subject ? nil : entity.name
            }
        case .text:
            guard let facts = index.factsByAttribute[fact.attribute] else { return .nearestFirst([]) }
            let others = facts.excluding(facts.positions(of: confusableFacts(of: fact)))
            return .any(size: others.count) { position in
                others[position].subject == fact.subject ? nil : index.display(others[position].value)
            }
        case .set, .passage:
            return .nearestFirst([])
        }
    }

    private func dates(near date: DeckDate) -> [String] {
        let low = index.years.partitionPoint { $0 < date.year - 12 }
        let high = index.years.partitionPoint { $0 <= date.year + 12 }
        var years = Set(index.years[low..<high])
        for offset in [-3, -2, -1, 1, 2, 3, 4] { years.insert(date.year + offset) }
        years.remove(date.year)
        if let asOf = index.deck.asOf { years = years.filter { $0 <= asOf.year } }
        let sorted = years.sorted { (abs($0 - date.year), $0) < (abs($1 - date.year), $1) }
        guard let month = date.month else { return sorted.map(String.init) }
        let months = [month - 2, month - 1, month + 1, month + 2, month + 3].filter { (1...12).contains($0) }
        return months.map { DeckDate(year: date.year, month: $0).display }
            + sorted.prefix(3).map { DeckDate(year: $0, month: month).display }
    }

    private func numbers(near number: Int, unit: String?, qualifier: String?) -> [String] {
        let candidates: [Int]
        if number.magnitude <= 12 {
            candidates = [number + 1, number - 1, number + 2, number * 2, number - 2, number + 3]
        } else {
            candidates = [number / 2, number * 3 / 2, number * 2, number * 5 / 2, number * 3, number * 4].map(
                Self.round2)
        }
        // Not 1: "1 years" is not English, and a unit's singular is not in the deck.
        return candidates.filter { $0 > 1 && $0 != number }
            .map { [qualifier, DeckIndex.grouped($0), unit].compactMap { $0 }.joined(separator: " ") }
    }

    /// Two significant digits: 1,500 not 1,537.
    private static func round2(_ value: Int) -> Int {
        var scale = 1
        while value / scale >= 100 { scale *= 10 }
        return (value + scale / 2) / scale * scale
    }

    /// Entities that are not elements: of `among` when the fact names who the source settles
    /// the question for, else every entity of the elements' type (a closed world).
    func nonElementEntities(of elements: [String], among: [String] = []) -> [Entity] {
        let members = Set(elements)
        if !among.isEmpty {
            return among.filter { !members.contains($0) }.compactMap { index.entities[$0] }
        }
        guard let type = elements.first.flatMap({ index.entities[$0]?.type }) else { return [] }
        return (index.entitiesByType[type] ?? []).filter { !members.contains($0.id) }
    }
}

extension Array {
    /// The first index whose element fails `isBefore`, for an array partitioned by it (binary search).
    func partitionPoint(_ isBefore: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if isBefore(self[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
