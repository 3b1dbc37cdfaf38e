public import Foundation

extension ClassReport {
    /// The report as JSON: `learners` and `hardest`, keys in snake_case, pass rates from 0 to 1.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The report as CSV: the learners' table, a blank line, then the hardest cards' table.
    /// Cells are quoted and neutralised against formulas as in `recall export --format csv`.
    public func csv() -> String {
        var rows: [[String]] = [["learner", "reviews", "cards", "pass_rate", "mature", "lapses"]]
        rows += learners.map {
            [
                $0.name, String($0.reviews), String($0.cards), Self.decimal($0.passRate), String($0.mature),
                String($0.lapses),
            ]
        }
        var cards: [[String]] = [
            ["card", "prompt", "pass_rate", "lapses", "reviews", "learners", "wrong_answers"]
        ]
        cards += hardest.map { card in
            [
                card.cardID, card.prompt ?? "", Self.decimal(card.passRate), String(card.lapses),
                String(card.reviews),
                String(card.learners),
                card.wrongAnswers.map { "\($0.answer) (\($0.count))" }.joined(separator: "; "),
            ]
        }
        let render: ([[String]]) -> String = { table in
            table.map { $0.map { CSVField.encoded($0) }.joined(separator: ",") }
                .joined(separator: "\r\n")
        }
        return render(rows) + "\r\n\r\n" + render(cards) + "\r\n"
    }

    /// `0.875`, or empty when there is no figure.
    static func decimal(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.3f", value)
    }
}
