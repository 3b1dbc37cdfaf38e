import RecallCore

/// One line on the coming exam: predicted retention on the day, with and without the plan.
enum ExamLine {
    static func render(_ plan: ExamPlanner.Plan) -> String {
        let percent = { (value: Double) in "\(Int((value * 100).rounded()))%" }
        return
            "Exam on \(DateFormatting.day(plan.exam)) (\(plan.days.count) day\(plan.days.count == 1 ? "" : "s") away):"
            + " predicted retention \(percent(plan.predictedRetention)) with the plan,"
            + " \(percent(plan.retentionWithoutStudy)) without more study."
    }
}
