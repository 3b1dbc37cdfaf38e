public import Foundation

/// A card's memory and scheduling state, as py-fsrs 6.3.2 keeps it (`fsrs.Card`).
///
/// A card never reviewed is `learning` at step 0 with no stability or difficulty; there is no
/// separate "new" state, exactly as in the reference.
public struct CardState: Sendable, Hashable, Codable {
    /// The scheduling phase of a card.
    public enum Phase: String, Sendable, Hashable, Codable {
        case learning = "Learning"
        case review = "Review"
        case relearning = "Relearning"
    }

    public var phase: Phase
    /// Index into the learning or relearning steps; `nil` in review.
    public var step: Int?
    /// FSRS stability in days; `nil` before the first review.
    public var stability: Double?
    /// FSRS difficulty from 1 to 10; `nil` before the first review.
    public var difficulty: Double?
    /// When the card is next due.
    public var due: Date
    /// When the card was last reviewed; `nil` before the first review.
    public var lastReview: Date?

    public init(
        phase: Phase = .learning, step: Int? = 0, stability: Double? = nil, difficulty: Double? = nil,
        due: Date, lastReview: Date? = nil
    ) {
        self.phase = phase
        self.step = step
        self.stability = stability
        self.difficulty = difficulty
        self.due = due
        self.lastReview = lastReview
    }

    /// A card that has never been reviewed, due at `now`.
    public static func new(at now: Date) -> CardState {
        CardState(due: now)
    }

    /// A card given a due date before it was ever answered (Anki's "Set due date" on a new card):
    /// a review card with no memory state yet, due at `due`. Its first answer starts the memory
    /// state from that rating's initial values, as Anki's FSRS answers a review card without one.
    public static func scheduledWithoutMemory(due: Date) -> CardState {
        CardState(phase: .review, step: nil, due: due)
    }

    /// Whether the card has never been reviewed and is not scheduled as a review card either.
    public var isNew: Bool { lastReview == nil && phase != .review }

    /// The card with its due date set by hand (`DueChange`): a card that has been answered keeps
    /// its phase and memory state and moves; a new card becomes `scheduledWithoutMemory`.
    public func moved(to due: Date) -> CardState {
        guard !isNew else { return .scheduledWithoutMemory(due: due) }
        var moved = self
        moved.due = due
        return moved
    }
}

extension CardState {
    /// The keys a state is read with: the progress files write `last_review` since schema
    /// version 2; older files, replay requests and other JSON say `lastReview`.
    private enum ReadingKeys: String, CodingKey {
        case phase, step, stability, difficulty, due, lastReview, snakeLastReview = "last_review"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ReadingKeys.self)
        self.init(
            phase: try container.decode(Phase.self, forKey: .phase),
            step: try container.decodeIfPresent(Int.self, forKey: .step),
            stability: try container.decodeIfPresent(Double.self, forKey: .stability),
            difficulty: try container.decodeIfPresent(Double.self, forKey: .difficulty),
            due: try container.decode(Date.self, forKey: .due),
            lastReview: try container.decodeIfPresent(Date.self, forKey: .snakeLastReview)
                ?? container.decodeIfPresent(Date.self, forKey: .lastReview))
    }
}
