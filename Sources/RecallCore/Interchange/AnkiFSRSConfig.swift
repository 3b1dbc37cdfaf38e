import Foundation

/// The FSRS-6 parameters and desired retention of an Anki collection's deck options, so the
/// imported history is replayed with the parameters Anki scheduled it with (an optimised preset
/// gives other stabilities than the defaults).
///
/// Read from the schema-18 `deck_config` table (protobuf `DeckConfig.Config`: field 6
/// `fsrs_params_6`, packed floats; field 37 `desired_retention`, a float) or from the legacy
/// `col.dconf` JSON (`fsrsParams6`, `desiredRetention`). Taken only when every preset that has
/// parameters has the same ones: recall schedules a profile with one set.
struct AnkiFSRSConfig: Equatable {
    var parameters: [Double]
    var desiredRetention: Double?

    static func read(_ db: SQLiteDatabase, tables: Set<String>) throws(InterchangeError) -> AnkiFSRSConfig? {
        var found: [AnkiFSRSConfig] = []
        if tables.contains("deck_config") {
            try db.forEachRow("SELECT config FROM deck_config") { row throws(InterchangeError) in
                guard case .blob(let blob) = row[0], let fields = ProtobufReader.fields(blob) else { return }
                let packed = ProtobufReader.bytes(6, in: fields).last ?? []
                guard packed.count == 21 * 4 else { return }
                let parameters = stride(from: 0, to: packed.count, by: 4).map { start in
                    Double(
                        Float(
                            bitPattern: (0..<4).reduce(UInt32(0)) {
                                $0 | UInt32(packed[start + $1]) << (8 * $1)
                            }))
                }
                let retention = fields.last { $0.number == 37 }.flatMap { field -> Double? in
                    if case .fixed32(let bits) = field.value { return Double(Float(bitPattern: bits)) }
                    return nil
                }
                found.append(AnkiFSRSConfig(parameters: parameters, desiredRetention: retention))
            }
        } else if let json = try db.query("SELECT dconf FROM col LIMIT 1").first?.first?.text,
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        {
            for case let preset as [String: Any] in object.values {
                guard let parameters = (preset["fsrsParams6"] as? [NSNumber])?.map(\.doubleValue),
                    parameters.count == 21
                else { continue }
                found.append(
                    AnkiFSRSConfig(
                        parameters: parameters,
                        desiredRetention: (preset["desiredRetention"] as? NSNumber)?.doubleValue))
            }
        }
        guard let first = found.first, found.allSatisfy({ $0.parameters == first.parameters }) else {
            return nil
        }
        return first
    }

    /// The settings with these parameters (and retention), or nil when recall's scheduler refuses them.
    func applied(to settings: SchedulerSettings) -> SchedulerSettings? {
        var changed = settings
        changed.parameters = parameters
        if let desiredRetention, desiredRetention > 0, desiredRetention < 1 {
            changed.desiredRetention = (desiredRetention * 100).rounded() / 100
        }
        return (try? Scheduler(settings: changed)) != nil ? changed : nil
    }
}
