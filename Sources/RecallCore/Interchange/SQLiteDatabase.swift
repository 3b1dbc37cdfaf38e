import CSQLite
import Foundation

/// A minimal SQLite connection for Anki packages: run statements, bind values, read rows.
final class SQLiteDatabase {
    /// A value bound to or read from a statement.
    enum Value: Hashable {
        case integer(Int64)
        case text(String)
        case blob([UInt8])
        case null
    }

    /// Bounds on what is read from an untrusted collection (issue 13, the SQLite bomb).
    struct ReadLimits {
        /// The largest single string or blob SQLite will produce (a generated column cannot compute more).
        var valueBytes: Int32 = 16 * 1024 * 1024
        /// The most bytes of text and blobs read over the connection's lifetime.
        var totalBytes = 512 * 1024 * 1024
        /// The most virtual-machine steps, in thousands, over the connection's lifetime.
        var kilosteps = 4_000_000
    }

    private var handle: OpaquePointer?
    private var limits = ReadLimits()
    private var bytesRead = 0
    /// Set when a value over `limits.valueBytes` was met (SQLite does not stop every function).
    private var valueTooLarge = false
    /// The progress handler's step counter (thousands), shared with the C callback.
    private let steps = UnsafeMutablePointer<Int>.allocate(capacity: 2)

    /// Opens (creating when `create`) the database file at `path`.
    init(path: String, create: Bool) throws(InterchangeError) {
        let flags = create ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY
        var db: OpaquePointer?
        let status = sqlite3_open_v2(path, &db, flags, nil)
        handle = db
        guard status == SQLITE_OK else {
            let message = Self.message(db)
            sqlite3_close(db)
            handle = nil
            throw .corruptDatabase(message)
        }
        // A hostile file cannot make one value exhaust memory: cap the length of a string or blob.
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024)
    }

    /// Opens an untrusted collection read-only from its bytes, in memory (no temporary file),
    /// with `limits`, and checks that its schema holds nothing a real Anki collection never has.
    init(untrusted bytes: Data, limits: ReadLimits = ReadLimits()) throws(InterchangeError) {
        self.limits = limits
        var db: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else {
            let message = Self.message(db)
            sqlite3_close(db)
            throw .corruptDatabase(message)
        }
        handle = db
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, limits.valueBytes)
        steps[0] = 0
        steps[1] = limits.kilosteps
        sqlite3_progress_handler(
            db, 1000,
            { context in
                guard let counter = context?.assumingMemoryBound(to: Int.self) else { return 1 }
                counter[0] += 1
                return counter[0] > counter[1] ? 1 : 0
            }, UnsafeMutableRawPointer(steps))
        var copy = [UInt8](bytes)
        // An in-memory database cannot be in WAL mode: mark the file as a rollback-journal one.
        if copy.count > 19, copy[18] == 2 || copy[19] == 2 { (copy[18], copy[19]) = (1, 1) }
        guard let memory = sqlite3_malloc64(UInt64(max(copy.count, 1))) else {
            throw .corruptDatabase("out of memory")
        }
        copy.withUnsafeBytes { source in
            if let base = source.baseAddress { memory.copyMemory(from: base, byteCount: source.count) }
        }
        let status = sqlite3_deserialize(
            db, "main", memory.assumingMemoryBound(to: UInt8.self), sqlite3_int64(copy.count),
            sqlite3_int64(copy.count),
            UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY))
        guard status == SQLITE_OK else { throw .corruptDatabase(Self.message(db)) }
        // Functions in the schema (generated columns, defaults) may not call anything unsafe.
        try execute("PRAGMA trusted_schema = OFF")
        try checkSchema()
    }

    deinit {
        sqlite3_close(handle)
        steps.deallocate()
    }

    /// Refuses what Anki never writes and a hostile file could use to compute without bound:
    /// triggers, views, virtual tables and generated columns.
    private func checkSchema() throws(InterchangeError) {
        var tables: [String] = []
        try forEachRow("SELECT type, name, sql FROM sqlite_master") { row throws(InterchangeError) in
            let type = row[0].text ?? ""
            let name = row[1].text ?? ""
            switch type {
            case "trigger", "view":
                throw .corruptDatabase(
                    "it holds a \(type) '\(name)', which an Anki collection never has; refusing to read it")
            case "table":
                if (row[2].text ?? "").uppercased().hasPrefix("CREATE VIRTUAL") {
                    throw .corruptDatabase(
                        "it holds a virtual table '\(name)', which an Anki collection never has; refusing to read it"
                    )
                }
                tables.append(name)
            default: break
            }
        }
        for table in tables {
            let quoted = table.replacingOccurrences(of: "\"", with: "\"\"")
            try forEachRow("PRAGMA table_xinfo(\"\(quoted)\")") { row throws(InterchangeError) in
                // Column 6 ("hidden"): 2 is a virtual generated column, 3 a stored one.
                if row.count > 6, let hidden = row[6].integer, hidden == 2 || hidden == 3 {
                    throw .corruptDatabase(
                        "the column '\(row[1].text ?? "")' of '\(table)' is a generated column, which an Anki collection never has; refusing to read it"
                    )
                }
            }
        }
    }

    /// Runs a query and hands each row to `body` as it is read (nothing is gathered), counting the
    /// bytes read against the connection's limit.
    func forEachRow(_ sql: String, _ body: ([Value]) throws(InterchangeError) -> Void)
        throws(InterchangeError)
    {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw stepFailure() }
            let row = (0..<sqlite3_column_count(statement)).map { column($0, of: statement) }
            if valueTooLarge || bytesRead > limits.totalBytes { throw stepFailure() }
            try body(row)
        }
    }

    /// The error for a failed step: a limit reached, or the database's own message.
    private func stepFailure() -> InterchangeError {
        let code = sqlite3_errcode(handle)
        if code == SQLITE_TOOBIG || valueTooLarge {
            return .corruptDatabase(
                "a value is larger than \(InterchangeError.megabytes(Int(limits.valueBytes))); refusing it")
        }
        if bytesRead > limits.totalBytes {
            return .corruptDatabase(
                "it holds more than \(InterchangeError.megabytes(limits.totalBytes)) of text; refusing it")
        }
        if code == SQLITE_INTERRUPT || steps[0] > steps[1] {
            return .corruptDatabase("reading it takes more work than any Anki collection needs; refusing it")
        }
        return .corruptDatabase(Self.message(handle))
    }

    /// Runs SQL that returns no rows (several statements allowed).
    func execute(_ sql: String) throws(InterchangeError) {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? Self.message(handle)
            sqlite3_free(error)
            throw .corruptDatabase(message)
        }
    }

    /// Runs one statement with bound values, once per row of `rows`.
    func run(_ sql: String, rows: [[Value]]) throws(InterchangeError) {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        for row in rows {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            for (index, value) in row.enumerated() {
                bind(value, at: Int32(index + 1), in: statement)
            }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw .corruptDatabase(Self.message(handle)) }
        }
    }

    /// The rows a query returns, each column as a value; at most `limit` rows.
    func query(_ sql: String, limit: Int = 1_000_000) throws(InterchangeError) -> [[Value]] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        var rows: [[Value]] = []
        while rows.count < limit {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw stepFailure() }
            rows.append((0..<sqlite3_column_count(statement)).map { column($0, of: statement) })
        }
        return rows
    }

    private func prepare(_ sql: String) throws(InterchangeError) -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw .corruptDatabase(Self.message(handle))
        }
        return statement
    }

    private func bind(_ value: Value, at index: Int32, in statement: OpaquePointer?) {
        switch value {
        case .integer(let number): sqlite3_bind_int64(statement, index, number)
        case .text(let text): sqlite3_bind_text(statement, index, text, -1, Self.transient)
        case .blob(let bytes): sqlite3_bind_blob(statement, index, bytes, Int32(bytes.count), Self.transient)
        case .null: sqlite3_bind_null(statement, index)
        }
    }

    /// One column of the current row; text and blobs count against the byte limit (a value over
    /// the limit reads as null after the limit is reached, and the next step fails).
    private func column(_ index: Int32, of statement: OpaquePointer?) -> Value {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_NULL: return .null
        case SQLITE_BLOB:
            let pointer = sqlite3_column_blob(statement, index)
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count <= budget(count), let pointer else { return .null }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default:
            guard let bytes = sqlite3_column_text(statement, index) else { return .null }
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count <= budget(count) else { return .null }
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        }
    }

    /// Counts `count` bytes read; once the total limit is passed, stops the statement (the next
    /// step fails with SQLITE_INTERRUPT) and returns 0 so the value is not copied.
    private func budget(_ count: Int) -> Int {
        guard count <= Int(limits.valueBytes) else {
            valueTooLarge = true
            sqlite3_interrupt(handle)
            return -1
        }
        bytesRead += count
        guard bytesRead <= limits.totalBytes else {
            sqlite3_interrupt(handle)
            return -1
        }
        return count
    }

    /// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func message(_ db: OpaquePointer?) -> String {
        sqlite3_errmsg(db).map { String(cString: $0) } ?? "unknown SQLite error"
    }
}

extension SQLiteDatabase.Value {
    var text: String? {
        switch self {
        case .text(let text): text
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .integer(let number): String(number)
        case .null: nil
        }
    }

    var integer: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }
}
