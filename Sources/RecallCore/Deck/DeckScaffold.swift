/// The deck `recall deck new` writes: a small, commented, valid example of every construct.
///
/// It lints without errors or warnings (a test checks), so an instructor starts from a deck that
/// works and edits it piece by piece.
public enum DeckScaffold {
    /// The YAML text of a new deck with this id.
    public static func yaml(id: String) -> String {
        template.replacingOccurrences(of: "@ID@", with: id)
    }

    private static let template = """
        # A new deck. Edit it, then check it as you go:
        #
        #     recall deck lint Decks/@ID@.yaml      errors and warnings as file:line:column
        #     recall deck preview @ID@              every card as a learner sees it, with its answer
        #
        # Decks/README.md describes every field. The example below (space flight) shows each
        # construct once: entities with aliases, typed facts, a timeline, a set, a quoted passage,
        # a question template written for one fact, and free-form cards. Replace it with yours.

        deck:
          id: @ID@                      # part of every card id: never change it once learners study
          name: Space flight (example)
          description: An example deck written by 'recall deck new'.
          source: Space flight (example notes)   # cards show it as "source § section"

        # The things the deck talks about. The key is the id (keep it stable); `name` is the answer
        # shown; `aliases` are other answers accepted when typed; `mention` is how it reads in a sentence.
        entities:
          solar-system: {type: system, name: Solar System, mention: the Solar System}
          mercury: {type: planet, name: Mercury}
          venus: {type: planet, name: Venus}
          earth: {type: planet, name: Earth}
          mars: {type: planet, name: Mars, aliases: [the Red Planet]}
          jupiter: {type: planet, name: Jupiter}
          saturn: {type: planet, name: Saturn}
          uranus: {type: planet, name: Uranus}
          neptune: {type: planet, name: Neptune}
          sputnik: {type: spacecraft, name: Sputnik 1, aliases: [Sputnik]}
          apollo-11: {type: spacecraft, name: Apollo 11}
          voyager-1: {type: spacecraft, name: Voyager 1}

        # Extra wrong options for multiple choice, by entity type. They are never answers.
        distractors:
          spacecraft: [Vostok 1, Gemini 4, Pioneer 10]

        # What facts can say, and how to ask about it. {subject}, {value}, {count} and {element}
        # are filled in; a capital first letter ({Subject}) capitalises the value.
        attributes:
          largest-planet:              # an entity value: typed both ways, multiple choice, true/false
            type: entity
            of: planet
            ask: Which is the largest planet of {subject}?
            statement: "{Value} is the largest planet of {subject}."
          moons:                       # a number: "2", "two" and "2.0" are all accepted
            type: number
            ask: How many moons does {subject} have?
            reverse: Which planet has {value}?   # the value given, the subject asked
            statement: "{Subject} has {value}."
            choice: false
          launched:                    # a date: with `event`, the facts form a timeline
            type: date
            ask: When (month and year) was {subject} launched?
            statement: "{Subject} was launched in {value}."
            event: "{Subject} is launched"
          inner-planets:               # a set: name every element, in any order
            type: set
            of: planet
            ask: Name the {count} inner planets of {subject}.
            statement: The inner planets of {subject} are {value}.
            element: "{Element} is an inner planet of {subject}."
            choose: Which of these is an inner planet of {subject}?
            choose-not: Which of these is NOT an inner planet of {subject}?
          quote:                       # a quoted passage: one cloze card per {{cN::gap}}
            type: passage

        # Each fact: a stable `id` (cards are named after it), a subject, an attribute, one value,
        # and the `source` section it comes from.
        facts:
          - id: largest-planet
            subject: solar-system
            attribute: largest-planet
            entity: jupiter
            source: Planets
          - id: mars-moons
            subject: mars
            attribute: moons
            number: 2
            unit: moons
            source: Planets
          - id: inner-planets
            subject: solar-system
            attribute: inner-planets
            set: [mercury, venus, earth, mars]
            complete: true             # the whole set: a planet not listed is NOT an inner planet
            source: Planets
          - id: sputnik-launched
            subject: sputnik
            attribute: launched
            date: 1957-10
            source: Missions
          - id: apollo-11-launched
            subject: apollo-11
            attribute: launched
            date: 1969-07
            ask: When (month and year) did {subject} carry the first people to the Moon?   # its own question
            source: Missions
          - id: voyager-1-launched
            subject: voyager-1
            attribute: launched
            date: 1977-09
            source: Missions
          - id: armstrong-quote
            subject: apollo-11
            attribute: quote
            passage: "That's one small step for {{c1::man}}, one giant leap for {{c2::mankind}}."
            source: Missions

        # Free-form cards, for what a fact cannot say: a question and answer, or a cloze.
        cards:
          - id: first-person-in-space
            question: Who was the first person in space?
            answer: Yuri Gagarin
            aliases: [Gagarin]
            source: Missions
          - id: light-year
            cloze: A light-year is a unit of {{c1::distance}}, not of time.
            source: Units
        """
}

/// The rule for ids in deck files (deck, entity, attribute, fact and card ids).
public enum DeckIdentifier {
    /// Whether `text` is a valid id: letters, digits, `-`, `_` and `.`, not empty.
    public static func isValid(_ text: String) -> Bool {
        YAMLReader.isIdentifier(text)
    }
}
