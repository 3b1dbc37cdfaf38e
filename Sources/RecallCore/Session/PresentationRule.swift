/// How the session asks a card, by the learner's memory of it (progressive testing, as Memrise
/// and Duolingo do it, with FSRS underneath), and what a right answer in an easy form is worth.
///
/// - A new card is introduced (its fact and source shown first), then asked as multiple choice.
/// - A card in its learning or relearning steps (new or lapsed), or a review card whose stability
///   is below `recognitionBelow` days (weak), is asked as recognition: multiple choice.
/// - A card the learner holds (a review card of at least that stability) is asked as typed recall.
/// - With `recallOnly` (the `--recall-only` flag or the `recall_only` setting) every card is asked
///   as typed recall, as Anki does.
///
/// A card without the wanted presentation is asked in the form it has (recall first). True/false
/// is never picked here: it is for quizzes and for facts that are naturally yes or no.
public enum PresentationRule {
    /// Review cards less stable than this many days are still asked as recognition.
    public static let recognitionBelow = 4.0

    /// The presentation to ask `card` in, given its state (nil for a new card).
    public static func style(for card: Card, state: CardState?, recallOnly: Bool) -> Card.Presentation.Style {
        let wanted: Card.Presentation.Style = recallOnly || isHeld(state) ? .recall : .choose
        let styles = card.styles
        if styles.contains(wanted) { return wanted }
        if styles.contains(.recall) { return .recall }
        return styles.first ?? .recall
    }

    /// Whether the learner holds the card: graduated and at least `recognitionBelow` days stable.
    public static func isHeld(_ state: CardState?) -> Bool {
        guard let state, state.phase == .review else { return false }
        return (state.stability ?? 0) >= recognitionBelow
    }

    /// The rating a right answer suggests in `style`, given what typed recall would suggest.
    ///
    /// Recognition is weaker evidence than recall: picking the right option (or judging a
    /// statement) shows the learner knows the fact when they see it, not that they can produce
    /// it. So a right answer in an easy form suggests Hard, never Good or Easy, once the card has
    /// graduated; in its learning steps it suggests Good, so that a new card can graduate on
    /// recognition and then earn recall. Wrong is Again in every form.
    public static func rating(
        recall suggested: Rating, style: Card.Presentation.Style, state: CardState?
    ) -> Rating {
        guard suggested != .again else { return .again }
        switch style {
        case .recall: return suggested
        case .choose, .trueFalse:
            let inSteps = state == nil || state?.phase == .learning || state?.phase == .relearning
            return inSteps ? .good : .hard
        }
    }

    /// `new · choose`, `review · recall`: what the study screen shows above the card.
    public static func label(state: CardState?, style: Card.Presentation.Style) -> String {
        let phase =
            switch state?.phase {
            case nil: "new"
            case .learning: "learning"
            case .relearning: "relearning"
            case .review: "review"
            }
        return "\(phase) · \(style.rawValue)"
    }
}
