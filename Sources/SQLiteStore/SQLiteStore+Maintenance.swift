import GRDB
package import Store

extension SQLiteStore {
    /// Runs raw SQL in a write transaction: for tests that tamper with a store behind its back.
    package func executeRaw(_ sql: String) throws(StoreError) {
        try write { db throws(StoreError) in try Self.run { try db.execute(sql: sql) } }
    }
}

extension SQLiteStore {
    /// `PRAGMA synchronous` as the store's connections set it (2 is FULL): for the durability test.
    package func synchronousLevel() throws(StoreError) -> Int {
        try read { db throws(StoreError) in try Self.run { try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 } }
    }

    /// `PRAGMA synchronous` of the writer connection as it is now (claims lower it for their own commit only).
    package func writerSynchronousLevel() throws(StoreError) -> Int {
        try write { db throws(StoreError) in try Self.run { try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 } }
    }

    /// `PRAGMA secure_delete` of the writer connection as it is now (1 is on; the queue's writes turn it off for
    /// their own transaction only).
    package func writerSecureDelete() throws(StoreError) -> Int {
        try write { db throws(StoreError) in try Self.run { try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? -1 } }
    }
}
