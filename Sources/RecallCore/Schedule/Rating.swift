/// How well the learner recalled a card, as FSRS and Anki number it.
public enum Rating: Int, Sendable, Hashable, Codable, CaseIterable {
    case again = 1
    case hard = 2
    case good = 3
    case easy = 4
}
