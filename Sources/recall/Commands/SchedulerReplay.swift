import ArgumentParser
import Foundation
import RecallCore

/// `recall scheduler replay`: schedule review logs read as JSON on stdin, write the cards as JSON.
struct SchedulerReplay: RecallCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay review logs (JSON on stdin) through FSRS-6 and print each card after each review.",
        discussion: """
            Input: {"parameters": [21 numbers], "desired_retention": 0.9, \
            "learning_steps_minutes": [1, 10], "relearning_steps_minutes": [10], \
            "maximum_interval": 36500, "enable_fuzzing": false, \
            "cards": [{"id": "c1", "reviews": [{"time": "2026-01-01T09:00:00Z", "rating": 3}]}]}

            Every field but "cards" is optional and defaults as in py-fsrs 6.3.2, except \
            "enable_fuzzing", which defaults to false so that results match py-fsrs exactly. \
            With fuzzing on, each review's fuzz is seeded from the card id and review time, so a \
            replay always gives the same answer. Ratings: 1 again, 2 hard, 3 good, 4 easy. \
            Times are ISO 8601 with a zone and must not go backwards within a card.

            Output: {"cards": [{"id": "c1", "results": [{"time", "rating", "retrievability" \
            (before the review; 0 when new), "state" (Learning, Review or Relearning), "step", \
            "stability", "difficulty", "due"}]}]}, one result per review in input order.
            """
    )

    func execute() throws {
        // In pieces of 256 KiB: a large answer is never whole in memory.
        try Replay.run(json: try Console.readStandardInput(), inPiecesOf: 1 << 18) { piece in
            try Console.writeStandardOutput(piece)
        }
    }
}
