import Testing

@testable import RecallCore

/// Anki's template language, rendered for one card and turned into terminal text.
@Suite struct AnkiTemplateTests {
    struct Case: Sendable, CustomStringConvertible {
        var template: String
        var side: AnkiTemplate.Side = .question
        var cloze: Int? = nil
        var text: String
        var description: String { template }
    }

    static let fields = [
        "Front": "Capital of <b>France</b>?", "Back": "Paris", "Empty": "<br> ",
        "Image": "<img src=\"fr.svg\">",
        "Text": "The {{c1::Danube}} flows into the {{c2::Black Sea::sea}}.", "Notes": "in Europe",
        "Math": "Area: \\(\\pi r^2\\)", "Audio": "[sound:paris.mp3]",
        "List": "<ul><li>one</li><li>two</li></ul>",
    ]

    static let cases: [Case] = [
        Case(template: "{{Front}}", text: "Capital of France?"),
        Case(
            template: "{{#Back}}has back{{/Back}}{{^Empty}} and no extra{{/Empty}}",
            text: "has back and no extra"),
        Case(template: "{{#Empty}}hidden{{/Empty}}{{^Back}}hidden{{/Back}}shown", text: "shown"),
        Case(template: "{{#Image}}an image alone counts{{/Image}}", text: "an image alone counts"),
        Case(template: "{{cloze:Text}}", cloze: 1, text: "The […] flows into the Black Sea."),
        Case(template: "{{cloze:Text}}", cloze: 2, text: "The Danube flows into the [sea]."),
        Case(
            template: "{{cloze:Text}}", side: .answer, cloze: 2, text: "The Danube flows into the Black Sea."),
        Case(template: "{{Front}} {{type:Back}}", text: "Capital of France?"),
        Case(template: "{{Front}}{{hint:Notes}}", text: "Capital of France?\n(hint: in Europe)"),
        Case(template: "{{text:Front}}", text: "Capital of France?"),
        Case(template: "{{Image}} {{Audio}}", text: "[image: fr.svg] [sound: paris.mp3]"),
        Case(template: "{{Math}}", text: "Area: [math: \\pi r^2]"),
        Case(template: "{{List}}", text: "• one\n• two"),
        Case(template: "{{Missing}}{{Front", text: "{{Front"),
    ]

    @Test(arguments: cases)
    func renders(_ test: Case) {
        let rendered = AnkiTemplate(source: test.template).render(
            fields: Self.fields, side: test.side, cloze: test.cloze)
        #expect(HTMLText.terminalText(rendered.html) == test.text)
    }

    @Test func typedAnswerAndFrontSide() {
        let question = AnkiTemplate(source: "{{Front}}<br>{{type:Back}}").render(
            fields: Self.fields, side: .question)
        #expect(question.typedField == "Back")
        let answer = AnkiTemplate(source: "{{FrontSide}}<hr id=answer>{{Back}}{{hint:Notes}}").render(
            fields: Self.fields, side: .answer, frontSide: question.html)
        #expect(AnkiCardRenderer.answerText(answer.html, front: "Capital of France?") == "Paris")
    }

    @Test func nestedAndHostileClozesStayBounded() {
        #expect(Cloze.ankiNumbers("{{c1::a {{c2::b}} c}}") == [1, 2])
        #expect(
            Cloze.anki("{{c1::a {{c2::b}} c}}", asking: 2)
                == "a […] c", "the inner gap is asked; the outer one is shown")
        let deep = String(repeating: "{{c1::", count: 500) + "x" + String(repeating: "}}", count: 500)
        _ = Cloze.anki(deep, asking: 1)
    }
}
