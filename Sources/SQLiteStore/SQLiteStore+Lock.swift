import Foundation
import GRDB
public import Store

extension SQLiteStore {
    public func acquireLock(owner: String, ttl: Duration) async throws(StoreError) -> LeaseLock {
        let now = clock.now.date
        return try await asyncWrite { db throws(StoreError) -> LeaseLock in
            if let held = try Self.lock(db), held.isLive(at: now) { throw .lockHeld(held) }
            let lock = LeaseLock(
                id: UUID().uuidString.lowercased(), owner: owner, acquiredAt: now, expiresAt: now.adding(ttl))
            try Self.run {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO lease_lock (scope, lock_id, owner, acquired_at, expires_at)
                        VALUES ('apply', ?, ?, ?, ?)
                        """,
                    arguments: [
                        lock.id, lock.owner, lock.acquiredAt.timeIntervalSince1970,
                        lock.expiresAt.timeIntervalSince1970,
                    ])
            }
            return lock
        }
    }

    public func renewLock(_ id: String, ttl: Duration) async throws(StoreError) -> LeaseLock {
        let now = clock.now.date
        return try await asyncWrite { db throws(StoreError) -> LeaseLock in
            guard var lock = try Self.lock(db), lock.id == id, lock.isLive(at: now) else { throw .lockLost(id) }
            lock.expiresAt = now.adding(ttl)
            try Self.run {
                try db.execute(
                    sql: "UPDATE lease_lock SET expires_at = ? WHERE scope = 'apply' AND lock_id = ?",
                    arguments: [lock.expiresAt.timeIntervalSince1970, id])
            }
            return lock
        }
    }

    public func releaseLock(_ id: String) async throws(StoreError) -> Bool {
        try await asyncWrite { db throws(StoreError) -> Bool in
            try Self.run {
                try db.execute(sql: "DELETE FROM lease_lock WHERE scope = 'apply' AND lock_id = ?", arguments: [id])
                return db.changesCount > 0
            }
        }
    }

    public func currentLock() async throws(StoreError) -> LeaseLock? {
        try await asyncRead { db throws(StoreError) in try Self.lock(db) }
    }

    static func lock(_ db: Database) throws(StoreError) -> LeaseLock? {
        guard let row = try run({ try Row.fetchOne(db, sql: "SELECT * FROM lease_lock WHERE scope = 'apply'") })
        else { return nil }
        return LeaseLock(
            id: row["lock_id"], owner: row["owner"], acquiredAt: Date(timeIntervalSince1970: row["acquired_at"]),
            expiresAt: Date(timeIntervalSince1970: row["expires_at"]))
    }
}
