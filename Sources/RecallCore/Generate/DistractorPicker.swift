/// Picks plausible wrong options of the same type as a fact's value, never one that is true.
///
/// Years come from near the answer, places and organs from entities of the same type (and the
/// deck's extra `distractors`), texts from the same attribute of other subjects, numbers from
/// nearby magnitudes. Anything the deck holds true for the same subject and attribute, or that
/// reads the same as the answer, is never offered.
struct DistractorPicker {
    let index: DeckIndex

    /// Up to `count` wrong options, as displayed.
    func distractors(for fact: Fact, count: Int, using rng: inout SplitMix64) -> [String] {
        let truths = Set(index.trueValues(of: fact).flatMap { index.accepted($0) }.map(TextFold.fold))
        switch pool(for: fact) {
        case .nearestFirst(let values):
            // Years and numbers: draw from the nearest few so the options stay plausible.
            let window = usable(values.prefix(max(count * 2, 6)), excluding: truths)
            return Array(window.shuffled(using: &rng).prefix(count))
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
            let others = index.factsByAttribute[fact.attribute] ?? []
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
        return candidates.filter { $0 > 0 && $0 != number }
            .map { [qualifier, DeckIndex.grouped($0), unit].compactMap { $0 }.joined(separator: " ") }
    }

    /// Two significant digits: 1,500 not 1,537.
    private static func round2(_ value: Int) -> Int {
        var scale = 1
        while value / scale >= 100 { scale *= 10 }
        return (value + scale / 2) / scale * scale
    }

    /// Names of entities of the elements' type that are not elements (for complete sets).
    func nonElements(of elements: [String]) -> [String] {
        let type = elements.first.flatMap { index.entities[$0]?.type }
        return nonElementEntities(of: elements).map(\.name)
            + (type.flatMap { index.deck.distractors[$0] } ?? [])
    }

    func nonElementEntities(of elements: [String]) -> [Entity] {
        guard let type = elements.first.flatMap({ index.entities[$0]?.type }) else { return [] }
        let members = Set(elements)
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
