/// A printable quiz for a class: numbered questions drawn with a seed, then a separate answer key.
///
/// Markdown that prints cleanly (an HTML page break before the key, which Markdown renderers
/// pass through), so a teacher can print it or paste it into a document.
public struct QuizSheetWriter: Sendable {
    /// What to draw: how many questions, of which kinds and topics, with which seed.
    public struct Options: Sendable, Hashable {
        public var count: Int
        public var kinds: Set<Card.Kind>?
        public var topics: Set<String>?
        public var seed: UInt64

        public init(
            count: Int = 20, kinds: Set<Card.Kind>? = nil, topics: Set<String>? = nil, seed: UInt64 = 0
        ) {
            self.count = count
            self.kinds = kinds
            self.topics = topics
            self.seed = seed
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The questions of the sheet, in order: a seeded draw, at most one card per fact.
    public func questions(from cards: [Card]) -> [Card] {
        let pool = cards.filter { card in options.topics.map { $0.contains(card.topic) } ?? true }
        return QuizPlan.select(from: pool, count: options.count, seed: options.seed, kinds: options.kinds)
    }

    public func write(_ input: ExportInput) -> String {
        let questions = questions(from: input.cards)
        var out = ["# Quiz: \(MarkdownWriter.line(input.deck.name))", ""]
        out.append("Name: ______________________________  Date: ______________")
        out.append("")
        out.append("*\(questions.count) questions · seed \(options.seed) · answer on the lines.*")
        for (index, card) in questions.enumerated() {
            out.append("")
            out += Self.question(card, number: index + 1)
        }
        out += ["", "<div style=\"page-break-before: always\"></div>", "", "## Answer key", ""]
        for (index, card) in questions.enumerated() {
            out.append("\(index + 1). \(Self.keyAnswer(card)) — *\(card.source)*")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func question(_ card: Card, number: Int) -> [String] {
        let indent = String(repeating: " ", count: String(number).count + 2)
        var lines: [String]
        switch card.kind {
        case .trueFalse:
            lines = ["\(number). True or false? \(card.prompt)", "", "\(indent)☐ true   ☐ false"]
        case .choice:
            lines =
                ["\(number). \(card.prompt)", ""]
                + ExportNote.lettered(card.choices).map { indent + "☐ " + $0 }
        case .order:
            lines = ["\(number). \(card.prompt)", ""] + ExportNote.lettered(card.choices).map { indent + $0 }
            lines += ["", indent + "Order: ______________________"]
        case .set:
            lines = [
                "\(number). \(card.prompt)", "", indent + "______________________________________", "",
                indent + "______________________________________",
            ]
        default: lines = ["\(number). \(card.prompt)", "", indent + "______________________________"]
        }
        return lines.map { $0.replacingOccurrences(of: "\n", with: "\n" + indent) }
    }

    /// The answer as the key shows it: the letter too for choices and orders.
    static func keyAnswer(_ card: Card) -> String {
        let letters = ExportNote.lettered(card.choices).map { String($0.prefix { $0 != ")" }) }
        switch card.kind {
        case .choice:
            guard let index = card.answerIndex, letters.indices.contains(index) else { return card.answer }
            return "\(letters[index])) \(card.answer)"
        case .order:
            let order = card.order.compactMap { letters.indices.contains($0) ? letters[$0] : nil }
            return order.joined(separator: ", ") + " (\(card.answer))"
        default:
            return card.answer
        }
    }
}
