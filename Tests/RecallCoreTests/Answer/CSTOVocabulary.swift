@testable import RecallCore

/// Names from the CSTO deck (plus a few near pairs such as Gambia/Zambia and Austria/Australia),
/// one array per thing: display name first, then aliases.
enum CSTOVocabulary {
    static let names: [[String]] = [
        ["Russia", "Russian Federation"], ["Armenia"], ["Kazakhstan"], ["Kyrgyzstan", "Kirghizia"],
        ["Tajikistan"], ["Belarus", "Byelorussia"], ["Uzbekistan"], ["Azerbaijan"], ["Georgia"],
        ["Moscow"], ["Tashkent"], ["Minsk"], ["Yerevan"], ["Bishkek"], ["Dushanbe"],
        ["Astana", "Nur-Sultan"],
        ["Chișinău", "Chisinau"], ["Collective Security Council", "CSC"],
        ["Council of Ministers of Defense", "CMD"], ["Council of Ministers of Foreign Affairs", "CMFA"],
        ["Committee of Secretaries of Security Councils", "CSSC"],
        ["Collective Security Treaty Organization", "CSTO"], ["Commonwealth of Independent States", "CIS"],
        ["Kassym-Jomart Tokayev", "Tokayev"], ["Gambia"], ["Zambia"], ["Austria"], ["Australia"],
        ["Albania"], ["Article 4"], ["Article 5"],
    ]

    static let checker = AnswerChecker(vocabulary: names)

    /// A card of `kind` with the fields the checker reads.
    static func card(
        _ kind: Card.Kind, answer: String = "", accepted: [String] = [], choices: [String] = [],
        answerIndex: Int? = nil, order: [Int] = [], items: [[String]] = []
    ) -> Card {
        Card(
            id: CardID(stored: "csto/test/\(kind.rawValue)"), deck: "csto", kind: kind, prompt: "?",
            answer: answer,
            accepted: accepted, choices: choices, answerIndex: answerIndex, order: order, items: items,
            facts: ["test"], source: "test", why: "", topic: "test", siblingKey: "test")
    }
}
