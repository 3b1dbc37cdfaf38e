/// Timeline cards: put events in order, and which event a date belongs to.
extension CardBuilder {
    /// A dated fact with a phrase that names it on a timeline.
    struct Event {
        let fact: Fact
        let date: DeckDate
        let phrase: String
    }

    /// The deck's events, earliest first (ties broken by fact id so the order is stable).
    static func events(of index: DeckIndex) -> [Event] {
        index.deck.facts.compactMap { fact -> Event? in
            guard case .date(let date) = fact.value, let attribute = index.attributes[fact.attribute],
                let subject = index.entities[fact.subject], let template = fact.event ?? attribute.event
            else { return nil }
            return Event(
                fact: fact, date: date, phrase: Template.render(template, ["subject": subject.inSentence]))
        }.sorted { ($0.date, $0.fact.id) < ($1.date, $1.fact.id) }
    }

    /// "Which of these happened in 2004?": the event against events of other dates.
    mutating func addEventByDateCard(_ context: FactContext) {
        guard case .date(let date) = context.fact.value,
            let event = event(for: context.fact.id)
        else { return }
        var rng = random(for: context.id(deck.id, "event-by-date"))
        let others = nearestEvents(to: date, count: 8).filter { $0.phrase != event.phrase }
        var phrases: [String] = []
        for other in others.shuffled(using: &rng) where !phrases.contains(other.phrase) {
            phrases.append(other.phrase)
            if phrases.count == 3 { break }
        }
        guard phrases.count == 3 else { return }
        var options = phrases + [event.phrase]
        options.shuffle(using: &rng)
        add(
            card(
                context, "event-by-date", .choice, prompt: "Which of these happened in \(date.display)?",
                answer: event.phrase, choices: options, answerIndex: options.firstIndex(of: event.phrase)),
            at: context.location)
    }

    /// Up to `count` events whose dates can be told apart from `date`, nearest first.
    private func nearestEvents(to date: DeckDate, count: Int) -> [Event] {
        // Walk outwards from the date's place in the sorted timeline.
        var before = events.partitionPoint { $0.date.year < date.year } - 1
        var after = before + 1
        var found: [Event] = []
        while found.count < count, before >= 0 || after < events.count {
            let takeBefore: Bool
            if before < 0 {
                takeBefore = false
            } else if after >= events.count {
                takeBefore = true
            } else {
                takeBefore = date.year - events[before].date.year <= events[after].date.year - date.year
            }
            let candidate = takeBefore ? events[before] : events[after]
            if takeBefore { before -= 1 } else { after += 1 }
            if candidate.date.isDistinguishable(from: date) { found.append(candidate) }
        }
        return found
    }

    /// Ordering cards of four events each, over the whole timeline in overlapping windows.
    mutating func addTimelineCards() {
        let events = events
        guard events.count >= 3 else { return }
        var groups: [[Event]] = []
        var seen: Set<[String]> = []
        var start = 0
        while start < events.count {
            var group: [Event] = []
            for event in events[start...]
            where group.allSatisfy({ $0.date.isDistinguishable(from: event.date) }) {
                group.append(event)
                if group.count == 4 { break }
            }
            if group.count >= 3, seen.insert(group.map(\.fact.id)).inserted {
                groups.append(group)
            }
            start += 2
        }
        for group in groups {
            let factIDs = group.map(\.fact.id)
            let id = "\(deck.id):timeline:\(StableHash.digest(factIDs.sorted().joined(separator: ",")))"
            var rng = random(for: id)
            let shown = group.shuffled(using: &rng)
            let order = group.compactMap { event in shown.firstIndex { $0.fact.id == event.fact.id } }
            let answer = group.map { "\($0.phrase) (\($0.date.display))" }.joined(separator: " → ")
            let sections = Set(group.compactMap(\.fact.source)).sorted().joined(separator: ", ")
            add(
                Card(
                    id: id, deck: deck.id, kind: .order, prompt: "Put these events in order, earliest first:",
                    answer: answer, choices: shown.map(\.phrase), order: order, facts: factIDs,
                    source: sourceLine(sections.isEmpty ? nil : sections), why: answer, topic: "timeline",
                    siblingKey: id),
                at: group[0].fact.location)
        }
    }
}
