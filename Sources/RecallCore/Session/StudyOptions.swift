public import Foundation

/// How a study session builds its queue and grades, with Anki's defaults.
public struct StudyOptions: Sendable, Hashable {
    /// New cards introduced per study day.
    public var newPerDay: Int
    /// Review cards per study day; a backlog beyond it is spread over the following days.
    public var reviewLimit: Int
    /// When a study day starts, and in which time zone.
    public var clock: StudyCalendar
    /// Lapses after which a card is tagged a leech and suspended.
    public var leechThreshold: Int
    /// How far ahead a learning card may be shown when nothing else is left.
    public var learnAhead: TimeInterval
    /// A correct answer slower than this suggests Hard.
    public var slowAnswer: TimeInterval
    /// An exam to prepare for: until then, `ExamPlanner` adds early reviews and brings new cards
    /// forward so that as much as possible is remembered on that day. Normal scheduling resumes after.
    public var exam: Date?
    /// Ask every card as typed recall instead of by memory strength (see `PresentationRule`).
    public var recallOnly: Bool

    public init(
        newPerDay: Int = 20, reviewLimit: Int = 200, clock: StudyCalendar = StudyCalendar(),
        leechThreshold: Int = 8, learnAhead: TimeInterval = 20 * 60, slowAnswer: TimeInterval = 20,
        exam: Date? = nil, recallOnly: Bool = false
    ) {
        self.newPerDay = max(0, newPerDay)
        self.reviewLimit = max(0, reviewLimit)
        self.clock = clock
        self.leechThreshold = max(1, leechThreshold)
        self.learnAhead = max(0, learnAhead)
        self.slowAnswer = slowAnswer
        self.exam = exam
        self.recallOnly = recallOnly
    }
}
