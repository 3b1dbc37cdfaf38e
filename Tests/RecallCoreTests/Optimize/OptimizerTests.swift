import Foundation
import RecallTestSupport
import Testing

@testable import RecallCore

/// Simulated histories shared by the optimizer tests (simulated once per process).
enum SimulatedHistories {
    /// One learner with drawn true parameters: about 4,000 reviews over 120 days.
    static let learner: Simulator.Learner? = {
        var options = Simulator.Options()
        options.days = 120
        options.newCardsPerDay = 8
        options.seed = 7
        return try? Simulator(options: options).run().first
    }()
}

@Suite struct OptimizerTests {
    func learner() throws -> Simulator.Learner {
        try #require(SimulatedHistories.learner)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func gradientsMatchFiniteDifferences(seed: UInt64) throws {
        let learner = try learner()
        let set = TrainingSet(cards: Array(TrainingSet.cards(from: learner.history).prefix(60)))
        var rng = SplitMix64(seed: seed)
        let point = Simulator.drawParameters(using: &rng)
        let cards = Array(set.cards.indices)
        let (_, gradient) = Loss.lossAndGradient(point, set: set, cards: cards)
        for index in 0..<FSRS.parameterCount {
            let step = 1e-6 * max(abs(point[index]), 0.1)
            var up = point
            var down = point
            up[index] += step
            down[index] -= step
            let numeric =
                (Loss.loss(up, set: set, cards: cards) - Loss.loss(down, set: set, cards: cards)) / (2 * step)
            let tolerance = 1e-4 * max(abs(numeric), 1)
            #expect(
                abs(gradient[index] - numeric) <= tolerance,
                "w\(index): analytic \(gradient[index]), finite difference \(numeric)")
        }
    }

    @Test(arguments: [0, 5, 6, 7] as [UInt64])
    func analyticGradientsEqualDualNumbersAndFiniteDifferences(seed: UInt64) throws {
        let set = TrainingSet(cards: Array(TrainingSet.cards(from: try learner().history).prefix(150)))
        var rng = SplitMix64(seed: seed)
        let point = seed == 0 ? SchedulerSettings.defaultParameters : Simulator.drawParameters(using: &rng)
        var items = set.items
        items.sort { ($0.card, $0.review) < ($1.card, $1.review) }
        let (analyticLoss, analytic) = Loss.lossAndGradient(point, set: set, items: items[...])
        let (dualLoss, dual) = Loss.lossAndGradient(point, set: set, items: items[...], analytic: false)
        #expect(abs(analyticLoss - dualLoss) <= 1e-9 * dualLoss)
        for index in 0..<FSRS.parameterCount {
            #expect(
                abs(analytic[index] - dual[index]) <= 1e-7 * max(abs(dual[index]), 1),
                "w\(index): analytic \(analytic[index]), dual \(dual[index])")
            let step = 1e-6 * max(abs(point[index]), 0.1)
            var up = point
            var down = point
            up[index] += step
            down[index] -= step
            let numeric =
                (Loss.lossAndGradient(up, set: set, items: items[...]).loss
                    - Loss.lossAndGradient(down, set: set, items: items[...]).loss) / (2 * step)
            #expect(
                abs(analytic[index] - numeric) <= 1e-4 * max(abs(numeric), 1),
                "w\(index): analytic \(analytic[index]), finite difference \(numeric)")
        }
    }

    @Test func parallelGradientEqualsSerial() throws {
        let set = TrainingSet(cards: TrainingSet.cards(from: try learner().history))
        let parameters = SchedulerSettings.defaultParameters
        let all = Array(set.cards.indices)
        let (serialLoss, serialGradient) = Loss.lossAndGradient(parameters, set: set, cards: all)
        let (loss, gradient) = Loss.lossAndGradient(parameters, set: set, cards: all[...])
        #expect(abs(loss - serialLoss) <= 1e-9 * abs(serialLoss))
        for index in 0..<FSRS.parameterCount {
            #expect(abs(gradient[index] - serialGradient[index]) <= 1e-9 * max(abs(serialGradient[index]), 1))
        }
    }

    @Test func batchesOfItemsAddUpToTheLossOverWholeCards() throws {
        let set = TrainingSet(cards: TrainingSet.cards(from: try learner().history))
        let parameters = SchedulerSettings.defaultParameters
        let batches = FSRSOptimizer().batches(of: set)
        #expect(batches.reduce(0) { $0 + $1.count } == set.itemCount)
        #expect(batches.dropLast().allSatisfy { $0.count == 512 })
        let (cardLoss, cardGradient) = Loss.lossAndGradient(
            parameters, set: set, cards: Array(set.cards.indices))
        var itemLoss = 0.0
        var itemGradient = [Double](repeating: 0, count: FSRS.parameterCount)
        for batch in batches {
            let (loss, gradient) = Loss.lossAndGradient(parameters, set: set, items: batch)
            itemLoss += loss
            for index in itemGradient.indices { itemGradient[index] += gradient[index] }
        }
        #expect(abs(itemLoss - cardLoss) <= 1e-9 * cardLoss)
        for index in itemGradient.indices {
            #expect(abs(itemGradient[index] - cardGradient[index]) <= 1e-8 * max(abs(cardGradient[index]), 1))
        }
    }

    @Test func clippingKeepsEveryParameterWithinFSRSRsBounds() throws {
        let wild = [-5.0, 1e9, .nan, 0, 0, 9, 9, 9, -1, 2, 9, 9, 9, 9, 9, 9, 0, 9, 9, 0, 0]
        let clipped = ParameterClipper.clip(wild)
        for (index, value) in clipped.enumerated() {
            #expect(
                ParameterClipper.lowerBounds[index] <= value && value <= ParameterClipper.upperBounds[index])
        }
        #expect(throws: Never.self) { try FSRS(parameters: clipped) }
    }

    @Test func fittingRecoversTheTrueModel() throws {
        let learner = try learner()
        #expect(learner.history.reviewCount > 2000)
        let result = try FSRSOptimizer().fit(learner.history)
        #expect(result.outcome == .fitted)
        for (index, value) in result.parameters.enumerated() {
            #expect(
                ParameterClipper.lowerBounds[index] <= value && value <= ParameterClipper.upperBounds[index])
        }
        let truth = Evaluation.evaluate(
            learner.trueParameters, on: TrainingSet(cards: TrainingSet.cards(from: learner.history)))
        #expect(result.fittedEvaluation.logLoss <= truth.logLoss * 1.01)
        #expect(result.fittedEvaluation.logLoss < result.defaultEvaluation.logLoss)
    }

    @Test func fittingIsDeterministic() throws {
        let history = try learner().history
        var options = FSRSOptimizer.Options()
        options.epochs = 1
        let first = try FSRSOptimizer(options: options).fit(history)
        let second = try FSRSOptimizer(options: options).fit(history)
        #expect(first.parameters == second.parameters)
    }

    @Test func aFewReviewsKeepTheDefaults() throws {
        let history = ReviewHistory(cards: Array(try learner().history.cards.prefix(20)))
        let result = try FSRSOptimizer().fit(history)
        #expect(result.outcome == .notEnoughReviews(minimum: 400))
        #expect(result.parameters == SchedulerSettings.defaultParameters)
    }

    @Test func cancellingStopsBetweenSteps() throws {
        let flag = CancellationFlag()
        var steps = 0
        #expect(throws: OptimizerError.cancelled) {
            _ = try FSRSOptimizer().fit(try learner().history, cancellation: flag) { progress in
                steps = progress.step
                if progress.step == 2 { flag.cancel() }
            }
        }
        #expect(steps == 2)
    }

    @Test func smoothingMakesInitialStabilitiesMonotoneAndFillsGaps() throws {
        let filled = try #require(Pretrain.smoothAndFill([1: 0.5, 3: 4.0], counts: [1: 10, 3: 30]))
        #expect(filled.count == 4)
        #expect(filled[0] == 0.5 && abs(filled[2] - 4.0) < 1e-12)
        #expect(filled[0] < filled[1] && filled[1] < filled[2] && filled[2] < filled[3])
        let swapped = try #require(
            Pretrain.smoothAndFill([1: 5, 2: 1, 3: 6, 4: 9], counts: [1: 3, 2: 50, 3: 9, 4: 9]))
        #expect(swapped[0] == 1)
    }
}

@Suite struct OptimizeProfileTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    @Test func interruptingLeavesTheStoredProfileUnchanged() throws {
        let learner = try #require(SimulatedHistories.learner)
        let store = try ProgressStore.open(profile: "learner", in: folder.url)
        try store.merge(learner.profile, using: try ReplayScheduler.make(settings: store.profile.settings))
        let before = try Data(contentsOf: URL(fileURLWithPath: store.files.snapshot))

        let flag = CancellationFlag()
        var fitted: FSRSOptimizer.Result?
        #expect(throws: OptimizerError.cancelled) {
            fitted = try FSRSOptimizer().fit(ReviewHistory(profile: store.profile), cancellation: flag) {
                progress in
                if progress.step == 1 { flag.cancel() }
            }
        }
        #expect(fitted == nil)
        store.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.files.snapshot)) == before)
        let reopened = try ProgressStore.readProfile(at: URL(fileURLWithPath: store.files.snapshot))
        #expect(reopened.settings == SchedulerSettings())
    }

    @Test func updatingSettingsSavesThem() throws {
        let store = try ProgressStore.open(profile: "p", in: folder.url)
        var settings = store.profile.settings
        settings.parameters[8] = 2.0
        try store.updateSettings(settings)
        store.close()
        let reopened = try ProgressStore.readProfile(at: URL(fileURLWithPath: store.files.snapshot))
        #expect(reopened.settings.parameters[8] == 2.0)
    }
}
