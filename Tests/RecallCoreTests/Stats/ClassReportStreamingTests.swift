import Foundation
import Testing

@testable import RecallCore

/// The streaming class report reads one learner at a time per worker and merges in learner order,
/// so it gives the report of all profiles at once, whatever the number of workers.
@Suite struct ClassReportStreamingTests {
    struct Unreadable: Error {}

    /// Learners answering a few shared cards, with wrong answers spelled differently.
    static func learners(_ count: Int) throws -> [(name: String, profile: Profile)] {
        var rng = SplitMix64(seed: 99)
        let spellings = ["Minsk", "minsk", "Minsk ", "Kyiv", "Riga", ""]
        return try (0..<count).map { index in
            let answers = (0..<(5 + index % 7)).map { _ -> (String, Rating, String) in
                let card = "d:\(rng.next() % 6)"
                let wrong = rng.next() % 3 == 0
                return (card, wrong ? .again : .good, wrong ? spellings[Int(rng.next() % 6)] : "Paris")
            }
            return ("learner-\(index)", try ClassReportTests.profile("learner-\(index)", answers))
        }
    }

    @Test(arguments: [1, 2, 5])
    func streamingGivesTheReportOfAllProfilesAtOnce(workers: Int) throws {
        let all = try Self.learners(23)
        let expected = ClassReport(profiles: all, top: 6)
        let (report, failures) = ClassReport.streaming(learners: all.count, top: 6, workers: workers) {
            (all[$0].name, StreamedProfile(all[$0].profile, keepsWrongAnswers: true))
        }
        #expect(failures.isEmpty)
        #expect(report == expected)
        #expect(report.learners.map(\.name) == all.map(\.name))
    }

    @Test func anUnreadableLearnerIsLeftOutAndNamedInOrder() throws {
        let all = try Self.learners(9)
        let (report, failures) = ClassReport.streaming(learners: all.count, workers: 3) { index in
            if index == 2 || index == 6 { throw Unreadable() }
            return (all[index].name, StreamedProfile(all[index].profile, keepsWrongAnswers: true))
        }
        #expect(failures.map(\.index) == [2, 6])
        let kept = all.enumerated().filter { $0.offset != 2 && $0.offset != 6 }.map(\.element)
        #expect(report == ClassReport(profiles: kept))
    }
}
