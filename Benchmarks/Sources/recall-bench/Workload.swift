import Foundation
import RecallCore

/// The scheduling workload shared with `Benchmarks/py/fsrs_throughput.py`: every card is reviewed
/// on its due date, ratings follow a fixed pattern, fuzzing is off. Both print the same checksum.
struct Workload {
    static let start = Date(timeIntervalSince1970: 1_767_258_000)  // 2026-01-01T09:00:00Z

    var cards = 10_000
    var reviewsPerCard = 20

    var reviews: Int { cards * reviewsPerCard }

    /// Rating for card `card`, review `review`: 10 % Again, 10 % Hard, 60 % Good, 20 % Easy.
    static func rating(card: Int, review: Int) -> Rating {
        switch (card &* 7 &+ review &* 13) % 10 {
        case 0: .again
        case 1: .hard
        case 8, 9: .easy
        default: .good
        }
    }
}
