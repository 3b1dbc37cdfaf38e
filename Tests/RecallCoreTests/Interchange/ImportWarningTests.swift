import Testing

@testable import RecallCore

/// Which of the generator's warnings an import reports: those that name a card it adds.
@Suite struct ImportWarningTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let message: String
        let names: Bool
        var testDescription: String { message }
    }

    static let ids: Set<String> = ["d:free:a1", "d:free:b.2"]

    @Test(arguments: [
        Case(message: "card 'd:free:a1' was left out: two of its options read the same", names: true),
        Case(message: "card 'd:free:a1.choice' was left out", names: true),
        Case(message: "card 'd:free:b.2' was left out", names: true),
        Case(message: "card 'd:free:b.2.typed' was left out", names: true),
        Case(message: "card 'd:free:x' was left out: it asks the same as card 'd:free:a1'", names: true),
        Case(message: "card 'd:free:a12' was left out", names: false),
        Case(message: "card 'd:free:b' was left out", names: false),
        Case(message: "card d:free:a1 was left out", names: false),
        Case(message: "", names: false),
        Case(message: "'", names: false),
        Case(message: "prompt 'gives d:free:a1' away", names: false),
    ])
    func aWarningNamesAnAddedCardOnlyWhenItQuotesItsID(_ example: Case) {
        #expect(DeckImporter.names(Self.ids, in: example.message) == example.names)
    }

    /// The search it replaced, for the same answers.
    @Test func agreesWithSearchingTheMessageForEveryID() {
        let messages = [
            "card 'd:free:a1' was left out", "'d:free:b.2.x' and 'd:free:a1'", "x 'd:free:a1", "'d:free:b.2",
            "'d:free:a1.'", "no quotes", "'d:free:c' 'd:free:b.2'",
        ]
        for message in messages {
            let searched = Self.ids.contains { message.contains("'\($0)'") || message.contains("'\($0).") }
            #expect(DeckImporter.names(Self.ids, in: message) == searched, "\(message)")
        }
    }
}
