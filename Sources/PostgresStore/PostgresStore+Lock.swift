import Foundation
import PostgresNIO
public import Store

extension PostgresStore {
    public func acquireLock(owner: String, ttl: Duration) async throws(StoreError) -> LeaseLock {
        let now = clock.now.date
        return try await transaction { db in
            // The identity row serializes lock changes across machines, as it does commits.
            _ = try await Self.identity(db, forUpdate: true)
            if let held = try await Self.lock(db), held.isLive(at: now) { throw StoreError.lockHeld(held) }
            let lock = LeaseLock(
                id: UUID().uuidString.lowercased(), owner: owner, acquiredAt: now, expiresAt: now.adding(ttl))
            try await SQL.rows(
                db,
                """
                INSERT INTO lease_lock (scope, lock_id, owner, acquired_at, expires_at) VALUES ('apply', ?, ?, ?, ?)
                ON CONFLICT (scope) DO UPDATE SET lock_id = excluded.lock_id, owner = excluded.owner,
                    acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
                """,
                [
                    .text(lock.id), .text(lock.owner), .double(lock.acquiredAt.timeIntervalSince1970),
                    .double(lock.expiresAt.timeIntervalSince1970),
                ])
            return lock
        }
    }

    public func renewLock(_ id: String, ttl: Duration) async throws(StoreError) -> LeaseLock {
        let now = clock.now.date
        return try await transaction { db in
            _ = try await Self.identity(db, forUpdate: true)
            guard var lock = try await Self.lock(db), lock.id == id, lock.isLive(at: now) else {
                throw StoreError.lockLost(id)
            }
            lock.expiresAt = now.adding(ttl)
            try await SQL.rows(
                db, "UPDATE lease_lock SET expires_at = ? WHERE scope = 'apply' AND lock_id = ?",
                [.double(lock.expiresAt.timeIntervalSince1970), .text(id)])
            return lock
        }
    }

    public func releaseLock(_ id: String) async throws(StoreError) -> Bool {
        try await withConnection { db in
            try await SQL.row(
                db, "DELETE FROM lease_lock WHERE scope = 'apply' AND lock_id = ? RETURNING lock_id", [.text(id)])
                != nil
        }
    }

    public func currentLock() async throws(StoreError) -> LeaseLock? {
        try await withConnection { db in try await Self.lock(db) }
    }

    static func lock(_ db: PostgresConnection) async throws -> LeaseLock? {
        guard let row = try await SQL.row(db, "SELECT * FROM lease_lock WHERE scope = 'apply'") else { return nil }
        return LeaseLock(
            id: try row.value("lock_id"), owner: try row.value("owner"),
            acquiredAt: Date(timeIntervalSince1970: try row.value("acquired_at")),
            expiresAt: Date(timeIntervalSince1970: try row.value("expires_at")))
    }
}
