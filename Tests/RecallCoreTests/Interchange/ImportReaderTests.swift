import Foundation
import Testing

@testable import RecallCore

@Suite struct ImportReaderTests {
    @Test(arguments: [
        ("<b>Paris</b>", "Paris"),
        ("Paris<script>alert('x')</script>", "Paris"),
        ("<SCRIPT src=x>document.cookie</SCRIPT>Rome", "Rome"),
        ("<style>b{}</style>one<br>two<div>three</div>", "one\ntwo\nthree"),
        ("<img src=x onerror=alert(1)>Oslo", "Oslo"),
        ("a &lt; b &amp;&amp; c &#62; d &#x41;", "a < b && c > d A"),
        ("x < y and y > z", "x < y and y > z"),
        ("Bern[sound:bern.mp3]", "Bern"),
        ("<a href=\"javascript:alert(1)\">link</a>", "link"),
        ("unclosed <script>alert(1)", "unclosed"),
        ("zero\u{200B}width\u{0007}bell", "zerowidthbell"),
    ])
    func htmlBecomesPlainText(_ html: String, _ text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test func ankiTextExportsWithAndWithoutHeaders() throws {
        let withHeaders =
            "#separator:Semicolon\n#html:true\n#guid column:3\n#deck:Capitals\n<b>France</b>;Paris;abc123\n\"Spain; Kingdom of\";Madrid;def456\n"
        let read = try DelimitedTextReader(path: "a.txt").read(withHeaders)
        #expect(read.cards.map(\.front) == ["France", "Spain; Kingdom of"])
        #expect(read.cards.map(\.back) == ["Paris", "Madrid"])
        #expect(read.cards.map(\.id) == ["abc123", "def456"])
        #expect(read.deckName == "Capitals")

        let bare = try DelimitedTextReader(path: "b.txt").read(
            "France\tParis\n# a comment\nSpain\tMadrid\r\nItaly\tRome")
        #expect(read.cards.count == 2)
        #expect(bare.cards.map(\.back) == ["Paris", "Madrid", "Rome"])
        #expect(
            bare.cards[0].id
                == ImportedCard(guid: nil, front: "France", back: "Paris", source: nil, origin: "").id,
            "without a GUID the id is a hash of the content, so a re-import matches")
    }

    @Test func markdownReadsHashcardsFiles() throws {
        let text = """
            Q: List the PGM minerals.
            A:

            - ruthenium
            - rhodium

            C: The [order] of a group is [the cardinality of its underlying set].

            C:
            A [rose] is a [rose] is a [rose].
            """
        let cards = try MarkdownReader(path: "h.md").read(text).cards
        #expect(
            cards.map(\.front) == [
                "List the PGM minerals.",
                "The {{c1::order}} of a group is {{c2::the cardinality of its underlying set}}.",
                "A {{c1::rose}} is a {{c1::rose}} is a {{c1::rose}}.",
            ])
        #expect(cards[0].back == "- ruthenium\n- rhodium")
        let deck = Deck(id: "h", name: "H", freeCards: cards.map(\.freeCard))
        #expect(
            QuestionGenerator().cards(for: deck).count == 4, "one card per distinct deletion, as hashcards")
    }

    @Test func csvUndoesFormulaNeutralisation() throws {
        let read = try DelimitedTextReader(path: "x.csv", separatorHint: ",").read("front,back\n'=1+1,'-5\n")
        #expect(read.cards.first?.front == "=1+1")
        #expect(read.cards.first?.back == "-5")
    }

    @Test(arguments: [
        ("Which?\na) One\nb) Two", "Two", true),
        ("Which?\na) One\nc) Two", "Two", false),
        ("Which?\na) One\nb) Two", "Three", false),
        ("a) One\nb) Two", "One", false),
    ])
    func choicesAreRecognised(_ front: String, _ back: String, _ isChoice: Bool) {
        let card = ImportedCard(guid: "g", front: front, back: back, source: nil, origin: "").freeCard
        #expect(!card.choices.isEmpty == isChoice)
    }

    @Test(arguments: [
        ("csto:csto-members:set", "csto-csto-members-set-"), ("plain-id", "plain-id"),
        ("f$K9!x.", "f-K9-x.-"), ("::", "guid-"),
    ])
    func idsFromGUIDs(_ guid: String, _ prefix: String) {
        let id = ImportedCard.identifier(fromGUID: guid)
        #expect(id.hasPrefix(prefix))
        #expect(DeckIdentifier.isValid(id))
    }

    @Test func yamlQuotingSurvivesHostileText() throws {
        let nasty = "a: b\n- c\n\"quoted\" \\ back\u{0}slash\ttab {{c1::x}} # not a comment"
        let card = FreeCard(id: "n", content: .question(nasty, answer: "ok: yes", aliases: []), source: "x")
        let yaml = "deck: {id: d, name: D}\ncards:\n" + DeckYAMLWriter.entry(card) + "\n"
        let deck = try DeckLoader().load(data: Data(yaml.utf8), path: "d.yaml")
        guard case .question(let question, let answer, _) = deck.freeCards.first?.content else {
            Issue.record("no question card")
            return
        }
        #expect(question == nasty.trimmingCharacters(in: .whitespaces))
        #expect(answer == "ok: yes")
    }
}
