public import Foundation

/// A profile's scheduling settings, with py-fsrs 6.3.2's defaults.
public struct SchedulerSettings: Sendable, Hashable, Codable {
    /// The 21 FSRS-6 parameters w0…w20.
    public var parameters: [Double]
    /// Target probability of recall when a card comes due (0 < r < 1).
    public var desiredRetention: Double
    /// Learning steps, in seconds.
    public var learningSteps: [TimeInterval]
    /// Relearning steps, in seconds.
    public var relearningSteps: [TimeInterval]
    /// The longest interval, in days.
    public var maximumInterval: Int
    /// Whether review intervals are fuzzed.
    public var enableFuzzing: Bool
    /// How elapsed days are counted: nil, whole 24-hour periods (py-fsrs, what `scheduler replay`
    /// checks); set, calendar days that begin at a rollover hour in a time zone, as Anki counts
    /// them (an imported Anki history keeps Anki's stabilities).
    public var dayBoundary: DayBoundary?
    /// The learner's saved choice to have every card asked as typed recall (`recall settings
    /// --recall-only on`); not used by the scheduler, only by the study session
    /// (`PresentationRule`). Absent in older files, which reads as off.
    public var recallOnly: Bool?
    /// The local hour at which the learner's study day begins (`--day-starts`, saved by `recall
    /// study`); nil: the rollover of an imported Anki history if any, else 4 a.m.
    public var dayStarts: Int?

    /// The learner's study calendar in `timeZone`: the saved `--day-starts`, else the imported
    /// rollover hour, else 4 a.m.
    public func studyCalendar(timeZone: TimeZone = .current) -> StudyCalendar {
        StudyCalendar(
            timeZone: timeZone,
            rolloverHour: dayStarts ?? dayBoundary?.rolloverHour ?? StudyCalendar.defaultRolloverHour)
    }

    /// Calendar days in a time zone, each starting at `rolloverHour` (Anki's "next day starts at").
    public struct DayBoundary: Sendable, Hashable, Codable {
        /// A time-zone identifier (`Europe/Paris`); an unknown one counts as UTC.
        public var timeZone: String
        /// 0…23.
        public var rolloverHour: Int

        public init(timeZone: String, rolloverHour: Int) {
            self.timeZone = timeZone
            self.rolloverHour = min(max(rolloverHour, 0), 23)
        }

        enum CodingKeys: String, CodingKey {
            case timeZone = "time_zone", rolloverHour = "rollover_hour"
        }

        /// The day number of `date`: days since 1970 in the zone, less the rollover hour.
        func day(of date: Date) -> Int {
            calendar.day(of: date)
        }

        /// The study calendar these days are counted in.
        public var calendar: StudyCalendar {
            let zone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
            return StudyCalendar(timeZone: zone, rolloverHour: rolloverHour)
        }
    }

    /// FSRS-6's default parameters, as py-fsrs 6.3.2 ships them.
    public static let defaultParameters: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]

    public init(
        parameters: [Double] = SchedulerSettings.defaultParameters,
        desiredRetention: Double = 0.9,
        learningSteps: [TimeInterval] = [60, 600],
        relearningSteps: [TimeInterval] = [600],
        maximumInterval: Int = 36500,
        enableFuzzing: Bool = true,
        dayBoundary: DayBoundary? = nil,
        dayStarts: Int? = nil
    ) {
        self.parameters = parameters
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumInterval = maximumInterval
        self.enableFuzzing = enableFuzzing
        self.dayBoundary = dayBoundary
        self.dayStarts = dayStarts.map { min(max($0, 0), 23) }
    }
}
