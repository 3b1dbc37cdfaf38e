import Foundation

/// fsrs-rs's pretraining of the initial stabilities w0…w3 from first ratings
/// (parameter_initialization.rs, §8 of fsrs6.md).
enum Pretrain {
    static let defaultDecay = 0.1542

    /// Per first rating, the stability that best fits how often cards rated that way were
    /// recalled at their first long-term review; and how many such cards each rating has.
    static func initialStabilities(
        cards: [TrainingSet.Card], averageRecall: Double
    ) -> (stabilities: [Int: Double], counts: [Int: Int]) {
        // rating → elapsed days → (count, recalled)
        var groups: [Int: [Int32: (count: Double, recalled: Double)]] = [:]
        for card in cards {
            guard let index = card.firstLongTermIndex else { continue }
            let rating = Int(card.ratings[0])
            var group = groups[rating, default: [:]][card.elapsedDays[index], default: (0, 0)]
            group.count += 1
            group.recalled += card.ratings[index] > 1 ? 1 : 0
            groups[rating, default: [:]][card.elapsedDays[index]] = group
        }
        var stabilities: [Int: Double] = [:]
        var counts: [Int: Int] = [:]
        for (rating, byDays) in groups {
            let data = byDays.sorted { $0.key < $1.key }.map { days, group in
                (
                    days: Double(days),
                    recall: (group.recalled + averageRecall) / (group.count + 1),
                    count: group.count
                )
            }
            counts[rating] = Int(data.reduce(0) { $0 + $1.count })
            let initial = SchedulerSettings.defaultParameters[rating - 1]
            func loss(_ stability: Double) -> Double {
                var total = 0.0
                for point in data {
                    let predicted = min(
                        max(pow(1 + factor * point.days / stability, -defaultDecay), 1e-4), 1 - 1e-4)
                    total -=
                        (point.recall * log(predicted) + (1 - point.recall) * log(1 - predicted))
                        * point.count
                }
                return total + abs(stability - initial) / 16
            }
            var low = 0.001
            var high = 100.0
            var iterations = 0
            while high - low > 1e-10 && iterations < 1000 {
                iterations += 1
                let third1 = low + (high - low) / 3
                let third2 = high - (high - low) / 3
                if loss(third1) < loss(third2) { high = third2 } else { low = third1 }
            }
            stabilities[rating] = (low + high) / 2
        }
        return (stabilities, counts)
    }

    private static let factor = pow(0.9, -1 / defaultDecay) - 1

    /// fsrs-rs `smooth_and_fill`: makes S0 non-decreasing in the rating (the better-supported
    /// value wins) and fills ratings without data by power-law interpolation,
    /// log S0(2) = w1·log S0(1) + (1-w1)·log S0(3) and log S0(3) = (1-w2)·log S0(2) + w2·log S0(4).
    /// Returns nil when no rating has data.
    static func smoothAndFill(_ input: [Int: Double], counts: [Int: Int]) -> [Double]? {
        var stabilities = input.filter { counts[$0.key] != nil }
        for (small, big) in [(1, 2), (2, 3), (3, 4), (1, 3), (2, 4), (1, 4)] {
            guard let smallValue = stabilities[small], let bigValue = stabilities[big], smallValue > bigValue
            else { continue }
            if counts[small, default: 0] > counts[big, default: 0] {
                stabilities[big] = smallValue
            } else {
                stabilities[small] = bigValue
            }
        }
        let w1 = 0.41
        let w2 = 0.54
        let defaults = Array(SchedulerSettings.defaultParameters[0..<4])
        var logs: [Double?] = (1...4).map { stabilities[$0].map { log($0) } }
        switch stabilities.count {
        case 0:
            return nil
        case 1:
            guard let (rating, value) = stabilities.first else { return nil }
            let scale = value / defaults[rating - 1]
            return clampedS0(defaults.map { $0 * scale })
        default:
            // Solve the two interpolation equations for the missing logarithms; with three known
            // values one equation suffices, with two both are needed (a 2×2 linear system).
            for _ in 0..<2 {
                if logs[1] == nil, let l0 = logs[0], let l2 = logs[2] {
                    logs[1] = w1 * l0 + (1 - w1) * l2
                }
                if logs[0] == nil, let l1 = logs[1], let l2 = logs[2] {
                    logs[0] = (l1 - (1 - w1) * l2) / w1
                }
                if logs[2] == nil, let l1 = logs[1], let l3 = logs[3] {
                    logs[2] = (1 - w2) * l1 + w2 * l3
                }
                if logs[3] == nil, let l1 = logs[1], let l2 = logs[2] {
                    logs[3] = (l2 - (1 - w2) * l1) / w2
                }
            }
            if logs[1] == nil, logs[2] == nil, let l0 = logs[0], let l3 = logs[3] {
                // l1 = w1·l0 + (1-w1)·l2 and l2 = (1-w2)·l1 + w2·l3.
                let l1 = (w1 * l0 + (1 - w1) * w2 * l3) / (1 - (1 - w1) * (1 - w2))
                logs[1] = l1
                logs[2] = (1 - w2) * l1 + w2 * l3
            }
            if logs[1] == nil, logs[3] == nil, let l0 = logs[0], let l2 = logs[2] {
                let l1 = w1 * l0 + (1 - w1) * l2
                logs[1] = l1
                logs[3] = (l2 - (1 - w2) * l1) / w2
            }
            if logs[0] == nil, logs[2] == nil, let l1 = logs[1], let l3 = logs[3] {
                let l2 = (1 - w2) * l1 + w2 * l3
                logs[2] = l2
                logs[0] = (l1 - (1 - w1) * l2) / w1
            }
            if logs[2] == nil, logs[3] == nil, let l0 = logs[0], let l1 = logs[1] {
                let l2 = (l1 - w1 * l0) / (1 - w1)
                logs[2] = l2
                logs[3] = (l2 - (1 - w2) * l1) / w2
            }
            if logs[0] == nil, logs[1] == nil, let l2 = logs[2], let l3 = logs[3] {
                let l1 = (l2 - w2 * l3) / (1 - w2)
                logs[1] = l1
                logs[0] = (l1 - (1 - w1) * l2) / w1
            }
            let values = logs.compactMap { $0.map { exp($0) } }
            guard values.count == 4 else { return nil }
            return clampedS0(values)
        }
    }

    private static func clampedS0(_ values: [Double]) -> [Double] {
        values.map { $0.isFinite ? min(max($0, 0.001), 100) : 0.001 }
    }
}
