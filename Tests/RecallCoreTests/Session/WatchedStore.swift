import Foundation
import Testing

@testable import RecallCore

/// An in-memory store that counts the log questions asked of it (a day's reviews, first reviews,
/// last wrong answers) and records an issue if one is asked while `answering` is set. With
/// `hidingLog`, its profile shows no reviews, so only those indexed questions can see the log.
final class WatchedStore: ProfileStoring {
    let inner: InMemoryProfileStore
    let hidesLog: Bool
    var answering = false
    private(set) var logQuestions = 0

    init(_ profile: Profile, hidingLog: Bool = false) {
        inner = InMemoryProfileStore(profile: profile)
        hidesLog = hidingLog
    }

    var profile: Profile {
        guard hidesLog else { return inner.profile }
        var shown = inner.profile
        shown.reviews = []
        return shown
    }
    var changeCount: Int { inner.changeCount }

    private func asked(_ what: String) {
        logQuestions += 1
        if answering { Issue.record("the log was read (\(what)) while answering") }
    }

    @discardableResult
    func record(_ review: Review, using scheduler: some CardScheduling) throws(ProgressError) -> CardState {
        try inner.record(review, using: scheduler)
    }
    func undo(_ reviewID: String, restoring previous: CardState?) throws(ProgressError) {
        try inner.undo(reviewID, restoring: previous)
    }
    func replaceLastReview(with review: Review, newState: CardState, flags: CardFlags) throws(ProgressError) {
        try inner.replaceLastReview(with: review, newState: newState, flags: flags)
    }
    func setFlags(_ flags: CardFlags, for cardID: String) throws(ProgressError) {
        try inner.setFlags(flags, for: cardID)
    }
    func updateSettings(_ settings: SchedulerSettings) throws(ProgressError) {
        try inner.updateSettings(settings)
    }
    func reviews(from start: Date, to end: Date) -> [Review] {
        asked("reviews(from:to:)")
        return inner.reviews(from: start, to: end)
    }
    func firstReviewDate(of cardID: String) -> Date? {
        asked("firstReviewDate")
        return inner.firstReviewDate(of: cardID)
    }
    func lastWrongAnswerTimes() -> [String: Date] {
        asked("lastWrongAnswerTimes")
        return inner.lastWrongAnswerTimes()
    }
    func activeDays(calendar: StudyCalendar) -> Set<Int> {
        asked("activeDays")
        return inner.activeDays(calendar: calendar)
    }
    func loadWholeLog() throws(ProgressError) {
        if answering { Issue.record("the whole log was loaded while answering") }
    }
    func finish() throws(ProgressError) { try inner.finish() }
    func close() {}
}
