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

    /// The reverse of a dated fact, "Which of these happened in 2004?", asked as a choice among
    /// events of other dates; left out when another event has a date that cannot be told apart
    /// (two answers would be right).
    mutating func addEventByDateCard(_ context: FactContext) {
        guard case .date(let date) = context.fact.value, let event = event(for: context.fact.id) else {
            return
        }
        // Only an event of the same year can be a twin; the year's events are one run of the timeline.
        let sameYear = events[(events.partitionPoint { $0.date.year < date.year })...].prefix {
            $0.date.year == date.year
        }
        if let twin = sameYear.first(where: {
            $0.fact.id != event.fact.id && !$0.date.isDistinguishable(from: date)
        }) {
            warn(
                "fact '\(context.fact.id)': no reverse card, '\(twin.fact.id)' happened in \(twin.date.display) too, so two answers would be right",
                at: context.location)
            return
        }
        var rng = SplitMix64(seed: seed, purpose: purpose(context, .reverse, "choose"))
        let confusable = DistractorPicker(index: index).confusableFacts(of: context.fact)
        let others = nearestEvents(to: date, count: 8).filter {
            $0.phrase != event.phrase && !confusable.contains($0.fact.id)
        }
        var phrases: [String] = []
        for other in others.shuffled(using: &rng) where !phrases.contains(other.phrase) {
            phrases.append(other.phrase)
            if phrases.count == 3 { break }
        }
        guard phrases.count == 3 else { return }
        let chosen = choice(
            prompt: "Which of these happened in \(date.display)?", right: event.phrase, wrong: phrases,
            rng: &rng)
        add(
            card(
                context, .reverse, prompt: chosen.prompt, answer: chosen.answer, body: chosen.body,
                presentations: []),
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

    /// The most events an ordering card asks.
    static let timelineGroupLimit = 5

    /// Whether an event starts a new timeline group: decided by its fact id alone (about one in
    /// four), so a group's bounds do not move when an event elsewhere is added or removed.
    static func isAnchor(_ event: Event) -> Bool {
        StableHash.fnv1a(event.fact.id) % 4 == 0
    }

    /// Groups of events to order, earliest first: each runs from one anchor event to the next
    /// (the first event starts the first), keeping one event per date that can be told apart and
    /// at most `timelineGroupLimit`; a run of fewer than three is not asked as an ordering. A
    /// group depends only on its own events, so adding, removing or re-dating one event changes
    /// only the group it lands in (and the one it left); adding or removing an anchor splits or
    /// joins that one group.
    /// A timeline of at most `timelineGroupLimit` events is one group.
    static func timelineGroups(_ events: [Event]) -> [[Event]] {
        var runs: [[Event]] = []
        for event in events {
            if runs.isEmpty || (isAnchor(event) && events.count > timelineGroupLimit) { runs.append([]) }
            runs[runs.count - 1].append(event)
        }
        return runs.compactMap { run in
            // One event per date that can be told apart: an ordering must have one right answer.
            var kept: [Event] = []
            for event in run where kept.allSatisfy({ $0.date.isDistinguishable(from: event.date) }) {
                kept.append(event)
            }
            return kept.count >= 3 ? Array(kept.prefix(timelineGroupLimit)) : nil
        }
    }

    /// One ordering card per timeline group.
    mutating func addTimelineCards() {
        for group in Self.timelineGroups(events) {
            let factIDs = group.map(\.fact.id)
            let id = CardID.timeline(deck: deck.id, facts: factIDs)
            var rng = SplitMix64(seed: seed, purpose: id.rawValue)
            let shown = group.shuffled(using: &rng)
            let order = group.compactMap { event in shown.firstIndex { $0.fact.id == event.fact.id } }
            let answer = group.map { "\($0.phrase) (\($0.date.display))" }.joined(separator: " → ")
            let sections = Set(group.compactMap(\.fact.source)).sorted().joined(separator: ", ")
            add(
                Card(
                    id: id, deck: deck.id, prompt: "Put these events in order, earliest first:",
                    answer: answer,
                    body: .order(items: shown.map(\.phrase), order: order), facts: factIDs,
                    source: sourceLine(sections.isEmpty ? nil : sections), why: answer, topic: "timeline",
                    siblingKey: id.rawValue),
                at: group[0].fact.location)
        }
    }
}
