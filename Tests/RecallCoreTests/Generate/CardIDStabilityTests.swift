import Foundation
import Testing

@testable import RecallCore

/// Card ids are contracts: editing one fact must not change any other fact's card ids.
@Suite struct CardIDStabilityTests {
    static let yaml = """
        deck:
          id: geo
          name: Geography
        entities:
          france: {type: country, name: France}
          spain: {type: country, name: Spain}
          italy: {type: country, name: Italy}
          germany: {type: country, name: Germany}
          paris: {type: city, name: Paris}
          madrid: {type: city, name: Madrid}
          rome: {type: city, name: Rome}
          berlin: {type: city, name: Berlin}
        attributes:
          capital:
            type: entity
            of: city
            ask: What is the capital of {subject}?
            reverse: "{Value} is the capital of which country?"
            statement: The capital of {subject} is {value}.
          founded:
            type: date
            ask: When was {subject} founded?
            event: "{Subject} is founded"
        facts:
          - {id: fr, subject: france, attribute: capital, entity: paris, source: Europe}
          - {id: es, subject: spain, attribute: capital, entity: madrid, source: Europe}
          - {id: it, subject: italy, attribute: capital, entity: rome, source: Europe}
          - {id: de, subject: germany, attribute: capital, entity: berlin, source: Europe}
          - {id: rome-founded, subject: rome, attribute: founded, date: 753, source: History}
          - {id: paris-founded, subject: paris, attribute: founded, date: 1000, source: History}
          - {id: madrid-founded, subject: madrid, attribute: founded, date: 1100, source: History}
          - {id: berlin-founded, subject: berlin, attribute: founded, date: 1237, source: History}
        """

    func ids(_ yaml: String) throws -> [String: Card] {
        let deck = try DeckLoader().load(data: Data(yaml.utf8), path: "geo.yaml")
        return Dictionary(uniqueKeysWithValues: QuestionGenerator().cards(for: deck).map { ($0.id, $0) })
    }

    @Test func idsAreDeckFactAndDirection() throws {
        let cards = try ids(Self.yaml)
        #expect(cards["geo:fr:forward"]?.answer == "Paris")
        #expect(cards["geo:fr:reverse"]?.answer == "France")
        #expect(cards["geo:fr:forward"]?.styles == [.recall, .choose, .trueFalse])
        #expect(cards["geo:rome-founded:forward"]?.answer == "753")
        #expect(cards.keys.allSatisfy { !$0.hasSuffix(":choice") && !$0.hasSuffix(":truefalse") })
    }

    @Test func oneCardPerFactAndDirection() throws {
        let cards = try ids(Self.yaml).values
        let byFact = Dictionary(grouping: cards.filter { $0.direction != nil }) { $0.facts }
        for (fact, siblings) in byFact {
            #expect(siblings.count <= 2, "\(fact) has one card per direction")
            #expect(Set(siblings.map(\.siblingKey)).count == 1, "the cards of one fact are siblings")
        }
    }

    /// Timeline ids of `yaml`, each with the facts it orders.
    func timelines(_ yaml: String) throws -> [String: [String]] {
        try ids(yaml).filter { $0.key.contains(":timeline:") }.mapValues(\.facts)
    }

    static let history = """
        deck:
          id: hist
          name: History
        entities:
          e: {type: thing, name: E}
        attributes:
          happened:
            type: date
            ask: When did {subject} happen?
            event: "{Subject} happens"
        facts:
        """

    static func history(_ years: [Int]) -> String {
        history
            + years.enumerated().map { index, year in
                "\n  - {id: event-\(year), subject: e, attribute: happened, date: \(year), source: S, event: Event \(index) of \(year)}"
            }.joined()
    }

    @Test func addingRemovingOrRedatingOneEventChangesOnlyItsTimelineGroup() throws {
        let years = Array(stride(from: 1900, to: 2000, by: 4))
        let before = try timelines(Self.history(years))
        #expect(before.count >= 3)
        let edits: [(String, [Int])] = [
            ("add", (years + [1951]).sorted()),
            ("remove", years.filter { $0 != 1948 }),
            ("redate", years.map { $0 == 1948 ? 1949 : $0 }),
        ]
        for (edit, changed) in edits {
            let after = try timelines(Self.history(changed))
            let lost = Set(before.keys).subtracting(after.keys)
            #expect(lost.count <= 2, "\(edit): \(lost.count) of \(before.count) timeline ids changed")
            #expect(!lost.isEmpty || edit == "redate", "\(edit) changes the group it touches")
        }
    }

    @Test func timelineIdIsDerivedFromTheFactsItOrders() throws {
        for (id, facts) in try timelines(Self.history(Array(stride(from: 1900, to: 2000, by: 4)))) {
            #expect(id == CardID.timeline(deck: "hist", facts: facts.reversed()).rawValue)
        }
    }

    @Test func editingOneFactKeepsEveryOtherId() throws {
        let before = try ids(Self.yaml)
        let edited = Self.yaml.replacingOccurrences(of: "date: 1100", with: "date: 1083")
        let after = try ids(edited)
        let untouched = before.keys.filter {
            !$0.hasPrefix("geo:madrid-founded:") && !$0.contains(":timeline:")
        }
        for id in untouched { #expect(after[id] != nil, "\(id) survived the edit") }
        #expect(after["geo:madrid-founded:forward"]?.answer == "1083")
    }

    @Test func addingAndRemovingFactsKeepsOtherIds() throws {
        let before = try ids(Self.yaml)
        let added =
            Self.yaml
            + "\n  - {id: lisbon-note, subject: spain, attribute: founded, date: 1479, source: History}"
        let afterAdd = try ids(added)
        for id in before.keys where !id.contains(":timeline:") {
            #expect(afterAdd[id] != nil, "\(id) kept after adding")
        }
        let removed = Self.yaml.replacingOccurrences(
            of: "  - {id: it, subject: italy, attribute: capital, entity: rome, source: Europe}\n", with: "")
        let afterRemove = try ids(removed)
        for id in before.keys
        where !id.hasPrefix("geo:it:") && !id.contains(":timeline:") && !id.contains(":choice")
            && !id.contains(":truefalse")
        {
            #expect(afterRemove[id] != nil, "\(id) kept after removing another fact")
        }
        #expect(afterRemove.keys.allSatisfy { !$0.hasPrefix("geo:it:") })
    }

    @Test func renamingAnEntityKeepsIds() throws {
        let before = Set(try ids(Self.yaml).keys)
        let renamed = Self.yaml.replacingOccurrences(
            of: "name: Paris}", with: "name: Paris (city), aliases: [Paris]}")
        #expect(Set(try ids(renamed).keys) == before)
    }

    @Test func reverseCardIsLeftOutWhenTwoSubjectsShareTheValue() throws {
        let shared = Self.yaml.replacingOccurrences(of: "entity: madrid", with: "entity: paris")
        let deck = try DeckLoader().load(data: Data(shared.utf8), path: "geo.yaml")
        let output = QuestionGenerator().generate(deck)
        #expect(!output.cards.contains { $0.id == "geo:es:reverse" || $0.id == "geo:fr:reverse" })
        #expect(output.warnings.contains { $0.message.contains("no reverse card") })
    }
}
