public import Foundation
import GRDB
public import Store

/// The embedded default store: one SQLite file in WAL mode, shared by the CLI and the runner.
public final class SQLiteStore: ReconcilerStore {
    let pool: DatabasePool
    let clock: any WallClock
    /// Called inside the apply transaction after its writes and before it commits (tests kill the process here).
    let beforeCommit: (@Sendable () -> Void)?
    /// The database file.
    public let path: String
    /// Webhook versions as claims decoded them.
    let versions = WebhookVersions()

    /// Opens (creating if needed) the store at `path`, migrating it forward.
    ///
    /// With `keyCheck`, a new store records it and an existing one must match it (`StoreKey.check`).
    public init(
        path: String, keyCheck: String? = nil, clock: any WallClock = SystemClock(),
        busyTimeout: TimeInterval = 10, beforeCommit: (@Sendable () -> Void)? = nil
    ) throws(StoreError) {
        self.path = path
        self.clock = clock
        self.beforeCommit = beforeCommit
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "hookctl.store"
        // Deleted and overwritten content is zeroed, so a value replaced by its sealed form (a secret stored in
        // plain text by an older hookctl) leaves no copy in the file's free space.
        // `synchronous = FULL` in WAL mode fsyncs the log on every commit, so a commit that returned (an accepted
        // event, a recorded attempt) survives a power loss, not only a killed process; the queue commits batches
        // (group commit), so this costs one fsync per batch.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .backend("\(path) is a folder; an SQLite store is a file (e.g. \(path)/state.db)")
        }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .backend("\(path) is not an SQLite database; is --store (or HOOKCTL_STORE) the right file?")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
            throw .backend(
                "cannot open \(path) (\(error.message ?? "SQLite cannot open it")); check the folder's permissions")
        } catch {
            throw Self.mapped(error)
        }
        try migrate(createdAt: clock.now.date)
        if let keyCheck { try verify(keyCheck: keyCheck) }
    }

    private func verify(keyCheck: String) throws(StoreError) {
        try write { db throws(StoreError) in
            let stored = try Self.run { try String.fetchOne(db, sql: "SELECT key_check FROM store_info WHERE id = 1") }
            if let stored {
                guard stored == keyCheck else { throw .wrongKey }
            } else {
                try Self.run {
                    try db.execute(sql: "UPDATE store_info SET key_check = ? WHERE id = 1", arguments: [keyCheck])
                }
            }
        }
    }

    /// Runs a synchronous write transaction, mapping every failure to `StoreError`.
    func write<T>(_ body: (Database) throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                try Self.transaction(db, secureDelete: true, synced: true) { db throws(StoreError) in try body(db) }
            }
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Runs a synchronous read, mapping every failure to `StoreError`.
    func read<T>(_ body: (Database) throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            return try pool.read { db in try body(db) }
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Runs a write transaction without blocking the caller's thread while it waits for the writer.
    func asyncWrite<T: Sendable>(_ body: @Sendable (Database) throws(StoreError) -> T) async throws(StoreError) -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                try Self.transaction(db, secureDelete: true, synced: true, body)
            }
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Runs one of the delivery queue's write transactions: enqueue, claim, extend, finish.
    ///
    /// These write no secret (events, deliveries and redacted attempts only; a webhook disabled by its failures
    /// keeps its sealed document), so `secure_delete` is off for them, sparing the zeroing of every cell they
    /// overwrite in the queue and the history's indexes. Every other write keeps it on.
    ///
    /// With `synced: false` the commit does not wait for the disk (`synchronous = NORMAL` for it, `FULL` again after):
    /// only for writes that a power loss may undo without losing anything accepted or attempted, such as a claim's
    /// lease (a lost lease lets the delivery be claimed again, as an expired one does). The log is written in order,
    /// so the next durable commit makes such a write durable too.
    func asyncQueueWrite<T: Sendable>(
        synced: Bool = true, _ body: @Sendable (Database) throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                try Self.transaction(db, secureDelete: false, synced: synced, body)
            }
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Runs a delivery queue write that the calling task's cancellation does not stop: `finish`, so that a worker
    /// cancelled with attempts in hand (another service failed, or the stop itself was cancelled) still records what
    /// its receivers answered, and hands back what it did not send, instead of leaving both to their leases.
    /// GRDB's `async` accesses give up in a cancelled task; a write scheduled on the writer's queue runs to its end.
    func asyncQueueWriteToEnd<T: Sendable>(
        _ body: @escaping @Sendable (Database) throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            pool.asyncWriteWithoutTransaction { db in
                do {
                    continuation.resume(
                        returning: .success(try Self.transaction(db, secureDelete: false, synced: true, body)))
                } catch {
                    continuation.resume(returning: .failure(Self.mapped(error)))
                }
            }
        }
        return try result.get()
    }

    /// One write transaction on the writer connection, with `secure_delete` and `synchronous` set for it first:
    /// every write sets both, rather than trusting the last one to have put them back (a write whose access was
    /// cancelled cannot run another statement, and would leave its settings to the next). SQLite refuses to change
    /// the level inside a transaction, so both are set before it; after it they go back to the defaults (on, FULL)
    /// for GRDB's own statements between writes.
    private static func transaction<T>(
        _ db: Database, secureDelete: Bool, synced: Bool, _ body: (Database) throws(StoreError) -> T
    ) throws -> T {
        try db.execute(sql: secureDelete ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF")
        try db.execute(sql: synced ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        var result: Result<T, any Error> = .failure(StoreError.backend("the write did not run"))
        do {
            try db.inTransaction {
                result = .success(try body(db))
                return .commit
            }
        } catch {
            result = .failure(error)
        }
        if !secureDelete { try db.execute(sql: "PRAGMA secure_delete = ON") }
        if !synced { try db.execute(sql: "PRAGMA synchronous = FULL") }
        return try result.get()
    }

    /// Runs a read without blocking the caller's thread.
    func asyncRead<T: Sendable>(_ body: @Sendable (Database) throws(StoreError) -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read { db in try body(db) }
        } catch {
            throw Self.mapped(error)
        }
    }

    /// Runs a GRDB call, mapping its error.
    static func run<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw mapped(error) }
    }

    /// A driver error as a `StoreError`, keeping only SQLite's message (never the SQL arguments).
    static func mapped(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            return .backend("\(error.message ?? "SQLite error") (\(error.resultCode))")
        }
        return .backend(String(describing: type(of: error)))
    }
}
