import Foundation

/// The training loss with its gradient propagated analytically (as fsrs-rs's analytic.rs does),
/// the fast path the optimizer uses.
///
/// A card's state is two numbers, stability and difficulty, so their derivatives with respect to
/// the 21 parameters are carried along as two vectors, updated at each review with the formulas'
/// partial derivatives: d(S')/dw = ∂S'/∂S · dS/dw + ∂S'/∂D · dD/dw + ∂S'/∂w. Most parameters enter
/// a step directly in only a few places, so a step costs a few vector operations instead of the
/// thirty-odd full dual-number operations of `TrainingModel<Dual>`, which stays as the reference
/// the tests compare this with (and finite differences check both).
struct AnalyticGradient {
    typealias Vector = DualGradient

    let w: [Double]
    private let decay: Double
    private let factor: Double
    /// d(factor)/d(decay).
    private let factorSlope: Double
    private let easyInitialDifficulty: Double
    /// d(easyInitialDifficulty)/d(w5), per review otherwise.
    private let easyInitialDifficultySlope: Double
    private let shortTermForgetDivisor: Double
    private let recallScale: Double
    private let shortTermScale: [Double]

    init(_ w: [Double]) {
        self.w = w
        decay = -w[20]
        let power = pow(0.9, 1 / decay)
        factor = power - 1
        factorSlope = power * log(0.9) * (-1 / (decay * decay))
        easyInitialDifficulty = w[4] - exp(3 * w[5]) + 1
        easyInitialDifficultySlope = -3 * exp(3 * w[5])
        shortTermForgetDivisor = exp(w[17] * w[18])
        recallScale = exp(w[8])
        shortTermScale = (1...4).map { exp(w[17] * (w[18] + Double($0 - 3))) }
    }

    @inline(__always) private static func unit(_ index: Int, _ value: Double) -> Vector {
        var vector = Vector.zero
        vector[index] = value
        return vector
    }

    /// The summed weighted log loss of `items` (sorted by card, then review) and its gradient.
    func loss(set: TrainingSet, items: ArraySlice<TrainingSet.Item>) -> (Double, Vector) {
        set.flatRatings.withUnsafeBufferPointer { ratings in
            set.flatElapsedDays.withUnsafeBufferPointer { elapsedDays in
                set.flatWeights.withUnsafeBufferPointer { weights in
                    set.reviewStart.withUnsafeBufferPointer { reviewStart in
                        items.withUnsafeBufferPointer { items in
                            loss(
                                items: items, reviewStart: reviewStart, ratings: ratings,
                                elapsedDays: elapsedDays, weights: weights)
                        }
                    }
                }
            }
        }
    }

    private func loss(
        items: UnsafeBufferPointer<TrainingSet.Item>, reviewStart: UnsafeBufferPointer<Int>,
        ratings: UnsafeBufferPointer<UInt8>, elapsedDays: UnsafeBufferPointer<Int32>,
        weights: UnsafeBufferPointer<Double>
    ) -> (Double, Vector) {
        var loss = 0.0
        var gradient = Vector.zero
        var position = 0
        while position < items.count {
            let cardIndex = Int(items[position].card)
            let first = reviewStart[cardIndex]
            var (s, gS, d, gD) = initialState(rating: Int(ratings[first]))
            var review = 1
            while position < items.count && Int(items[position].card) == cardIndex {
                let target = Int(items[position].review)
                while review < target {
                    (s, gS, d, gD) = next(
                        s, gS, d, gD, elapsedDays: Int(elapsedDays[first + review]),
                        rating: Int(ratings[first + review]))
                    review += 1
                }
                let (r, rS, rW20) = retrievability(
                    elapsedDays: Int(elapsedDays[first + target]), stability: s)
                let weight = weights[first + target]
                let recalled = ratings[first + target] > 1
                let p = min(max(r, Loss.minimumProbability), Loss.maximumProbability)
                loss -= weight * (recalled ? log(p) : log(1 - p))
                if p == r {
                    let slope = -weight * (recalled ? 1 / p : -1 / (1 - p))
                    gradient = gradient + gS * (slope * rS)
                    gradient[20] += slope * rW20
                }
                position += 1
            }
        }
        return (loss, gradient)
    }

    @inline(__always) private func initialState(rating: Int) -> (Double, Vector, Double, Vector) {
        let s = w[rating - 1]
        let stability = min(
            max(s, TrainingModel<Double>.minimumStability), TrainingModel<Double>.maximumStability)
        let gS = stability == s ? Self.unit(rating - 1, 1) : .zero
        let growth = exp(w[5] * Double(rating - 1))
        let d = w[4] - growth + 1
        let difficulty = min(max(d, 1), 10)
        var gD = Vector.zero
        if difficulty == d {
            gD[4] = 1
            gD[5] = -Double(rating - 1) * growth
        }
        return (stability, gS, difficulty, gD)
    }

    /// R at `elapsedDays`, ∂R/∂S and ∂R/∂w20.
    @inline(__always) private func retrievability(elapsedDays: Int, stability s: Double) -> (
        Double, Double, Double
    ) {
        let t = Double(elapsedDays)
        let base = factor * t / s + 1
        // base^decay through the logarithm the derivative needs anyway: one log and one exp
        // instead of pow and log.
        let logBase = log(base)
        let r = exp(decay * logBase)
        let slope = decay * r / base  // d(base^c)/d(base)
        let rS = slope * (-factor * t / (s * s))
        let rDecay = r * logBase + slope * (t / s) * factorSlope
        return (r, rS, -rDecay)
    }

    @inline(__always) private func next(
        _ s: Double, _ gS: Vector, _ d: Double, _ gD: Vector, elapsedDays: Int, rating: Int
    ) -> (Double, Vector, Double, Vector) {
        var newS: Double
        var newGS: Vector
        if elapsedDays <= 0 {
            let scale = shortTermScale[rating - 1]
            let logS = log(s)
            let increase = scale * exp(-w[19] * logS)
            if rating >= 2 && increase < 1 {
                (newS, newGS) = (s, gS)
            } else {
                newS = s * increase
                newGS = gS * ((1 - w[19]) * increase)
                newGS[17] += newS * (Double(rating - 3) + w[18])
                newGS[18] += newS * w[17]
                newGS[19] += -newS * logS
            }
        } else {
            let (r, rS, rW20) = retrievability(elapsedDays: elapsedDays, stability: s)
            if rating == 1 {
                (newS, newGS) = forget(s, gS, d, gD, r: r, rS: rS, rW20: rW20)
            } else {
                (newS, newGS) = recall(s, gS, d, gD, r: r, rS: rS, rW20: rW20, rating: rating)
            }
        }
        let clampedS = min(
            max(newS, TrainingModel<Double>.minimumStability), TrainingModel<Double>.maximumStability)
        if clampedS != newS { newGS = .zero }

        let step = -w[6] * Double(rating - 3) / 9
        let damped = d + (10 - d) * step
        let reverted = w[7] * (easyInitialDifficulty - damped) + damped
        let clampedD = min(max(reverted, 1), 10)
        var newGD = Vector.zero
        if clampedD == reverted {
            newGD = gD * ((1 - w[7]) * (1 - step))
            newGD[6] += (1 - w[7]) * (10 - d) * (-Double(rating - 3) / 9)
            newGD[7] += easyInitialDifficulty - damped
            newGD[4] += w[7]
            newGD[5] += w[7] * easyInitialDifficultySlope
        }
        return (clampedS, newGS, clampedD, newGD)
    }

    @inline(__always) private func forget(
        _ s: Double, _ gS: Vector, _ d: Double, _ gD: Vector, r: Double, rS: Double, rW20: Double
    ) -> (Double, Vector) {
        let logD = log(d)
        let logS1 = log(s + 1)
        let dPower = exp(-w[12] * logD)
        let sPower = exp(w[13] * logS1)
        let boost = exp((1 - r) * w[14])
        let longTerm = w[11] * dPower * (sPower - 1) * boost
        let shortTerm = s / shortTermForgetDivisor
        if shortTerm < longTerm {
            var gradient = gS * (1 / shortTermForgetDivisor)
            gradient[17] += -shortTerm * w[18]
            gradient[18] += -shortTerm * w[17]
            return (shortTerm, gradient)
        }
        let bySDirect = w[11] * dPower * boost * w[13] * sPower / (s + 1)
        let byR = longTerm * -w[14]
        let byD = longTerm * (-w[12] / d)
        var gradient = gS * (bySDirect + byR * rS) + gD * byD
        gradient[20] += byR * rW20
        gradient[11] += dPower * (sPower - 1) * boost
        gradient[12] += longTerm * -logD
        gradient[13] += w[11] * dPower * boost * sPower * logS1
        gradient[14] += longTerm * (1 - r)
        return (longTerm, gradient)
    }

    @inline(__always) private func recall(
        _ s: Double, _ gS: Vector, _ d: Double, _ gD: Vector, r: Double, rS: Double, rW20: Double, rating: Int
    ) -> (Double, Vector) {
        let hard = rating == 2 ? w[15] : 1
        let easy = rating == 4 ? w[16] : 1
        let logS = log(s)
        let sPower = exp(-w[9] * logS)
        let boost = exp((1 - r) * w[10])
        let core = recallScale * (11 - d) * sPower * (boost - 1)
        let growth = core * hard * easy
        let newS = s * (growth + 1)
        let bySDirect = 1 + growth * (1 - w[9])
        let byR = s * recallScale * (11 - d) * sPower * hard * easy * boost * -w[10]
        let byD = -s * recallScale * sPower * (boost - 1) * hard * easy
        var gradient = gS * (bySDirect + byR * rS) + gD * byD
        gradient[20] += byR * rW20
        gradient[8] += s * growth
        gradient[9] += s * growth * -logS
        gradient[10] += s * recallScale * (11 - d) * sPower * hard * easy * boost * (1 - r)
        if rating == 2 { gradient[15] += s * core * easy }
        if rating == 4 { gradient[16] += s * core * hard }
        return (newS, gradient)
    }
}
