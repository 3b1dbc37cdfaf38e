import Foundation

extension StatsHistory {
    /// A card's phase followed through its reviews by `Scheduler.move`, from new.
    /// Compact (12 bytes), as the replay keeps one per card and reads it for every review.
    struct PhaseTrack {
        private var phase: CardState.Phase
        /// The step, -1 for none (steps count (re)learning steps: small).
        private var step: Int32
        /// Whether the card is in the Review phase (false before its first review).
        private(set) var isReviewPhase = false

        init() {
            let new = CardState.new(at: Date(timeIntervalSinceReferenceDate: 0))
            phase = new.phase
            step = new.step.map { Int32(clamping: $0) } ?? -1
        }

        mutating func answer(_ rating: Rating, scheduler: Scheduler) {
            let next = scheduler.move(from: phase, step: step < 0 ? nil : Int(step), rating: rating)
            phase = next.phase
            step = next.step.map { Int32(clamping: $0) } ?? -1
            isReviewPhase = phase == .review
        }
    }

    /// One review of a card whose log is out of time order.
    private struct Answer {
        var time: Double
        var rating: Rating
    }

    /// Replays the reviews of `cards` in log order. A card whose log is out of time order (it
    /// is rare) is replayed again afterwards in time order, ties in log order (the order replay
    /// uses), and its Review-phase counts corrected.
    static func replay(
        log: ReviewLog, covered: [Int32], cards: Range<Int>, calendar: StudyCalendar, scheduler: Scheduler
    ) -> (tallies: [CardTally], days: Days) {
        /// A card's tally and track, compact (40 bytes): one per card, read for every review.
        struct Replayed {
            var latest = -Double.infinity
            var reviews: Int32 = 0
            var again: Int32 = 0
            var reviewPhase: Int32 = 0
            var passed: Int32 = 0
            var track = PhaseTrack()
            var isDisordered = false

            var tally: CardTally {
                CardTally(
                    reviews: Int(reviews), again: Int(again), reviewPhase: Int(reviewPhase),
                    passed: Int(passed))
            }

            /// Counts a review (`reviews`: 1, or 0 to count only its Review-phase outcome).
            mutating func count(isReviewPhase: Bool, passed isPassed: Bool, reviews count: Int32 = 1) {
                reviews += count
                if !isPassed { again += count }
                if isReviewPhase {
                    reviewPhase += 1
                    if isPassed { passed += 1 }
                }
            }
        }
        var replayed = [Replayed](repeating: Replayed(), count: cards.count)
        var days = Days()
        var calendarDays = StudyDayCache(calendar: calendar)
        var disordered = 0
        replayed.withUnsafeMutableBufferPointer { replayed in
            log.entries.withUnsafeBufferPointer { entries in
                for entry in entries where !entry.isRemoved {
                    let card = Int(covered[Int(entry.card)])
                    guard cards.contains(card) else { continue }
                    let local = card - cards.lowerBound
                    let passed = entry.rating != .again
                    let isReviewPhase = replayed[local].track.isReviewPhase
                    replayed[local].count(isReviewPhase: isReviewPhase, passed: passed)
                    days.add(
                        DayTally(reviews: 1, isReviewPhase: isReviewPhase, passed: passed),
                        on: calendarDays.day(of: entry.reviewedAt))
                    replayed[local].track.answer(entry.rating, scheduler: scheduler)
                    if entry.time < replayed[local].latest {
                        if !replayed[local].isDisordered { disordered += 1 }
                        replayed[local].isDisordered = true
                    } else {
                        replayed[local].latest = entry.time
                    }
                }
            }
        }
        if disordered > 0 {
            // Their reviews in log order, then each card's Review-phase counts taken back and
            // counted again in time order (a stable sort keeps ties in log order).
            var answers: [Int: [Answer]] = [:]
            for entry in log.reviews {
                let card = Int(covered[Int(entry.card)])
                guard cards.contains(card), replayed[card - cards.lowerBound].isDisordered else { continue }
                answers[card - cards.lowerBound, default: []].append(
                    Answer(time: entry.time, rating: entry.rating))
            }
            for (index, inLogOrder) in answers {
                var track = PhaseTrack()
                for answer in inLogOrder {
                    let day = calendarDays.day(of: Date(timeIntervalSinceReferenceDate: answer.time))
                    var taken = DayTally(
                        reviews: 0, isReviewPhase: track.isReviewPhase, passed: answer.rating != .again)
                    taken.negate()
                    days.add(taken, on: day)
                    track.answer(answer.rating, scheduler: scheduler)
                }
                replayed[index].reviewPhase = 0
                replayed[index].passed = 0
                track = PhaseTrack()
                for answer in Self.timeOrdered(inLogOrder) {
                    let day = calendarDays.day(of: Date(timeIntervalSinceReferenceDate: answer.time))
                    let passed = answer.rating != .again
                    days.add(
                        DayTally(reviews: 0, isReviewPhase: track.isReviewPhase, passed: passed), on: day)
                    replayed[index].count(isReviewPhase: track.isReviewPhase, passed: passed, reviews: 0)
                    track.answer(answer.rating, scheduler: scheduler)
                }
            }
        }
        return (replayed.map(\.tally), days)
    }

    /// `answers` (in log order) by time, ties kept in log order.
    private static func timeOrdered(_ answers: [Answer]) -> [Answer] {
        answers.enumerated().sorted { lhs, rhs in
            lhs.element.time != rhs.element.time
                ? lhs.element.time < rhs.element.time : lhs.offset < rhs.offset
        }.map(\.element)
    }

}
