import CSQLite
import Foundation

/// A minimal SQLite connection for Anki packages: run statements, bind values, read rows.
final class SQLiteDatabase {
    /// A value bound to or read from a statement.
    enum Value: Hashable {
        case integer(Int64)
        case text(String)
        case null
    }

    private var handle: OpaquePointer?

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

    deinit {
        sqlite3_close(handle)
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
            guard status == SQLITE_ROW else { throw .corruptDatabase(Self.message(handle)) }
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
        case .null: sqlite3_bind_null(statement, index)
        }
    }

    private func column(_ index: Int32, of statement: OpaquePointer?) -> Value {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_NULL: return .null
        default:
            guard let bytes = sqlite3_column_text(statement, index) else { return .null }
            let count = Int(sqlite3_column_bytes(statement, index))
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        }
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
        case .integer(let number): String(number)
        case .null: nil
        }
    }

    var integer: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }
}
