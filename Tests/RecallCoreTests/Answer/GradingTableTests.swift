import Foundation
import Testing

@testable import RecallCore

/// The fair-teacher table: answers students type to questions on the CSTO article, each with the
/// verdict a fair teacher gives, graded against a fixture deck modelled on the article
/// (`Fixtures/Grading/grading.yaml`, with fact ids of its own).
@Suite struct GradingTableTests {
    /// How a row's question is asked.
    enum Ask: Sendable, CustomStringConvertible {
        /// The typed card of a fixture fact.
        case typed(String)
        /// The reverse card of a fixture fact (the subject asked from the value).
        case reverse(String)
        /// A multiple-choice card of the fixture deck: options and the right one.
        case choice([String], Int)
        /// A true/false card whose statement is true or false.
        case truth(Bool)

        var description: String {
            switch self {
            case .typed(let fact): "\(fact) typed"
            case .reverse(let fact): "\(fact) reverse"
            case .choice(let options, let right): "choice \(options) right \(right)"
            case .truth(let value): "true/false (\(value))"
            }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var ask: Ask
        var answer: String
        /// The verdict a fair teacher gives.
        var verdict: Grade.Verdict
        /// Set when the checker is known to judge this row otherwise, and why.
        var knownMiss: String?

        init(_ ask: Ask, _ answer: String, _ verdict: Grade.Verdict, knownMiss: String? = nil) {
            self.ask = ask
            self.answer = answer
            self.verdict = verdict
            self.knownMiss = knownMiss
        }

        var testDescription: String { "\(ask): '\(answer)' → \(verdict)" }
    }

    static let deck: Deck = {
        do {
            let url = try FixtureFile.url("Grading/grading.yaml")
            return try DeckLoader().load(contentsOf: url)
        } catch {
            return Deck(id: "missing", name: "fixture did not load: \(error)")
        }
    }()

    static let cards = QuestionGenerator().cards(for: deck)
    static let checker = AnswerChecker(decks: [deck])

    /// The card a row asks (nil when the fixture does not yield it, which fails the row).
    static func card(for ask: Ask) -> Card? {
        switch ask {
        case .typed(let fact):
            return cards.first { $0.facts == [fact] && $0.kind == .typed }
        case .reverse(let fact):
            return cards.first { $0.facts == [fact] && $0.kind == .reverse }
        case .choice(let options, let right):
            return Card(
                id: CardID(stored: "grading:table:choice"), deck: deck.id, kind: .choice, prompt: "Which?",
                answer: options[right], choices: options, answerIndex: right, facts: [], source: "table",
                why: "", topic: "table", siblingKey: "table")
        case .truth(let value):
            return Card(
                id: CardID(stored: "grading:table:truefalse"), deck: deck.id, kind: .trueFalse,
                prompt: "A statement.",
                answer: value ? "true" : "false", accepted: [value ? "true" : "false"], facts: [],
                source: "table", why: "", topic: "table", siblingKey: "table")
        }
    }

    static let cases: [Case] =
        placeCases + peopleAndOrgansCases + dateCases + numberCases + ordinalCases + termCases + textCases
        + truthCases + choiceCases

    static let placeCases: [Case] = [
        Case(.typed("csto-hq"), "Moscow", .correct),
        Case(.typed("csto-hq"), "moscow", .correct),
        Case(.typed("csto-hq"), "Moscow, Russia", .correct),
        Case(.typed("csto-hq"), "Moscow (Russia)", .correct),
        Case(.typed("csto-hq"), "in Moscow", .correct),
        Case(.typed("csto-hq"), "In Moscow.", .correct),
        Case(.typed("csto-hq"), "I think it's Moscow", .correct),
        Case(.typed("csto-hq"), "it is in Moscow", .correct),
        Case(.typed("csto-hq"), "The CSTO is headquartered in Moscow", .correct),
        Case(.typed("csto-hq"), "the city of Moscow", .correct),
        Case(.typed("csto-hq"), "Moscow, the Russian capital", .correct),
        Case(.typed("csto-hq"), "moscow russia", .correct),
        Case(.typed("csto-hq"), "Moskow", .close),
        Case(.typed("csto-hq"), "Mosow", .close),
        Case(.typed("csto-hq"), "Minsk", .wrong),
        Case(.typed("csto-hq"), "Moscow, Belarus", .wrong),
        Case(.typed("csto-hq"), "Moscow or Minsk", .wrong),
        Case(.typed("csto-hq"), "Minsk, not Moscow", .wrong),
        Case(.typed("csto-hq"), "not Moscow", .wrong),
        Case(.typed("csto-hq"), "Moscow and Minsk", .wrong),
        Case(.typed("csto-hq"), "Russia", .wrong),
        Case(.typed("csto-hq"), "St Petersburg", .wrong),
        Case(.typed("csto-hq"), "Yerevan", .wrong),
        Case(.typed("csto-hq"), "Moscow?", .correct),
        Case(.typed("csto-hq"), "Moscow, I'm not sure", .correct),
        Case(.typed("csto-hq"), "near Moscow", .wrong),
        Case(.typed("csto-summit"), "Chișinău", .correct),
        Case(.typed("csto-summit"), "Chisinau", .correct),
        Case(.typed("csto-summit"), "Kishinev", .correct),
        Case(.typed("csto-summit"), "Chisinau, Moldova", .correct),
        Case(.typed("csto-summit"), "in Chișinău, Moldova", .correct),
        Case(.typed("csto-summit"), "at a summit in Chisinau", .correct),
        Case(.typed("csto-summit"), "Chisinau Moldova", .correct),
        Case(.typed("csto-summit"), "Chisinao", .close),
        Case(.typed("csto-summit"), "Chisinau, Uzbekistan", .wrong),
        Case(.typed("csto-summit"), "Tashkent", .wrong),
        Case(.typed("csto-summit"), "Moldova", .wrong),
        Case(.typed("csto-summit"), "Moscow", .wrong),
        Case(.typed("treaty-city"), "Tashkent", .correct),
        Case(.typed("treaty-city"), "Tashkent, Uzbekistan", .correct),
        Case(.typed("treaty-city"), "in Tashkent, Uzbekistan", .correct),
        Case(.typed("treaty-city"), "Tashkant", .close),
        Case(.typed("treaty-city"), "Tashkent, Kazakhstan", .wrong),
        Case(.typed("treaty-city"), "Uzbekistan", .wrong),
        Case(.typed("treaty-city"), "Chisinau", .wrong),
        Case(.typed("moscow-in"), "Russia", .correct),
        Case(.typed("moscow-in"), "the Russian Federation", .correct),
        Case(.typed("moscow-in"), "in Russia", .correct),
        Case(.typed("moscow-in"), "Rusia", .close),
        Case(.typed("moscow-in"), "Belarus", .wrong),
        Case(.typed("chisinau-in"), "Moldova", .correct),
        Case(.typed("chisinau-in"), "the Republic of Moldova", .correct),
        Case(.typed("chisinau-in"), "Romania", .wrong),
        Case(.typed("tashkent-in"), "Uzbekistan", .correct),
        Case(.typed("tashkent-in"), "Uzbekistan.", .correct),
        Case(.typed("tashkent-in"), "Kazakhstan", .wrong),
        Case(.typed("tashkent-in"), "Tajikistan", .wrong),
        Case(.typed("karabakh-part"), "Azerbaijan", .correct),
        Case(.typed("karabakh-part"), "Azerbaijan, officially", .correct),
        Case(.typed("karabakh-part"), "Azerbajan", .close),
        Case(.typed("karabakh-part"), "Armenia", .wrong),
        Case(.typed("karabakh-part"), "Armenia or Azerbaijan", .wrong),
    ]

    static let peopleAndOrgansCases: [Case] = [
        Case(.typed("mission-request"), "Kassym-Jomart Tokayev", .correct),
        Case(.typed("mission-request"), "Tokayev", .correct),
        Case(.typed("mission-request"), "President Tokayev", .correct),
        Case(.typed("mission-request"), "Pres. Tokayev", .correct),
        Case(.typed("mission-request"), "President Kassym-Jomart Tokayev", .correct),
        Case(.typed("mission-request"), "Kazakh President Tokayev", .correct),
        Case(.typed("mission-request"), "the president of Kazakhstan", .correct),
        Case(.typed("mission-request"), "Kassym Jomart Tokayev", .correct),
        Case(.typed("mission-request"), "Tokaev", .close),
        Case(.typed("mission-request"), "Nazarbayev", .wrong),
        Case(.typed("mission-request"), "Putin", .wrong),
        Case(.typed("mission-request"), "President Putin", .wrong),
        Case(.typed("csto-like"), "NATO", .correct),
        Case(.typed("csto-like"), "North Atlantic Treaty Organization", .correct),
        Case(.typed("csto-like"), "the North Atlantic Treaty Organisation", .close),
        Case(.typed("csto-like"), "NATO (North Atlantic Treaty Organization)", .correct),
        Case(.typed("csto-like"), "it's like NATO", .correct),
        Case(.typed("csto-like"), "the UN", .wrong),
        Case(.typed("csto-like"), "CIS", .wrong),
        Case(.typed("csto-like"), "the EU", .wrong),
        Case(.typed("csto-before"), "the Collective Security Treaty", .correct),
        Case(.typed("csto-before"), "CST", .correct),
        Case(.typed("csto-before"), "the CST", .correct),
        Case(.typed("csto-before"), "Collective Security Treaty (CST)", .correct),
        Case(.typed("csto-before"), "the Collective Security Treaty of 1992", .correct),
        Case(.typed("csto-before"), "Collective Security Treaty Organization", .wrong),
        Case(.typed("csto-before"), "the Warsaw Pact", .wrong),
        Case(.typed("csto-observer"), "the United Nations General Assembly", .correct),
        Case(.typed("csto-observer"), "UN General Assembly", .correct),
        Case(.typed("csto-observer"), "the General Assembly", .correct),
        Case(.typed("csto-observer"), "UNGA", .correct),
        Case(.typed("csto-observer"), "the UN Security Council", .wrong),
        Case(.typed("secretariat-head"), "the secretary general", .correct),
        Case(.typed("secretariat-head"), "Secretary-General", .correct),
        Case(.typed("secretariat-head"), "the CSTO secretary general", .correct),
        Case(.typed("secretariat-head"), "secretary generl", .close),
        Case(.typed("secretariat-head"), "the Collective Security Council", .wrong),
        Case(.typed("sg-recommended"), "the Council of Ministers of Foreign Affairs", .correct),
        Case(.typed("sg-recommended"), "Council of Foreign Ministers", .correct),
        Case(.typed("sg-recommended"), "the foreign ministers' council", .correct),
        Case(.typed("sg-recommended"), "the foreign ministers", .correct),
        Case(.typed("sg-recommended"), "the Council of Ministers of Foreign Affairs (CMFA)", .correct),
        Case(.typed("sg-recommended"), "Council of Ministers of Foreign Afairs", .close),
        Case(.typed("sg-recommended"), "the Council of Ministers of Defense", .wrong),
        Case(.typed("sg-recommended"), "the Collective Security Council", .wrong),
        Case(.reverse("csto-hq"), "CSTO", .correct),
        Case(.reverse("csto-hq"), "the CSTO", .correct),
        Case(.reverse("csto-hq"), "Collective Security Treaty Organization", .correct),
        Case(.reverse("csto-hq"), "the CSTO alliance", .correct),
        Case(.reverse("csto-hq"), "Collective Security Treaty", .wrong),
        Case(.reverse("csto-hq"), "NATO", .wrong),
        Case(.reverse("csto-hq"), "CSTO or CIS", .wrong),
        Case(.reverse("cmfa-role"), "Council of Ministers of Foreign Affairs", .correct),
        Case(.reverse("cmfa-role"), "the Council of Foreign Ministers", .correct),
        Case(.reverse("cmfa-role"), "foreign ministers' council", .correct),
        Case(.reverse("cmfa-role"), "the Council of Ministers of Defense", .wrong),
        Case(.reverse("cmfa-role"), "the Collective Security Council", .wrong),
        Case(.reverse("cmd-role"), "Council of Ministers of Defense", .correct),
        Case(.reverse("cmd-role"), "the Council of Ministers of Defence", .correct),
        Case(.reverse("cmd-role"), "Council of Defense Ministers", .correct),
        Case(.reverse("cmd-role"), "the CSTO Joint Staff", .wrong),
    ]

    static let dateCases: [Case] = [
        Case(.typed("csto-founded"), "2002", .correct),
        Case(.typed("csto-founded"), "in 2002", .correct),
        Case(.typed("csto-founded"), "In 2002.", .correct),
        Case(.typed("csto-founded"), "the year 2002", .correct),
        Case(.typed("csto-founded"), "it was established in 2002", .correct),
        Case(.typed("csto-founded"), "two thousand and two", .correct),
        Case(.typed("csto-founded"), "2002 AD", .correct),
        Case(.typed("csto-founded"), "I think 2002", .correct),
        Case(.typed("csto-founded"), "October 2002", .correct),
        Case(.typed("csto-founded"), "2002-10", .correct),
        Case(.typed("csto-founded"), "7 October 2002", .correct),
        Case(.typed("csto-founded"), "2003", .wrong),
        Case(.typed("csto-founded"), "1992", .wrong),
        Case(.typed("csto-founded"), "the 2000s", .wrong),
        Case(.typed("csto-founded"), "2000s", .wrong),
        Case(.typed("csto-founded"), "2002 or 2003", .wrong),
        Case(.typed("csto-founded"), "1992, 2002", .wrong),
        Case(.typed("csto-founded"), "not 2002", .wrong),
        Case(.typed("csto-founded"), "02", .wrong),
        Case(.typed("csto-founded"), "20022", .wrong),
        Case(.typed("csto-founded"), "before 2002", .wrong),
        Case(.typed("csto-founded"), "after 2002", .wrong),
        Case(.typed("csto-founded"), "around 2002", .correct),
        Case(.typed("treaty-signed"), "1992", .correct),
        Case(.typed("treaty-signed"), "in 1992", .correct),
        Case(.typed("treaty-signed"), "May 1992", .correct),
        Case(.typed("treaty-signed"), "15 May 1992", .correct),
        Case(.typed("treaty-signed"), "nineteen ninety-two", .correct),
        Case(.typed("treaty-signed"), "1993", .wrong),
        Case(.typed("treaty-signed"), "the 1990s", .wrong),
        Case(.typed("treaty-signed"), "the early 90s", .wrong),
        Case(.typed("ussr-dissolved"), "1991", .correct),
        Case(.typed("ussr-dissolved"), "December 1991", .correct),
        Case(.typed("ussr-dissolved"), "Dec 1991", .correct),
        Case(.typed("ussr-dissolved"), "Dec. 26, 1991", .correct),
        Case(.typed("ussr-dissolved"), "1991-12", .correct),
        Case(.typed("ussr-dissolved"), "in december of 1991", .correct),
        Case(.typed("ussr-dissolved"), "1990", .wrong),
        Case(.typed("ussr-dissolved"), "1989", .wrong),
        Case(.typed("ussr-dissolved"), "the 1990s", .wrong),
        Case(.typed("un-observer"), "2004", .correct),
        Case(.typed("un-observer"), "a 2004 resolution", .correct),
        Case(.typed("un-observer"), "2005", .wrong),
        Case(.typed("uzbek-rejoin"), "2006", .correct),
        Case(.typed("uzbek-rejoin"), "in 2006", .correct),
        Case(.typed("uzbek-rejoin"), "2012", .wrong),
        Case(.typed("uzbek-leave"), "2012", .correct),
        Case(.typed("uzbek-leave"), "twenty twelve", .correct),
        Case(.typed("uzbek-leave"), "2006", .wrong),
        Case(.typed("mission-start"), "January 2022", .correct),
        Case(.typed("mission-start"), "Jan 2022", .correct),
        Case(.typed("mission-start"), "jan. 2022", .correct),
        Case(.typed("mission-start"), "2022-01", .correct),
        Case(.typed("mission-start"), "01/2022", .correct),
        Case(.typed("mission-start"), "in January 2022", .correct),
        Case(.typed("mission-start"), "January of 2022", .correct),
        Case(.typed("mission-start"), "6 January 2022", .correct),
        Case(.typed("mission-start"), "early January 2022", .correct),
        Case(.typed("mission-start"), "2022", .wrong),
        Case(.typed("mission-start"), "February 2022", .wrong),
        Case(.typed("mission-start"), "January 2021", .wrong),
        Case(.typed("mission-start"), "Dec 2021", .wrong),
        Case(.typed("mission-start"), "January", .wrong),
        Case(.typed("mission-year"), "2022", .correct),
        Case(.typed("mission-year"), "in 2022", .correct),
        Case(.typed("mission-year"), "January 2022", .correct),
        Case(.typed("mission-year"), "March 2022", .close),
        Case(.typed("mission-year"), "2021", .wrong),
    ]

    static let numberCases: [Case] = [
        Case(.typed("mission-troops"), "more than 2,000", .correct),
        Case(.typed("mission-troops"), "more than 2000 troops", .correct),
        Case(.typed("mission-troops"), "over 2000", .correct),
        Case(.typed("mission-troops"), "over two thousand", .correct),
        Case(.typed("mission-troops"), "2,000+", .correct),
        Case(.typed("mission-troops"), "2000+ troops", .correct),
        Case(.typed("mission-troops"), "2000 or more", .correct),
        Case(.typed("mission-troops"), "at least 2000", .correct),
        Case(.typed("mission-troops"), "more than two thousand soldiers", .correct),
        Case(.typed("mission-troops"), "upwards of 2,000", .correct),
        Case(.typed("mission-troops"), "2000", .close),
        Case(.typed("mission-troops"), "2,000 troops", .close),
        Case(.typed("mission-troops"), "about 2000", .close),
        Case(.typed("mission-troops"), "less than 2000", .wrong),
        Case(.typed("mission-troops"), "fewer than 2,000", .wrong),
        Case(.typed("mission-troops"), "under 2000", .wrong),
        Case(.typed("mission-troops"), "up to 2000", .wrong),
        Case(.typed("mission-troops"), "at most 2000", .wrong),
        Case(.typed("mission-troops"), "nearly 2000", .wrong),
        Case(.typed("mission-troops"), "2000 or fewer", .wrong),
        Case(.typed("mission-troops"), "3000", .wrong),
        Case(.typed("mission-troops"), "more than 3,000", .wrong),
        Case(.typed("mission-troops"), "over 200", .wrong),
        Case(.typed("mission-troops"), "20000", .wrong),
        Case(.typed("mission-troops"), "1000-2000", .wrong),
        Case(.typed("treaty-renewal"), "5", .correct),
        Case(.typed("treaty-renewal"), "five", .correct),
        Case(.typed("treaty-renewal"), "5 years", .correct),
        Case(.typed("treaty-renewal"), "every five years", .correct),
        Case(.typed("treaty-renewal"), "every 5 yrs", .correct),
        Case(.typed("treaty-renewal"), "6", .wrong),
        Case(.typed("treaty-renewal"), "10 years", .wrong),
        Case(.typed("treaty-renewal"), "every year", .wrong),
        Case(.typed("treaty-renewal"), "more than 5 years", .wrong),
        Case(.typed("sg-term"), "3", .correct),
        Case(.typed("sg-term"), "three years", .correct),
        Case(.typed("sg-term"), "a three-year term", .correct),
        Case(.typed("sg-term"), "3 yrs", .correct),
        Case(.typed("sg-term"), "4 years", .wrong),
        Case(.typed("sg-term"), "5", .wrong),
        Case(.typed("sg-term"), "less than 3 years", .wrong),
    ]

    static let ordinalCases: [Case] = [
        Case(.typed("mission-order"), "first", .correct),
        Case(.typed("mission-order"), "1st", .correct),
        Case(.typed("mission-order"), "the first", .correct),
        Case(.typed("mission-order"), "the first one", .correct),
        Case(.typed("mission-order"), "it was the first", .correct),
        Case(.typed("mission-order"), "its first mission", .correct),
        Case(.typed("mission-order"), "First.", .correct),
        Case(.typed("mission-order"), "frist", .close, knownMiss: "no typo allowance below 5 letters"),
        Case(.typed("mission-order"), "second", .wrong),
        Case(.typed("mission-order"), "the last", .wrong),
        Case(.typed("mission-order"), "2nd", .wrong),
        Case(.typed("treaty-article"), "Article 4", .correct),
        Case(.typed("treaty-article"), "article four", .correct),
        Case(.typed("treaty-article"), "Article IV", .correct),
        Case(.typed("treaty-article"), "4", .correct),
        Case(.typed("treaty-article"), "IV", .correct),
        Case(.typed("treaty-article"), "Art. 4", .correct),
        Case(.typed("treaty-article"), "the fourth article", .correct),
        Case(.typed("treaty-article"), "Article 4 of the treaty", .correct),
        Case(.typed("treaty-article"), "Article 5", .wrong),
        Case(.typed("treaty-article"), "Article V", .wrong),
        Case(.typed("treaty-article"), "Article 14", .wrong),
        Case(.typed("treaty-article"), "Article 4 or 5", .wrong),
        Case(.typed("article-mirror"), "Article 5", .correct),
        Case(.typed("article-mirror"), "Article V", .correct),
        Case(.typed("article-mirror"), "article five", .correct),
        Case(.typed("article-mirror"), "Article 5 of NATO", .correct),
        Case(.typed("article-mirror"), "NATO's Article 5", .correct),
        Case(.typed("article-mirror"), "Article 4", .wrong),
        Case(.typed("article-mirror"), "Article 6", .wrong),
    ]

    static let termCases: [Case] = [
        Case(.typed("sg-appointed"), "the heads of member states", .correct),
        Case(.typed("sg-appointed"), "heads of state", .correct),
        Case(.typed("sg-appointed"), "the Collective Security Council", .correct),
        Case(.typed("sg-appointed"), "the leaders of the member countries", .correct),
        Case(.typed("sg-appointed"), "the presidents of the member states", .correct),
        Case(.typed("sg-appointed"), "heads of the member states", .correct),
        Case(.typed("sg-appointed"), "the member states' heads", .correct),
        Case(.typed("sg-appointed"), "the heads of the members", .correct),
        Case(.typed("sg-appointed"), "the member states", .wrong),
        Case(.typed("sg-appointed"), "the heads", .wrong),
        Case(.typed("sg-appointed"), "the foreign ministers", .wrong),
        Case(.typed("sg-appointed"), "the Council of Ministers of Foreign Affairs", .wrong),
        Case(.typed("sg-appointed"), "NATO heads of state", .wrong),
        Case(.typed("sg-appointed"), "not the heads of member states", .wrong),
        Case(.typed("sg-appointed"), "the UN", .wrong),
        Case(.typed("csc-members"), "the heads of member countries", .correct),
        Case(.typed("csc-members"), "heads of member states", .correct),
        Case(.typed("csc-members"), "the leaders of the member states", .correct),
        Case(.typed("csc-members"), "presidents of the members", .correct),
        Case(.typed("csc-members"), "the defense ministers", .wrong),
        Case(.typed("csc-members"), "member states", .wrong),
        Case(.typed("sg-rank"), "the CSTO's highest-ranking administrative officer", .correct),
        Case(.typed("sg-rank"), "highest-ranking administrative officer", .correct),
        Case(.typed("sg-rank"), "the top administrative official", .correct),
        Case(.typed("sg-rank"), "chief admin officer", .correct),
        Case(.typed("sg-rank"), "the highest ranking administrative officer of the CSTO", .correct),
        Case(.typed("sg-rank"), "the highest military officer", .wrong),
        Case(.typed("sg-rank"), "an administrative officer", .wrong),
        Case(.typed("sg-rank"), "the head of state", .wrong),
        Case(.typed("cmfa-role"), "Coordinates foreign policy among members", .correct),
        Case(.typed("cmfa-role"), "coordinates foreign policy", .correct),
        Case(.typed("cmfa-role"), "it coordinates the members' foreign policy", .correct),
        Case(.typed("cmfa-role"), "coordinating foreign affairs", .correct),
        Case(.typed("cmfa-role"), "foreign policy coordination", .correct),
        Case(.typed("cmfa-role"), "coordinates military policy", .wrong),
        Case(.typed("cmfa-role"), "defense", .wrong),
        Case(.typed("cmfa-role"), "it makes final decisions", .wrong),
        Case(.typed("cmd-role"), "coordinates military policy and cooperation among members", .correct),
        Case(.typed("cmd-role"), "military policy", .correct),
        Case(.typed("cmd-role"), "coordinates defence policy", .correct),
        Case(.typed("cmd-role"), "coordinates foreign policy", .wrong),
    ]

    static let textCases: [Case] = [
        Case(.typed("mission-length"), "about a week", .correct),
        Case(.typed("mission-length"), "a week", .correct),
        Case(.typed("mission-length"), "one week", .correct),
        Case(.typed("mission-length"), "roughly a week", .correct),
        Case(.typed("mission-length"), "around 1 week", .correct),
        Case(.typed("mission-length"), "a week or so", .correct),
        Case(.typed("mission-length"), "7 days", .correct),
        Case(.typed("mission-length"), "about seven days", .correct),
        Case(.typed("mission-length"), "it lasted about a week", .correct),
        Case(.typed("mission-length"), "about two weeks", .wrong),
        Case(.typed("mission-length"), "a month", .wrong),
        Case(.typed("mission-length"), "a day", .wrong),
        Case(.typed("mission-length"), "a year", .wrong),
        Case(.typed("csc-sessions"), "at least once annually", .correct),
        Case(.typed("csc-sessions"), "once a year", .correct),
        Case(.typed("csc-sessions"), "annually", .correct),
        Case(.typed("csc-sessions"), "yearly", .correct),
        Case(.typed("csc-sessions"), "every year", .correct),
        Case(.typed("csc-sessions"), "at least once a year", .correct),
        Case(.typed("csc-sessions"), "anually", .close),
        Case(.typed("csc-sessions"), "twice a year", .wrong),
        Case(.typed("csc-sessions"), "monthly", .wrong),
        Case(.typed("csc-sessions"), "every five years", .wrong),
        Case(.typed("csto-purpose"), "collective defense", .correct),
        Case(.typed("csto-purpose"), "collective defence", .correct),
        Case(.typed("csto-purpose"), "for collective defense", .correct),
        Case(.typed("csto-purpose"), "for the purpose of collective defense", .correct),
        Case(.typed("csto-purpose"), "colective defense", .close),
        Case(.typed("csto-purpose"), "trade", .wrong),
        Case(.typed("csto-purpose"), "economic cooperation", .wrong),
    ]

    static let truthCases: [Case] = [
        Case(.truth(true), "true", .correct),
        Case(.truth(true), "T", .correct),
        Case(.truth(true), "yes", .correct),
        Case(.truth(true), "y", .correct),
        Case(.truth(true), "yep", .correct),
        Case(.truth(true), "Yeah", .correct),
        Case(.truth(true), "right", .correct),
        Case(.truth(true), "correct", .correct),
        Case(.truth(true), "ture", .correct),
        Case(.truth(true), "treu", .correct),
        Case(.truth(true), "it's true", .correct),
        Case(.truth(true), "True!", .correct),
        Case(.truth(true), "not false", .correct),
        Case(.truth(true), "false", .wrong),
        Case(.truth(true), "nope", .wrong),
        Case(.truth(true), "n", .wrong),
        Case(.truth(true), "maybe", .wrong),
        Case(.truth(true), "true or false", .wrong),
        Case(.truth(true), "", .wrong),
        Case(.truth(false), "false", .correct),
        Case(.truth(false), "F", .correct),
        Case(.truth(false), "no", .correct),
        Case(.truth(false), "n", .correct),
        Case(.truth(false), "nope", .correct),
        Case(.truth(false), "nah", .correct),
        Case(.truth(false), "wrong", .correct),
        Case(.truth(false), "incorrect", .correct),
        Case(.truth(false), "flase", .correct),
        Case(.truth(false), "fasle", .correct),
        Case(.truth(false), "not true", .correct),
        Case(.truth(false), "I think it's false", .correct),
        Case(.truth(false), "true", .wrong),
        Case(.truth(false), "yes", .wrong),
        Case(.truth(false), "yep", .wrong),
        Case(.truth(false), "idk", .wrong),
    ]

    static let cities = ["Minsk", "Chișinău", "Tashkent", "Yerevan"]
    static let organizations = [
        "Commonwealth of Independent States", "North Atlantic Treaty Organization", "United Nations",
        "Eurasian Economic Union",
    ]
    static let terms = ["5 years", "3 years", "2 years", "6 years"]
    static let years = ["1992", "2002", "1999", "2004"]

    static let choiceCases: [Case] = [
        Case(.choice(cities, 1), "b", .correct),
        Case(.choice(cities, 1), "B", .correct),
        Case(.choice(cities, 1), "b)", .correct),
        Case(.choice(cities, 1), "(b)", .correct),
        Case(.choice(cities, 1), "2", .correct),
        Case(.choice(cities, 1), "Chișinău", .correct),
        Case(.choice(cities, 1), "Chisinau", .correct),
        Case(.choice(cities, 1), "Kishinev", .correct),
        Case(.choice(cities, 1), "b) Chișinău", .correct),
        Case(.choice(cities, 1), "in Chisinau", .correct),
        Case(.choice(cities, 1), "Chisinau, Moldova", .correct),
        Case(.choice(cities, 1), "Chisinou", .close),
        Case(.choice(cities, 1), "a", .wrong),
        Case(.choice(cities, 1), "Minsk", .wrong),
        Case(.choice(cities, 1), "Tashkent", .wrong),
        Case(.choice(cities, 1), "e", .wrong),
        Case(.choice(cities, 1), "a or b", .wrong),
        Case(.choice(organizations, 1), "NATO", .correct),
        Case(.choice(organizations, 1), "the North Atlantic Treaty Organization", .correct),
        Case(.choice(organizations, 1), "b", .correct),
        Case(.choice(organizations, 1), "CIS", .wrong),
        Case(.choice(organizations, 1), "UN", .wrong),
        Case(.choice(organizations, 1), "EAEU", .wrong),
        Case(.choice(terms, 1), "3", .correct),
        Case(.choice(terms, 1), "three", .correct),
        Case(.choice(terms, 1), "3 years", .correct),
        Case(.choice(terms, 1), "b", .correct),
        Case(.choice(terms, 1), "2", .wrong),
        Case(.choice(terms, 1), "c", .wrong),
        Case(.choice(terms, 1), "5", .wrong),
        Case(.choice(terms, 1), "4", .wrong),
        Case(.choice(years, 1), "2002", .correct),
        Case(.choice(years, 1), "b", .correct),
        Case(.choice(years, 1), "2", .wrong),
        Case(.choice(years, 1), "1992", .wrong),
        Case(.choice(years, 1), "in 2002", .correct),
    ]

    @Test func tableIsBigEnoughAndEveryRowHasItsCard() {
        #expect(Self.cases.count >= 200)
        #expect(Self.deck.id == "grading")
        for c in Self.cases {
            #expect(Self.card(for: c.ask) != nil, "no card for \(c.ask)")
        }
    }

    @Test(arguments: cases) func fairTeacher(_ c: Case) throws {
        let card = try #require(Self.card(for: c.ask))
        let grade = Self.checker.grade(c.answer, for: card)
        if let miss = c.knownMiss {
            withKnownIssue(Comment(rawValue: miss)) {
                #expect(grade.verdict == c.verdict, "\(grade.reason ?? "")")
            }
        } else {
            #expect(grade.verdict == c.verdict, "\(grade.reason ?? "no reason")")
        }
    }

    /// The issue's goal: at most 1 right answer in 20 rejected and 1 wrong answer in 100 accepted.
    @Test func falseRejectsAndFalseAcceptsAreWithinTheGoal() throws {
        var right = 0
        var wrong = 0
        var falseRejects: [String] = []
        var falseAccepts: [String] = []
        for c in Self.cases {
            let card = try #require(Self.card(for: c.ask))
            let grade = Self.checker.grade(c.answer, for: card)
            if c.verdict == .wrong {
                wrong += 1
                if grade.isAccepted { falseAccepts.append(c.testDescription) }
            } else {
                right += 1
                if !grade.isAccepted { falseRejects.append(c.testDescription) }
            }
        }
        print(
            "grading table: \(Self.cases.count) answers; false rejects \(falseRejects.count)/\(right) right answers, false accepts \(falseAccepts.count)/\(wrong) wrong answers"
        )
        for line in falseRejects { print("  false reject: \(line)") }
        for line in falseAccepts { print("  false accept: \(line)") }
        #expect(falseRejects.count * 20 <= right)
        #expect(falseAccepts.count * 100 <= wrong)
    }
}

/// Every verdict that is not plain from the reply says why, in the learner's terms.
@Suite struct GradingReasonTests {
    static func grade(_ ask: GradingTableTests.Ask, _ answer: String) throws -> Grade {
        let card = try #require(GradingTableTests.card(for: ask))
        return GradingTableTests.checker.grade(answer, for: card)
    }

    @Test func reasonsSayWhatWasReadAndWhy() throws {
        #expect(
            try Self.grade(.typed("csto-hq"), "Moscow, Russia").reason
                == "accepted: 'Moscow, Russia' names Moscow")
        #expect(
            try Self.grade(.typed("mission-troops"), "less than 2,000").reason
                == "wrong: 'less than 2,000' contradicts 'more than 2,000 troops'")
        #expect(
            try Self.grade(.typed("csto-hq"), "Moscow, Belarus").reason
                == "wrong: 'Moscow, Belarus' also names Belarus")
        #expect(try Self.grade(.typed("ussr-dissolved"), "the 1990s").reason?.contains("decade") == true)
        #expect(try Self.grade(.truth(false), "nope").reason == "accepted: 'nope' means false")
        #expect(try Self.grade(.truth(true), "ture").reason == "accepted: 'ture' reads as true")
        let bare = try Self.grade(.typed("mission-troops"), "2000")
        #expect(bare.verdict == .close)
        #expect(bare.reason == "close: '2000' leaves out the bound: the answer is more than 2,000 troops")
        let value = try Self.grade(.choice(GradingTableTests.terms, 1), "3")
        #expect(value.reason == "accepted: '3' is the value of option b) 3 years")
        let position = try Self.grade(.choice(GradingTableTests.terms, 1), "2")
        #expect(position.reason == "wrong: '2' is the value of option c) 2 years")
    }

    @Test func plainAnswersCarryNoReason() throws {
        #expect(try Self.grade(.typed("csto-hq"), "Moscow").reason == nil)
        #expect(try Self.grade(.typed("csto-founded"), "2002").reason == nil)
        #expect(try Self.grade(.typed("csto-hq"), "Minsk").reason == nil)
        #expect(try Self.grade(.truth(true), "true").reason == nil)
    }

    /// Every accepted row of the table whose answer is not one of the card's spellings says why.
    @Test func everyAcceptedRewordingSaysWhy() throws {
        let normalizer = Normalizer()
        for c in GradingTableTests.cases {
            let card = try #require(GradingTableTests.card(for: c.ask))
            let grade = GradingTableTests.checker.grade(c.answer, for: card)
            guard grade.verdict == .correct, card.kind != .choice, card.kind != .trueFalse else { continue }
            let reply = normalizer.normalize(c.answer)
            let isSpelling = card.accepted.contains { normalizer.normalize($0).isEquivalent(to: reply) }
            if !isSpelling && !reply.isNumeric {
                #expect(grade.reason != nil, "\(c.testDescription)")
            }
        }
    }

    @Test func numericOptionsAreExplainedOnScreen() {
        #expect(
            AnswerChecker.numericOptionsNote(GradingTableTests.terms)?.contains("a number is a value") == true
        )
        #expect(AnswerChecker.numericOptionsNote(GradingTableTests.cities) == nil)
    }
}
