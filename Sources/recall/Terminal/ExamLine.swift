import RecallCore

/// One line on the coming exam: predicted retention on the day, with and without the plan.
enum ExamLine {
    static func render(_ plan: ExamPlanner.Plan) -> String {
        "Exam on \(plan.examDay) (\(Format.count(plan.days.count, "day")) away):"
            + " predicted retention \(Format.percent(plan.predictedRetention)) with the plan,"
            + " \(Format.percent(plan.retentionWithoutStudy)) without more study."
    }
}
