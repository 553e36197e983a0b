import NIOCore
import PostgresNIO
import Store

/// A value bound to a `$n` parameter; SQL text keeps SQLite's `?` placeholders and `SQL.query` numbers them.
enum SQLValue: Sendable {
    case text(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case bytes([UInt8])
    /// A `text[]`, for `= ANY(?)`.
    case texts([String])
    case doubles([Double])
    /// An `int8[]`, a `bool[]` and a `bytea[]`, for `unnest` of many rows at once.
    case ints([Int64])
    case bools([Bool])
    case blobs([[UInt8]])
    case null
}

extension SQLValue {
    init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    init(_ number: Int) { self = .int(Int64(number)) }
    init(_ time: Double?) { self = time.map(SQLValue.double) ?? .null }
}

/// Queries over one connection with positional `?` parameters, rows read by column name.
enum SQL {
    /// `?` → `$1`, `$2`, …, in order (none of hookctl's statements has a `?` inside a literal).
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        for character in sql {
            if character == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    static func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .int(let number): binds.append(number)
            case .double(let number): binds.append(number)
            case .bool(let flag): binds.append(flag)
            case .bytes(let bytes): binds.append(ByteBuffer(bytes: bytes))
            case .texts(let texts): binds.append(texts)
            case .doubles(let numbers): binds.append(numbers)
            case .ints(let numbers): binds.append(numbers)
            case .bools(let flags): binds.append(flags)
            case .blobs(let blobs): binds.append(blobs.map { ByteBuffer(bytes: $0) })
            case .null: binds.appendNull()
            }
        }
        return binds
    }

    /// The longest a statement may go unanswered before its call fails and its connection is closed.
    static let answerTimeout: TimeAmount = .seconds(60)

    /// Runs `sql` and returns its rows; throws at once on a connection that has closed, and after `answerTimeout`
    /// on one that never answers.
    ///
    /// postgres-nio (1.33.2) writes a query to its channel without checking it is open: once a closed channel's
    /// handlers are gone (the server restarted), the query is dropped and its promise is never completed, so the
    /// caller would wait forever (a release build) or crash on the leaked promise (a debug build). So the connection
    /// is checked before the query, and again on its event loop just after the query's write there: a connection
    /// that closed between the two (seen when a server restarts under a runner: its commit then waited out the whole
    /// timeout) fails the call at once. The timeout is for a server that never answers. The query's own future
    /// cannot be cancelled, so the caller waits on a promise of its own, which the check and the timeout can fail.
    @discardableResult
    static func rows(
        _ connection: PostgresConnection, _ sql: String, _ values: [SQLValue] = [],
        timeout: TimeAmount = answerTimeout
    ) async throws -> [PostgresRandomAccessRow] {
        let closed = StoreError.backend("cannot reach PostgreSQL: the connection closed")
        guard !connection.isClosed else { throw closed }
        let query = PostgresQuery(unsafeSQL: numbered(sql), binds: bindings(values))
        let answer = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        let timer = connection.eventLoop.scheduleTask(in: timeout) {
            answer.fail(
                StoreError.backend("PostgreSQL did not answer within \(timeout.nanoseconds / 1_000_000_000) s"))
            connection.close().whenComplete { _ in }
        }
        connection.query(query, logger: PostgresStore.quiet).whenComplete { result in
            timer.cancel()
            answer.completeWith(result)
        }
        // Runs after the query's write (both go through the event loop in order): closed now, the write was dropped,
        // or the connection's close fails the query anyway. A completed answer ignores this.
        connection.eventLoop.execute {
            guard connection.isClosed else { return }
            timer.cancel()
            answer.fail(closed)
        }
        return try await answer.futureResult.get().rows.map { $0.makeRandomAccess() }
    }

    /// Runs `sql` and returns its first row, if any.
    static func row(
        _ connection: PostgresConnection, _ sql: String, _ values: [SQLValue] = []
    ) async throws -> PostgresRandomAccessRow? {
        try await rows(connection, sql, values).first
    }

    /// Runs statements without parameters (migrations), one by one.
    static func execute(_ connection: PostgresConnection, _ script: String) async throws {
        for statement in statements(script) where !statement.allSatisfy(\.isWhitespace) {
            try await rows(connection, statement)
        }
    }

    /// `script` split at its semicolons, except those inside a `$$`-quoted function body.
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quoted = false
        var previous: Character?
        for character in script {
            if character == "$" && previous == "$" { quoted.toggle() }
            if character == ";" && !quoted {
                statements.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character == "$" && previous == "$" ? nil : character
        }
        statements.append(current)
        return statements
    }
}

extension PostgresRandomAccessRow {
    /// The column `name`, decoded.
    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self)
    }

    /// A `bytea` column as bytes.
    func bytes(_ name: String) throws -> [UInt8] {
        Array(try self[name].decode(ByteBuffer.self).readableBytesView)
    }
}
