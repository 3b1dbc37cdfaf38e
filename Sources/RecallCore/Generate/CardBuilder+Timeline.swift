/// Timeline cards: put events in order, and which event a date belongs to.
extension CardBuilder {
    /// A dated fact with a phrase that names it on a timeline.
    struct Event {
        let fact: Fact
        let date: DeckDate
        let phrase: String
    }

    /// The deck's events, earliest first (ties broken by fact id so the order is stable).
    var events: [Event] {
        index.deck.facts.compactMap { fact -> Event? in
            guard case .date(let date) = fact.value, let attribute = index.attributes[fact.attribute],
                let subject = index.entities[fact.subject], let template = fact.event ?? attribute.event
            else { return nil }
            return Event(fact: fact, date: date, phrase: Template.render(template, ["subject": subject.inSentence]))
        }.sorted { ($0.date, $0.fact.id) < ($1.date, $1.fact.id) }
    }

    /// "Which of these happened in 2004?": the event against events of other dates.
    mutating func addEventByDateCard(_ context: FactContext) {
        guard case .date(let date) = context.fact.value,
            let event = events.first(where: { $0.fact.id == context.fact.id })
        else { return }
        var rng = random(for: context.id(deck.id, "event-by-date"))
        let others = events.filter { $0.date.isDistinguishable(from: date) && $0.phrase != event.phrase }
            .sorted { (abs($0.date.year - date.year), $0.fact.id) < (abs($1.date.year - date.year), $1.fact.id) }
        var phrases: [String] = []
        for other in others.prefix(8).shuffled(using: &rng) where !phrases.contains(other.phrase) {
            phrases.append(other.phrase)
            if phrases.count == 3 { break }
        }
        guard phrases.count == 3 else { return }
        var options = phrases + [event.phrase]
        options.shuffle(using: &rng)
        add(card(context, "event-by-date", .choice, prompt: "Which of these happened in \(date.display)?",
                 answer: event.phrase, choices: options, answerIndex: options.firstIndex(of: event.phrase)),
            at: context.location)
    }

    /// Ordering cards of four events each, over the whole timeline in overlapping windows.
    mutating func addTimelineCards() {
        let events = events
        guard events.count >= 3 else { return }
        var groups: [[Event]] = []
        var start = 0
        while start < events.count {
            var group: [Event] = []
            for event in events[start...] where group.allSatisfy({ $0.date.isDistinguishable(from: event.date) }) {
                group.append(event)
                if group.count == 4 { break }
            }
            if group.count >= 3, !groups.contains(where: { $0.map(\.fact.id) == group.map(\.fact.id) }) {
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
            add(Card(id: id, deck: deck.id, kind: .order, prompt: "Put these events in order, earliest first:",
                     answer: answer, choices: shown.map(\.phrase), order: order, facts: factIDs,
                     source: sourceLine(sections.isEmpty ? nil : sections), why: answer, topic: "timeline",
                     siblingKey: id),
                at: group[0].fact.location)
        }
    }
}
