import Foundation
import RecallCore

extension StatsView.Canvas {
    /// Rows of the forecast's bar chart.
    static let chartHeight = 5
    static let eighths = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A vertical bar chart of due cards per day: a column of one to three cells per day.
    func forecast(_ forecast: StatsReport.Forecast) -> [String] {
        let days = forecast.days
        let overdue = forecast.overdue > 0 ? " (\(forecast.overdue) overdue, counted today)" : ""
        var lines = [title("Due in the next \(days.count) days\(overdue)")]
        let peak = days.map(\.count).max() ?? 0
        guard peak > 0, !days.isEmpty else {
            return lines + ["  " + style.dim("nothing due")]
        }
        let axis = String(peak).count + 1
        let cell = max(1, min(3, (width - 3 - axis) / days.count))
        let bar = cell > 1 ? cell - 1 : 1
        let height = Self.chartHeight
        for row in stride(from: height - 1, through: 0, by: -1) {
            let label = row == height - 1 ? String(peak) : (row == 0 ? "0" : "")
            var line = "  " + DisplayWidth.pad(label, to: axis - 1, alignRight: true) + " │"
            for day in days {
                // A day with any cards due shows at least the lowest eighth.
                let level =
                    day.count == 0
                    ? 0 : max(1, Int((Double(day.count * height * 8) / Double(peak)).rounded()))
                let filled = min(8, max(0, level - row * 8))
                let glyph = Self.eighths[filled]
                let text =
                    filled == 0 ? String(repeating: " ", count: bar) : String(repeating: glyph, count: bar)
                line += (filled == 0 ? text : style.yellow(text)) + String(repeating: " ", count: cell - bar)
            }
            lines.append(line)
        }
        // Day marks under the chart: today, +10, +20 … where there is room.
        var marks = String(repeating: " ", count: axis + 3)
        for (index, _) in days.enumerated() where index % 10 == 0 {
            let text = index == 0 ? "today" : "+\(index)"
            let position = axis + 3 + index * cell
            if DisplayWidth.of(marks) <= position, position + text.count <= width {
                marks += String(repeating: " ", count: position - DisplayWidth.of(marks)) + text
            }
        }
        lines.append(style.dim(marks))
        return lines
    }

    /// A calendar of reviews per day: weeks left to right, Monday to Sunday top to bottom.
    func heatmap(_ activity: StatsReport.Activity, streak: Int, total: Int) -> [String] {
        let days = activity.days
        var lines = [title("Reviews, last \(activity.weeks) weeks")]
        let weeks = (days.count + 6) / 7
        let cell = 6 + weeks * 2 <= width ? 2 : 1
        let peak = days.map(\.count).max() ?? 0
        lines.append(monthLine(days, weeks: weeks, cell: cell))
        let names = ["Mon", "", "Wed", "", "Fri", "", "Sun"]
        for row in 0..<7 {
            var line = "  " + DisplayWidth.pad(names[row], to: 4)
            for week in 0..<weeks {
                let index = week * 7 + row
                let glyph: String
                if index >= days.count {
                    glyph = " "
                } else if days[index].count == 0 {
                    glyph = style.dim("·")
                } else {
                    let level = min(
                        4, max(1, Int((Double(days[index].count) * 4 / Double(peak)).rounded(.up))))
                    glyph = style.green(["░", "▒", "▓", "█"][level - 1])
                }
                line += glyph + String(repeating: " ", count: cell - 1)
            }
            lines.append(line)
        }
        let legend = [
            "less ░▒▓█ more",
            "\(Format.count(activity.days.map(\.count).reduce(0, +), "review")) on \(Format.count(activity.activeDays, "day"))",
            "streak \(Format.count(streak, "day"))",
        ]
        return lines + flow(legend)
    }

    /// Month names above the weeks in which a month begins, where they do not overlap.
    private func monthLine(_ days: [StatsReport.DayCount], weeks: Int, cell: Int) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var line = String(repeating: " ", count: 6)
        var previousMonth = ""
        for week in 0..<weeks where week * 7 < days.count {
            let date = days[week * 7].date
            let month = String(date.dropFirst(5).prefix(2))
            defer { previousMonth = month }
            guard month != previousMonth, let number = Int(month), (1...12).contains(number) else { continue }
            let position = 6 + week * cell
            let used = DisplayWidth.of(line)
            guard used <= position, position + 3 <= width else { continue }
            line += String(repeating: " ", count: position - used) + names[number - 1]
        }
        return style.dim(line)
    }

    /// Horizontal bars of reviewed cards by stability.
    func stability(_ buckets: [StatsReport.StabilityBucket]) -> [String] {
        var lines = [title("Memory stability (days)")]
        let peak = buckets.map(\.cards).max() ?? 0
        guard peak > 0 else { return lines + ["  " + style.dim("no reviewed cards yet")] }
        let labelWidth = (buckets.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
        let countWidth = String(peak).count
        let barWidth = max(4, width - 2 - labelWidth - 1 - countWidth)
        for bucket in buckets {
            let bar = Self.bar(Double(bucket.cards) / Double(peak), columns: barWidth)
            lines.append(
                "  " + DisplayWidth.pad(bucket.label, to: labelWidth) + style.green(bar) + " "
                    + DisplayWidth.pad(String(bucket.cards), to: countWidth, alignRight: true))
        }
        return lines
    }
}
