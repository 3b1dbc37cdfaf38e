import Foundation
import Testing

@testable import RecallCore

/// The card-by-card review of the bundled deck (shared/reviews/csto-deck-review.md), as a table:
/// each former defect is a case that now passes, checked on the cards of seeds 0 to 30.
@Suite struct CSTOReviewTests {
    /// The deck's cards at every seed the review tried.
    struct Draws: Sendable {
        let bySeed: [[Card]]
        var seed0: [Card] { bySeed[0] }
        var all: [Card] { bySeed.flatMap { $0 } }

        func card(_ id: String) -> Card? { seed0.first { $0.id == id } }
        func everySeed(_ id: String) -> [Card] { bySeed.compactMap { cards in cards.first { $0.id == id } } }
        var prompts: [String] { all.flatMap { $0.presentations.map(\.prompt) } }
        var options: [String] { all.flatMap { $0.presentations.flatMap(\.body.options) } }
    }

    static let draws: Draws = {
        // A missing deck gives no cards, and every case below then fails.
        let deck = (try? DeckLibrary.bundledDecks().first { $0.id == "csto" }) ?? nil
        return Draws(
            bySeed: (0...30).map { seed in
                deck.map { QuestionGenerator(seed: UInt64(seed)).cards(for: $0) } ?? []
            })
    }()

    struct Case: Sendable, CustomTestStringConvertible {
        let defect: String
        let holds: @Sendable (Draws) -> Bool
        var testDescription: String { defect }
    }

    static let cases: [Case] = [
        // (a), (b), (c) bounded numbers
        Case(
            defect:
                "a/b: 'more than 2,000 troops' has no option or false statement (the bound makes smaller ones true)"
        ) {
            $0.everySeed("csto:kazakhstan-mission-troops:forward").allSatisfy { $0.styles == [.recall] }
        },
        // (c) ambiguous
        Case(defect: "c: 'did NOT renew in 1999' options only among the treaty's nine parties, never Moldova")
        { d in
            let parties: Set = [
                "Armenia", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan", "Azerbaijan",
                "Belarus",
                "Georgia",
            ]
            let cards = d.everySeed("csto:cst-not-renewed-1999:forward")
            let options = cards.flatMap { $0.presented(as: .choose)?.choices ?? [] }
            let statements = cards.compactMap { $0.presented(as: .trueFalse)?.prompt }
            return !options.isEmpty && Set(options).isSubset(of: parties)
                && statements.allSatisfy { !$0.contains("Moldova") }
                && cards.allSatisfy { $0.presented(as: .choose)?.prompt.contains("parties") ?? false }
        },
        Case(
            defect: "c: no reverse 'Which alliance is headquartered in Moscow?' (the EAEU is based there too)"
        ) {
            $0.card("csto:csto-headquarters:reverse") == nil
                && !$0.prompts.contains { $0.hasPrefix("Which") && $0.contains("headquartered in Moscow") }
        },
        Case(defect: "c: the secretary general's rank is asked as a rank") {
            let card = $0.card("csto:secretary-general-rank:forward")
            return card?.prompt.contains("What rank") == true && card?.answer == "the highest-ranking"
        },
        Case(defect: "c: 'how is the post shared among the members' accepts 'by rotation'") {
            let card = $0.card("csto:secretary-general-rotation:forward")
            return card?.prompt.hasPrefix("How is the post") == true
                && card?.accepted.contains("by rotation") == true
        },
        Case(defect: "c: 'who appoints the secretary general' is asked so the council is no second answer") {
            let card = $0.card("csto:secretary-general-appointed-by:forward")
            return card?.prompt == "The heads of which states appoint the CSTO secretary general?"
                && card?.accepted.contains("the heads of member states") == true
        },
        Case(defect: "c: the Nagorno-Karabakh war year names which war (not the 1988–94 one)") {
            $0.card("csto:karabakh-war-year:forward")?.prompt.contains("dissatisfied with the CSTO") == true
        },
        Case(defect: "c: the two military organs' roles are never distractors for each other") { d in
            let defense = "coordinates military policy and cooperation among members"
            let staff = "is responsible for military planning and cooperation"
            let cmd = d.everySeed("csto:cmd-role:forward").flatMap {
                $0.presentations.map(\.prompt) + $0.choices
            }
            let joint = d.everySeed("csto:joint-staff-role:forward").flatMap {
                $0.presentations.map(\.prompt) + $0.choices
            }
            let reverse = d.everySeed("csto:joint-staff-role:reverse").flatMap {
                $0.presented(as: .choose)?.choices ?? []
            }
            return !cmd.isEmpty && cmd.allSatisfy { !$0.contains(staff) }
                && joint.allSatisfy { !$0.contains(defense) }
                && !reverse.contains("Council of Ministers of Defense")
        },
        // (d) gives its answer away
        Case(defect: "d: no 'Which treaty predated the CSTO?'; the treaty is asked from where it was signed")
        {
            !$0.prompts.contains { $0.contains("predated") }
                && $0.card("csto:cst-signed-in:reverse")?.prompt
                    == "Which treaty did six former Soviet republics sign in Tashkent?"
        },
        Case(defect: "d: no gap whose sentence supplies the word ('an attack on […] NATO members' → all)") {
            !$0.seed0.contains { $0.kind == .cloze && $0.answer == "all" }
        },
        Case(
            defect: "d: 'led by secretary general' is no longer in the Secretariat's role, prompt or options"
        ) {
            !$0.prompts.contains { $0.contains("led by") } && !$0.options.contains { $0.contains("led by") }
        },
        Case(defect: "d: year options on both sides of the answer, none after the source (December 2025)") {
            d in
            let cards = d.everySeed("csto:armenia-announced-withdrawal:forward")
            return cards.allSatisfy { card in
                let years = (card.presented(as: .choose)?.choices ?? []).compactMap { Int($0) }
                return years.count == 4 && years.allSatisfy { $0 <= 2025 } && years.min() != years.max()
                    && years.contains { $0 < 2024 }
            }
        },
        Case(defect: "d: the 1999 renewal prompt and its event do not name the three non-renewers") { d in
            let card = d.card("csto:cst-renewed-1999-date:forward")
            let label = d.card("csto:cst-renewed-1999-date:reverse")?.answer ?? ""
            return card.map { !$0.prompt.contains("Azerbaijan") } == true && !label.contains("Azerbaijan")
                && !d.options.contains { $0.contains("Georgia and Uzbekistan") }
        },
        Case(defect: "d: no event label or option says 'first' (the first mission is its own card)") {
            !$0.options.contains { $0.contains("first") }
                && $0.card("csto:csto-first-mission:forward")?.answer == "Kazakhstan"
        },
        Case(defect: "d: 'president of Kazakhstan' is no answer that another prompt shows") {
            $0.card("csto:tokayev-title:forward") == nil
                && !$0.prompts.contains { $0.contains("President Kassym") }
                && $0.card("csto:kazakhstan-mission-requested-by:forward")?.accepted.contains(
                    "President Tokayev")
                    == true
        },
        Case(defect: "d: no set card whose answer other prompts print (the war's two belligerents)") {
            !$0.seed0.contains { $0.kind == .set && $0.answer == "Armenia and Azerbaijan" }
        },
        Case(defect: "d: the UN observer body is not both asked and printed in the year card") {
            $0.card("csto:csto-observer-in:forward") == nil && $0.card("csto:csto-un-observer:forward") != nil
        },
        Case(defect: "d: 'joined … in 1993, the year after it was signed' no longer gives away 1992") {
            !$0.prompts.contains { $0.contains("1993") && $0.contains("the year after it was signed") }
        },
        Case(defect: "d: 'How often, at the least' no longer cues 'at least once annually'") {
            $0.card("csto:csc-session-frequency:forward")?.prompt
                == "How often must the Collective Security Council meet?"
        },
        // (e) template English
        Case(defect: "e: renewal period asked 'How often …' and answered 'every 5 years'") {
            let card = $0.card("csto:cst-renewal-period:forward")
            return card?.prompt.hasPrefix("How often was") == true && card?.answer == "every 5 years"
        },
        Case(
            defect: "e: no 'formed, at a summit?', 'Following a resolution of which year' or stray ', during'"
        ) {
            !$0.prompts.contains {
                $0.contains(", at a summit?") || $0.contains("Following a resolution")
                    || $0.contains(", during")
            }
        },
        Case(defect: "e: organ roles read as sentences, never 'The role of X: Fragment' or 'this role:'") {
            d in
            let texts = d.prompts + d.all.map(\.why)
            return !texts.contains { $0.contains("The role of") || $0.contains("this role:") }
                && d.card("csto:csc-role:reverse")?.prompt
                    == "Which CSTO organ is the highest decision-making body and sets policy direction?"
        },
        Case(defect: "e: no why line with a raw attribute id or a tautology") { d in
            let attributes =
                (try? DeckLibrary.bundledDecks().first { $0.id == "csto" })??.attributes.map(\.id) ?? []
            return d.seed0.allSatisfy { card in
                !card.why.contains(" — ") && !attributes.contains { card.why.contains(": \($0)") }
                    && !card.why.contains("was fought between")
            }
        },
        Case(defect: "e: no '1 years' in any option or statement at any seed") {
            !($0.prompts + $0.options).contains { $0.contains(" 1 years") || $0.hasPrefix("1 years") }
        },
        // (f) low value
        Case(defect: "f: no true/false that can never be false (a fact without plausible false options)") {
            d in
            let deck = (try? DeckLibrary.bundledDecks().first { $0.id == "csto" }) ?? nil
            let noChoice = Set(deck?.attributes.filter { !$0.choice }.map(\.id) ?? [])
            return d.seed0.allSatisfy { !noChoice.contains($0.topic) || !$0.styles.contains(.trueFalse) }
                && d.card("csto:csto-area-of-involvement:forward") == nil
        },
        Case(
            defect: "f: true/false is no card of its own: every statement is a presentation of a recall card"
        ) {
            $0.seed0.allSatisfy { $0.kind != .trueFalse && $0.presentations.first?.style != .trueFalse }
        },
        Case(defect: "f: one direction of the 1999 renewal, not a set and its complement") {
            $0.card("csto:cst-renewed-1999:forward") == nil
                && $0.card("csto:cst-not-renewed-1999:forward") != nil
        },
        Case(defect: "f: no two cards with the same prompt ('Which of these happened in 2002?' twice)") { d in
            let own = d.seed0.map(\.prompt).filter { $0 != "Put these events in order, earliest first:" }
            return Set(own).count == own.count
        },
        Case(defect: "f: 'limited role' and 'limited response' are gaps of one passage (one fact)") {
            $0.card("csto:armenia-dissatisfied:cloze.c2")?.answer == "limited response"
                && $0.card("csto:armenia-after-invoking:cloze.c1") == nil
        },
        Case(defect: "f: no absurd false statement ('the Eurasian equivalent of the Commonwealth …')") {
            !$0.prompts.contains {
                $0.contains("equivalent of the Commonwealth") || $0.contains("equivalent of the Eurasian")
            }
        },
        Case(defect: "f: Article 4 is a short paraphrase, not the 90-word translation") {
            !$0.prompts.contains { $0.contains("aggression commission") || $0.contains("menacing") }
        },
        // (g) coverage
        Case(
            defect: "g: who rejoined and withdrew (Uzbekistan), who announced and invoked (Armenia) are asked"
        ) { d in
            [
                "uzbekistan-rejoined", "uzbekistan-withdrew", "armenia-announced-withdrawal",
                "armenia-invoked-article-4",
            ]
            .allSatisfy { d.card("csto:\($0):reverse")?.kind == .reverse }
        },
        Case(
            defect:
                "g: the year 1993, the CSTO's nature, the UN, 'at request', the Eurasian NATO, 'CSTO' spelt out"
        ) {
            $0.card("csto:cst-joined-year:forward")?.answer == "1993"
                && $0.card("csto:csto-nature:forward")?.answer == "a military alliance"
                && $0.card("csto:csto-cooperation:cloze.c1")?.answer == "the United Nations"
                && $0.card("csto:cst-article-4-help:cloze.c1")?.answer == "request"
                && $0.card("csto:csto-compared-to-nato:reverse") != nil
                && $0.card("csto:card:csto-expansion")?.answer == "Collective Security Treaty Organization"
                && $0.card("csto:csc-session-place:forward") != nil
        },
        // A second reader's review (2026-12), of every presentation at seeds 0 to 30: prompts that
        // printed the answer of another fact's card.
        Case(defect: "h: no prompt names the first mission's country or month (Kazakhstan, January 2022)") {
            d in
            let others = d.all.filter {
                $0.facts.contains { $0.hasPrefix("kazakhstan-mission") }
            }
            return !others.isEmpty
                && others.allSatisfy { card in
                    card.presentations.filter { $0.style != .trueFalse }.allSatisfy {
                        !$0.prompt.contains("Kazakhstan") && !$0.prompt.contains("January 2022")
                    }
                }
        },
        Case(defect: "h: no gap passage names Article 4, which another card asks for") { d in
            d.all.filter { $0.kind == .cloze }.allSatisfy { !$0.prompt.contains("Article 4") }
                && d.card("csto:cst-mutual-defense-article:forward")?.answer == "Article 4"
        },
        Case(defect: "h: the non-renewers are asked without the year another card asks for (1999)") { d in
            d.everySeed("csto:cst-not-renewed-1999:forward").allSatisfy { card in
                card.presentations.filter { $0.style != .trueFalse }.allSatisfy {
                    !$0.prompt.contains("1999")
                }
            }
        },
        Case(defect: "h: the Chișinău summit is asked without the founding year another card asks for") { d in
            d.card("csto:csto-founded-in:forward")?.prompt == "At a summit in which city was the CSTO formed?"
        },
        Case(
            defect:
                "h: where the treaty was signed is not printed by its year's event, nor its year by the reverse"
        ) { d in
            !d.options.contains { $0.contains("signed in Tashkent") }
                && d.card("csto:cst-signed-in:reverse")?.prompt.contains("1992") == false
        },
        Case(
            defect:
                "h: the council that coordinates members' activities is no wrong option beside the two coordinating councils"
        ) { d in
            let csc = d.all.filter { $0.id == "csto:csc-role:forward" }.flatMap(\.presentations)
            let councils = d.all.filter {
                ["csto:cmd-role:reverse", "csto:cmfa-role:reverse"].contains($0.id)
            }
            .flatMap(\.presentations)
            return !csc.isEmpty && !councils.isEmpty
                && csc.allSatisfy { p in
                    !(p.body.options + [p.prompt]).contains {
                        $0.contains("coordinates military policy")
                            || $0.contains("coordinates foreign policy")
                    }
                }
                && councils.allSatisfy { !$0.body.options.contains("Collective Security Council") }
        },
        Case(
            defect:
                "h: a false statement makes one false claim, not a second ('in 2005, the year the CSTO was formed')"
        ) { d in
            let statements = d.all.compactMap { $0.presented(as: .trueFalse)?.prompt }
            return !statements.isEmpty
                && !statements.contains {
                    $0.contains("the year the CSTO was formed") || $0.contains("; the CSTO is")
                }
        },
        Case(
            defect:
                "h: 'Which of these happened in 1999?' never offers Uzbekistan's withdrawal (it left the treaty then)"
        ) { d in
            let asked = d.everySeed("csto:cst-renewed-1999-date:reverse").compactMap {
                $0.presented(as: .choose)
            }
            return !asked.isEmpty
                && asked.allSatisfy { !$0.choices.contains("Uzbekistan withdraws from the CSTO") }
        },
        Case(defect: "h: the war's year and its region do not give each other away") { d in
            let year = d.card("csto:karabakh-war-year:forward")?.prompt ?? "Karabakh"
            let region = d.card("csto:karabakh-war-over:forward")?.prompt ?? "2020"
            return !year.contains("Karabakh") && !region.contains("2020")
        },
        Case(defect: "h: no recall or choice prompt prints the year another fact's card asks for") { d in
            // 'In 2024, besides announcing …' gave away the year of the announcement; 'six years after
            // rejoining' gave away 2006 by subtraction. A reverse "Which of these happened in …?"
            // names its own year by design.
            let years = d.seed0.filter { $0.direction == .forward && Int($0.answer) != nil }
            return years.count >= 10
                && years.allSatisfy { card in
                    d.seed0.filter { $0.siblingKey != card.siblingKey && $0.kind != .cloze }.allSatisfy {
                        other in
                        other.presentations.filter {
                            $0.style != .trueFalse && !$0.prompt.hasPrefix("Which of these happened in")
                        }.allSatisfy { !$0.prompt.contains(card.answer) }
                    }
                }
                && d.seed0.allSatisfy { !$0.prompt.contains("years after") }
        },
        Case(defect: "g: historical names are accepted (Kishinev, Moldavia, Kirghizia, Byelorussia)") { d in
            let members = d.card("csto:csto-members:forward")?.items.flatMap { $0 } ?? []
            return d.card("csto:csto-founded-in:forward")?.accepted.contains("Kishinev") == true
                && d.card("csto:chisinau-country:forward")?.accepted.contains("Moldavia") == true
                && members.contains("Kirghizia") && members.contains("Byelorussia")
        },
    ]

    @Test(arguments: cases) func formerDefectIsFixed(_ check: Case) {
        let holds = check.holds(Self.draws)
        #expect(holds, "\(check.defect)")
    }

    @Test func everyFactOfTheDeckIsAsked() throws {
        let deck = try CSTO.deck()
        let asked = Set(Self.draws.seed0.flatMap(\.facts))
        for fact in deck.facts { #expect(asked.contains(fact.id), "fact '\(fact.id)' has a card") }
    }

    @Test func siblingsAreOnlyTheCardsOfOneFact() {
        for (key, cards) in Dictionary(grouping: Self.draws.seed0, by: \.siblingKey) {
            #expect(Set(cards.map(\.facts)).count == 1, "\(key): one fact")
            let directions = cards.filter { $0.kind != .cloze }
            #expect(directions.count <= 2, "\(key): at most two directions")
        }
    }

    @Test func trueFalseStatementsAreAboutHalfTrue() {
        let statements = Self.draws.all.compactMap { $0.presented(as: .trueFalse) }
        let trueCount = statements.filter { $0.answer == "true" }.count
        #expect(statements.count > 100)
        #expect(Double(trueCount) / Double(statements.count) <= 0.55)
        #expect(Double(trueCount) / Double(statements.count) >= 0.40)
    }
}
